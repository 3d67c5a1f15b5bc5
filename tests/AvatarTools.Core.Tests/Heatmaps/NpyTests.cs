using System.Buffers.Binary;
using System.Text;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using Xunit;

namespace AvatarTools.Core.Tests.Heatmaps;

public sealed class NpyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "npy-tests-" + Guid.NewGuid().ToString("N"));

    public NpyTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A .npy file made by hand: magic, version, little-endian header length, the dict padded to 64 bytes, data.</summary>
    private static byte[] MakeFile(string dict, byte[] data, int major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var length = dict.Length + 1;
        var padded = dict + new string(' ', (64 - ((prefix + length) % 64)) % 64) + "\n";
        var header = Encoding.Latin1.GetBytes(padded);
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        if (major == 1)
        {
            bytes.Add((byte)(header.Length & 0xFF));
            bytes.Add((byte)(header.Length >> 8));
        }
        else
        {
            bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        }
        bytes.AddRange(header);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static readonly double[] Sample = { 1.5, -2.25, 0.125, 3.0, 0.0, -0.5 };

    private static byte[] Encode(string dtype, double[] values)
    {
        var size = dtype[2] - '0';
        var big = dtype[0] == '>';
        var data = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var span = data.AsSpan(i * size, size);
            switch (size)
            {
                case 2:
                    if (big) BinaryPrimitives.WriteHalfBigEndian(span, (Half)values[i]); else BinaryPrimitives.WriteHalfLittleEndian(span, (Half)values[i]);
                    break;
                case 4:
                    if (big) BinaryPrimitives.WriteSingleBigEndian(span, (float)values[i]); else BinaryPrimitives.WriteSingleLittleEndian(span, (float)values[i]);
                    break;
                default:
                    if (big) BinaryPrimitives.WriteDoubleBigEndian(span, values[i]); else BinaryPrimitives.WriteDoubleLittleEndian(span, values[i]);
                    break;
            }
        }
        return data;
    }

    [Theory]
    [InlineData("<f4")]
    [InlineData(">f4")]
    [InlineData("<f8")]
    [InlineData(">f8")]
    [InlineData("<f2")]
    [InlineData(">f2")]
    public void ReadsEachDtypeAndByteOrder(string dtype)
    {
        var bytes = MakeFile($"{{'descr': '{dtype}', 'fortran_order': False, 'shape': (2, 3), }}", Encode(dtype, Sample));
        var heatmap = NpyReader.ToHeatmap(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal(2, heatmap.Height);
        Assert.Equal(3, heatmap.Width);
        Assert.Equal(new float[] { 1.5f, -2.25f, 0.125f, 3f, 0f, -0.5f }, heatmap.Values.ToArray());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ReadsVersionTwoAndThreeHeaders(int major)
    {
        var bytes = MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 2, 3), }", Encode("<f4", Sample), major);
        var heatmap = NpyReader.ToHeatmap(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal((2, 3), (heatmap.Height, heatmap.Width));
        Assert.Equal(-2.25f, heatmap[0, 1]);
    }

    [Fact]
    public void DropsLeadingSingletonDimensions()
    {
        var values = Enumerable.Range(0, 49).Select(i => (double)i).ToArray();
        var bytes = MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 7, 7), }", Encode("<f4", values));
        var heatmap = NpyReader.ToHeatmap(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal((7, 7), (heatmap.Height, heatmap.Width));
        Assert.Equal(23f, heatmap[3, 2]);
    }

    [Fact]
    public void ConvertsFortranOrderToRowMajor()
    {
        // A 2 × 3 array [[a, b, c], [d, e, f]] in Fortran order is stored column by column: a d b e c f.
        var bytes = MakeFile("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", Encode("<f4", new double[] { 1, 4, 2, 5, 3, 6 }));
        var heatmap = NpyReader.ToHeatmap(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, heatmap.Values.ToArray());
    }

    [Fact]
    public void ConvertsFortranOrderInThreeDimensions()
    {
        // Shape (2, 2, 2): element (t, y, x) sits at Fortran offset t + 2y + 4x; give it the value 100t + 10y + x.
        var data = new double[8];
        for (var t = 0; t < 2; t++)
        {
            for (var y = 0; y < 2; y++)
            {
                for (var x = 0; x < 2; x++)
                {
                    data[t + (2 * y) + (4 * x)] = (100 * t) + (10 * y) + x;
                }
            }
        }
        var bytes = MakeFile("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2, 2), }", Encode("<f8", data));
        var maps = NpyReader.ToHeatmaps(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal(new float[] { 0, 1, 10, 11 }, maps[0].Values.ToArray());
        Assert.Equal(new float[] { 100, 101, 110, 111 }, maps[1].Values.ToArray());
    }

    [Fact]
    public void ReadsPerClipSequences()
    {
        var values = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        var bytes = MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1, 2, 2), }", Encode("<f4", values));
        var maps = NpyReader.ToHeatmaps(NpyReader.Parse(bytes, "x.npy"));
        Assert.Equal(3, maps.Count);
        Assert.Equal(new float[] { 8, 9, 10, 11 }, maps[2].Values.ToArray());
    }

    [Fact]
    public void WritesTheHeaderNumpyWrites()
    {
        // numpy.save of a (7, 7) float32 array: the dict, 21 − len("7") = 20 growth spaces, padding to 128 bytes, '\n'.
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (7, 7), }" + new string(' ', 20);
        Assert.Equal(79, dict.Length);
        var expectedText = dict + new string(' ', 128 - 10 - 79 - 1) + "\n";
        var expected = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 }
            .Concat(Encoding.ASCII.GetBytes(expectedText)).ToArray();
        Assert.Equal(expected, NpyWriter.CreateHeader(new[] { 7, 7 }));
        Assert.Equal(128, expected.Length);
        var oneDimensional = NpyWriter.CreateHeader(new[] { 3 });
        Assert.Equal(128, oneDimensional.Length);
        Assert.Contains("'shape': (3,), }", Encoding.ASCII.GetString(oneDimensional), StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrips()
    {
        var values = Enumerable.Range(0, 15).Select(i => (float)Math.Sin(i) * 7).ToArray();
        var path = Path.Combine(_folder, "map.npy");
        NpyWriter.Write(path, new Heatmap(3, 5, values));
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(128 + (15 * 4), bytes.Length);
        Assert.Equal(values[14], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(128 + 56)));
        var read = NpyReader.ReadHeatmap(path);
        Assert.Equal((3, 5), (read.Height, read.Width));
        Assert.Equal(values, read.Values.ToArray());

        var sequencePath = Path.Combine(_folder, "clip.npy");
        NpyWriter.WriteSequence(sequencePath, new[] { new Heatmap(3, 5, values), new Heatmap(3, 5, values.Select(v => -v).ToArray()) });
        var maps = NpyReader.ReadHeatmaps(sequencePath);
        Assert.Equal(2, maps.Count);
        Assert.Equal(-values[4], maps[1][0, 4]);
    }

    private static AvatarDataException Fails(byte[] bytes) =>
        Assert.Throws<AvatarDataException>(() => NpyReader.ToHeatmap(NpyReader.Parse(bytes, "bad.npy")));

    [Fact]
    public void RejectsBadFiles()
    {
        var good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        var data = Encode("<f4", Sample);

        var magic = MakeFile(good, data);
        magic[1] = (byte)'X';
        Assert.Equal("InvalidNpy", Fails(magic).ErrorId);
        Assert.Equal("InvalidNpy", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", data)).ErrorId);
        Assert.Equal("InvalidNpy", Fails(MakeFile(good, data[..20])).ErrorId);
        Assert.Equal("InvalidNpy", Fails(MakeFile("{'descr': '<f4', 'shape': (2, 3), }", data)).ErrorId);
        var complex = Fails(MakeFile("{'descr': '<c8', 'fortran_order': False, 'shape': (2, 3), }", data));
        Assert.Equal("UnsupportedNpyDtype", complex.ErrorId);
        Assert.Contains("<f4", complex.Message, StringComparison.Ordinal);
        Assert.Equal("UnsupportedNpyDtype", Fails(MakeFile("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", data)).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", data)).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 3), }", data)).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", Array.Empty<byte>())).ErrorId);

        var withNaN = Encode("<f4", new[] { 1, double.NaN, 0, 0, 0, 0 });
        var nan = Fails(MakeFile(good, withNaN));
        Assert.Equal("NonFiniteHeatmap", nan.ErrorId);
        Assert.Equal("bad.npy", nan.Path);
        Assert.StartsWith("bad.npy", nan.Message, StringComparison.Ordinal);
        Assert.Equal("NonFiniteHeatmap", Fails(MakeFile(good, Encode("<f4", new[] { 1, 0, 0, 0, 0, double.PositiveInfinity }))).ErrorId);
        Assert.Equal("NonFiniteHeatmap", Fails(MakeFile("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", Encode("<f8", new[] { 1, 1e300, 0, 0, 0, 0 }))).ErrorId);
    }

    [Fact]
    public void ReportsMissingFiles()
    {
        var path = Path.Combine(_folder, "missing.npy");
        var error = Assert.Throws<AvatarDataException>(() => NpyReader.ReadHeatmap(path));
        Assert.Equal("HeatmapNotFound", error.ErrorId);
        Assert.Equal(AvatarErrorKind.NotFound, error.Kind);
        Assert.Equal(path, error.Path);
    }
}
