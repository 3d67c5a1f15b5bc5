using System.Buffers.Binary;
using System.Text;
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

    [Theory]
    // numpy.save of np.array([[0, 1, 2], [250, 255, 7]], dtype=...) writes these bytes after the header.
    [InlineData("|u1", new byte[] { 0, 1, 2, 250, 255, 7 }, new float[] { 0, 1, 2, 250, 255, 7 })]
    [InlineData("|i1", new byte[] { 0, 1, 2, 250, 255, 7 }, new float[] { 0, 1, 2, -6, -1, 7 })]
    [InlineData("<i2", new byte[] { 0, 0, 1, 0, 0, 1, 0xFF, 0xFF, 0x00, 0x80, 7, 0 }, new float[] { 0, 1, 256, -1, -32768, 7 })]
    [InlineData(">u2", new byte[] { 0, 0, 0, 1, 1, 0, 0xFF, 0xFF, 0x80, 0x00, 0, 7 }, new float[] { 0, 1, 256, 65535, 32768, 7 })]
    [InlineData("|b1", new byte[] { 0, 1, 0, 1, 1, 0 }, new float[] { 0, 1, 0, 1, 1, 0 })]
    public void ReadsIntegerAndBooleanArraysAsFloat(string dtype, byte[] data, float[] expected)
    {
        var bytes = MakeFile($"{{'descr': '{dtype}', 'fortran_order': False, 'shape': (2, 3), }}", data);
        Assert.Equal(expected, NpyReader.ToHeatmap(NpyReader.Parse(bytes, "x.npy")).Values.ToArray());
    }

    [Fact]
    public void ReadsWideIntegersToTheNearestFloat()
    {
        // 2^24 + 1 = 16777217 is not a float32: it rounds (to even) to 16777216; -2^63 and 2^64 - 1 are powers of two (or round to one).
        var data = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(data, 16_777_217);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), long.MinValue);
        var map = NpyReader.ToHeatmap(NpyReader.Parse(MakeFile("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", data), "x.npy"));
        Assert.Equal(new[] { 16_777_216f, -9.223372e18f }, map.Values.ToArray());
        BinaryPrimitives.WriteUInt64LittleEndian(data, ulong.MaxValue);
        var unsigned = NpyReader.ToHeatmap(NpyReader.Parse(MakeFile("{'descr': '<u8', 'fortran_order': False, 'shape': (1, 2), }", data), "x.npy"));
        Assert.Equal(18_446_744_073_709_551_616f, unsigned[0, 0]);
    }

    [Fact]
    public void AConstantMapIsAValidMap()
    {
        var map = NpyReader.ToHeatmap(NpyReader.Parse(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", Encode("<f4", new double[] { 0.25, 0.25, 0.25, 0.25, 0.25, 0.25 })), "x.npy"));
        Assert.Equal(0.25f, map.Minimum);
        Assert.Equal(0.25f, map.Maximum);
    }

    [Fact]
    public void RefusesTheRestOfTheCatalogue()
    {
        var good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        var data = Encode("<f4", Sample);

        // Object arrays are pickles: never loaded.
        var pickled = Fails(MakeFile("{'descr': '|O', 'fortran_order': False, 'shape': (2, 3), }", new byte[48]));
        Assert.Equal("UnsupportedNpyDtype", pickled.ErrorId);
        Assert.Contains("pickle", pickled.Message, StringComparison.Ordinal);
        Assert.Equal("UnsupportedNpyDtype", Fails(MakeFile("{'descr': '<U3', 'fortran_order': False, 'shape': (2, 3), }", new byte[72])).ErrorId);
        Assert.Equal("UnsupportedNpyDtype", Fails(MakeFile("{'descr': '<M8[s]', 'fortran_order': False, 'shape': (2, 3), }", new byte[48])).ErrorId);
        Assert.Equal("UnsupportedNpyDtype", Fails(MakeFile("{'descr': '<f16', 'fortran_order': False, 'shape': (2, 3), }", new byte[96])).ErrorId);

        // Oddly shaped: a scalar, 1-D, 3-D with a non-leading singleton, 4-D, an empty axis.
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", data[..4])).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 1, 3), }", data)).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 0), }", Array.Empty<byte>())).ErrorId);
        Assert.Equal("InvalidHeatmapShape", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", data)).ErrorId);

        // Truncated: in the magic, in the header, in the data; and too long: two arrays saved into one file.
        var file = MakeFile(good, data);
        Assert.Equal("InvalidNpy", Fails(Array.Empty<byte>()).ErrorId);
        Assert.Equal("InvalidNpy", Fails(file[..5]).ErrorId);
        Assert.Equal("InvalidNpy", Fails(file[..40]).ErrorId);
        Assert.Equal("InvalidNpy", Fails(file[..^1]).ErrorId);
        var twice = Fails(file.Concat(file).ToArray());
        Assert.Equal("InvalidNpy", twice.ErrorId);
        Assert.Contains("after the data", twice.Message, StringComparison.Ordinal);

        // A header over numpy's 10,000-byte limit, and one nested deeper than any NumPy header (no stack overflow).
        Assert.Equal("InvalidNpy", Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': '" + new string('a', 10_100) + "', }", data, 2)).ErrorId);
        var deep = Fails(MakeFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': " + new string('(', 4000) + new string(')', 4000) + ", }", data, 1));
        Assert.Equal("InvalidNpy", deep.ErrorId);
        Assert.Contains("nests", deep.Message, StringComparison.Ordinal);

        // NaN and infinity in float16 and float64 too.
        Assert.Equal("NonFiniteHeatmap", Fails(MakeFile("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }", Encode("<f2", new[] { 0, 0, double.NaN, 0, 0, 0 }))).ErrorId);
        Assert.Equal("NonFiniteHeatmap", Fails(MakeFile("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 3), }", Encode(">f8", new[] { 0, 0, 0, 0, 0, double.NegativeInfinity }))).ErrorId);
    }

    [Fact]
    public void ReportsFilesThatAreNotRegularFiles()
    {
        var folder = Path.Combine(_folder, "00001.npy");
        Directory.CreateDirectory(folder);
        Assert.Equal("NotARegularFile", Assert.Throws<AvatarDataException>(() => NpyReader.ReadHeatmap(folder)).ErrorId);
        var fifo = Path.Combine(_folder, "00002.npy");
        if (IO.SpecialFiles.TryMakeFifo(fifo))
        {
            Assert.Equal("NotARegularFile", Assert.Throws<AvatarDataException>(() => NpyReader.ReadHeatmap(fifo)).ErrorId);
        }
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
