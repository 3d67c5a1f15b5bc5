using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) of float16, float32 or float64 values in
/// either byte order and either memory order, into <see cref="Heatmap"/> objects.
/// </summary>
/// <remarks>
/// Errors are <see cref="AvatarDataException"/>s naming the file, with the ids <c>HeatmapNotFound</c>,
/// <c>InvalidNpy</c>, <c>UnsupportedNpyDtype</c>, <c>NonFiniteHeatmap</c> and <c>InvalidHeatmapShape</c>.
/// </remarks>
public static class NpyReader
{
    /// <summary>The accepted <c>descr</c> values.</summary>
    public static readonly IReadOnlyList<string> SupportedDTypes = new[] { "<f4", ">f4", "<f8", ">f8", "<f2", ">f2" };

    private static ReadOnlySpan<byte> Magic => new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Reads a file as a flat array with its shape.</summary>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AvatarDataException("HeatmapNotFound", AvatarErrorKind.NotFound, path, "The heatmap file does not exist.", exception);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of a <c>.npy</c> file; <paramref name="path"/> names it in errors.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw Invalid(path, "The file does not start with the NumPy magic string \\x93NUMPY.");
        }
        var major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw Invalid(path, "The header is truncated.");
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            if (length > int.MaxValue)
            {
                throw Invalid(path, "The header length is out of range.");
            }
            headerLength = (int)length;
            headerStart = 12;
        }
        else
        {
            throw Invalid(path, $"Format version {major}.{bytes[7]} is not supported; expected 1.0, 2.0 or 3.0.");
        }
        if (headerStart + (long)headerLength > bytes.Length)
        {
            throw Invalid(path, "The header is truncated.");
        }
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var header = encoding.GetString(bytes.Slice(headerStart, headerLength));
        var (descr, fortranOrder, shape) = ParseHeader(header, path);

        if (descr.Length != 3 || descr[1] != 'f' || (descr[0] != '<' && descr[0] != '>' && descr[0] != '=') || (descr[2] != '2' && descr[2] != '4' && descr[2] != '8'))
        {
            throw new AvatarDataException("UnsupportedNpyDtype", AvatarErrorKind.InvalidData, path,
                $"The dtype '{descr}' is not supported; expected one of {string.Join(", ", SupportedDTypes)}.");
        }
        var bigEndian = descr[0] == '>' || (descr[0] == '=' && !BitConverter.IsLittleEndian);
        var itemSize = descr[2] - '0';
        long count = 1;
        foreach (var dimension in shape)
        {
            count *= dimension;
            if (count > int.MaxValue / 8)
            {
                throw new AvatarDataException("InvalidHeatmapShape", AvatarErrorKind.InvalidData, path, $"The shape ({string.Join(", ", shape)}) is too large.");
            }
        }
        var data = bytes[(headerStart + headerLength)..];
        if (data.Length < count * itemSize)
        {
            throw Invalid(path, $"The data is truncated: shape ({string.Join(", ", shape)}) needs {count * itemSize} bytes; the file holds {data.Length}.");
        }
        var raw = new float[count];
        for (var i = 0; i < raw.Length; i++)
        {
            var item = data.Slice(i * itemSize, itemSize);
            double value = itemSize switch
            {
                2 => (double)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(item) : BinaryPrimitives.ReadHalfLittleEndian(item)),
                4 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(item) : BinaryPrimitives.ReadSingleLittleEndian(item),
                _ => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item),
            };
            var single = (float)value;
            if (!float.IsFinite(single))
            {
                throw new AvatarDataException("NonFiniteHeatmap", AvatarErrorKind.InvalidData, path,
                    double.IsFinite(value)
                        ? $"The value at flat index {i} ({value.ToString("R", CultureInfo.InvariantCulture)}) is outside the float32 range."
                        : $"The value at flat index {i} is {value.ToString(CultureInfo.InvariantCulture)}; heatmaps must be finite.");
            }
            raw[i] = single;
        }
        var values = fortranOrder && shape.Length > 1 ? ToCOrder(raw, shape) : raw;
        return new NpyArray(path, shape, descr, values);
    }

    /// <summary>
    /// Reads one heatmap: a 2-D array, or one with leading singleton dimensions such as (1, 1, 7, 7).
    /// </summary>
    public static Heatmap ReadHeatmap(string path) => ToHeatmap(Read(path));

    /// <summary>Converts a parsed array to a heatmap (2-D after dropping leading singleton dimensions).</summary>
    public static Heatmap ToHeatmap(NpyArray array)
    {
        var shape = array.Shape;
        var first = 0;
        while (shape.Count - first > 2 && shape[first] == 1)
        {
            first++;
        }
        if (shape.Count - first != 2 || shape[first] <= 0 || shape[first + 1] <= 0)
        {
            throw new AvatarDataException("InvalidHeatmapShape", AvatarErrorKind.InvalidData, array.Path,
                $"The shape ({string.Join(", ", shape)}) is not a 2-D map; expected (h, w), optionally with leading dimensions of size 1.");
        }
        return new Heatmap(shape[first], shape[first + 1], array.RawValues);
    }

    /// <summary>
    /// Reads a per-clip file of shape [T, h, w] (also [T, 1, h, w], leading singleton dimensions, or a single
    /// 2-D map as T = 1) as its T heatmaps in order.
    /// </summary>
    public static IReadOnlyList<Heatmap> ReadHeatmaps(string path) => ToHeatmaps(Read(path));

    /// <summary>Converts a parsed array to a sequence of heatmaps; see <see cref="ReadHeatmaps(string)"/>.</summary>
    public static IReadOnlyList<Heatmap> ToHeatmaps(NpyArray array)
    {
        var shape = array.Shape.ToList();
        while (shape.Count > 3 && shape[0] == 1)
        {
            shape.RemoveAt(0);
        }
        if (shape.Count == 4 && shape[1] == 1)
        {
            shape.RemoveAt(1);
        }
        if (shape.Count == 2)
        {
            shape.Insert(0, 1);
        }
        if (shape.Count != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0)
        {
            throw new AvatarDataException("InvalidHeatmapShape", AvatarErrorKind.InvalidData, array.Path,
                $"The shape ({string.Join(", ", array.Shape)}) is not a sequence of maps; expected (T, h, w) or (T, 1, h, w).");
        }
        var size = shape[1] * shape[2];
        var maps = new Heatmap[shape[0]];
        for (var t = 0; t < maps.Length; t++)
        {
            maps[t] = new Heatmap(shape[1], shape[2], array.RawValues.AsSpan(t * size, size).ToArray());
        }
        return maps;
    }

    private static float[] ToCOrder(float[] fortran, int[] shape)
    {
        var result = new float[fortran.Length];
        var rank = shape.Length;
        var index = new int[rank];
        // Fortran strides: the first axis varies fastest.
        var strides = new long[rank];
        long stride = 1;
        for (var axis = 0; axis < rank; axis++)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        for (var flat = 0; flat < result.Length; flat++)
        {
            long source = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                source += index[axis] * strides[axis];
            }
            result[flat] = fortran[source];
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis])
                {
                    break;
                }
                index[axis] = 0;
            }
        }
        return result;
    }

    private static AvatarDataException Invalid(string path, string message) =>
        new("InvalidNpy", AvatarErrorKind.InvalidData, path, message);

    private static (string Descr, bool FortranOrder, int[] Shape) ParseHeader(string header, string path)
    {
        var parser = new HeaderParser(header, path);
        var dictionary = parser.ParseDictionary();
        if (!dictionary.TryGetValue("descr", out var descr) || !dictionary.TryGetValue("fortran_order", out var fortran) || !dictionary.TryGetValue("shape", out var shape))
        {
            throw Invalid(path, "The header lacks one of the keys 'descr', 'fortran_order', 'shape'.");
        }
        if (descr is not string descrText)
        {
            throw new AvatarDataException("UnsupportedNpyDtype", AvatarErrorKind.InvalidData, path,
                $"Structured dtypes are not supported; expected one of {string.Join(", ", SupportedDTypes)}.");
        }
        if (fortran is not bool fortranOrder)
        {
            throw Invalid(path, "The header's 'fortran_order' is not True or False.");
        }
        if (shape is not List<object> items || items.Any(item => item is not long))
        {
            throw Invalid(path, "The header's 'shape' is not a tuple of integers.");
        }
        var dimensions = new int[items.Count];
        for (var i = 0; i < dimensions.Length; i++)
        {
            var value = (long)items[i];
            if (value < 0 || value > int.MaxValue)
            {
                throw new AvatarDataException("InvalidHeatmapShape", AvatarErrorKind.InvalidData, path, $"The dimension {value} is out of range.");
            }
            dimensions[i] = (int)value;
        }
        return (descrText, fortranOrder, dimensions);
    }

    /// <summary>A parser for the Python literal subset NumPy writes: a dict of strings, booleans and tuples of ints.</summary>
    private ref struct HeaderParser
    {
        private readonly string _text;
        private readonly string _path;
        private int _position;

        public HeaderParser(string text, string path)
        {
            _text = text;
            _path = path;
            _position = 0;
        }

        public Dictionary<string, object> ParseDictionary()
        {
            SkipSpace();
            Expect('{');
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _position++;
                    return result;
                }
                if (ParseValue() is not string key)
                {
                    throw Invalid(_path, "The header's keys must be strings.");
                }
                SkipSpace();
                Expect(':');
                result[key] = ParseValue();
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                }
                else if (Peek() != '}')
                {
                    throw Invalid(_path, $"Malformed header at character {_position}.");
                }
            }
        }

        private object ParseValue()
        {
            SkipSpace();
            var c = Peek();
            if (c is '\'' or '"')
            {
                _position++;
                var end = _text.IndexOf(c, _position);
                if (end < 0)
                {
                    throw Invalid(_path, "Unterminated string in the header.");
                }
                var text = _text[_position..end];
                _position = end + 1;
                return text;
            }
            if (c is '(' or '[')
            {
                var close = c == '(' ? ')' : ']';
                _position++;
                var items = new List<object>();
                while (true)
                {
                    SkipSpace();
                    if (Peek() == close)
                    {
                        _position++;
                        return items;
                    }
                    items.Add(ParseValue());
                    SkipSpace();
                    if (Peek() == ',')
                    {
                        _position++;
                    }
                    else if (Peek() != close)
                    {
                        throw Invalid(_path, $"Malformed header at character {_position}.");
                    }
                }
            }
            if (c == '{')
            {
                return ParseDictionary();
            }
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '-' or '+'))
            {
                _position++;
            }
            var token = _text[start.._position];
            if (token == "True")
            {
                return true;
            }
            if (token == "False")
            {
                return false;
            }
            var digits = token.EndsWith('L') ? token[..^1] : token;
            if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
            throw Invalid(_path, $"Unexpected '{token}' in the header at character {start}.");
        }

        private char Peek()
        {
            if (_position >= _text.Length)
            {
                throw Invalid(_path, "The header ends early.");
            }
            return _text[_position];
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Invalid(_path, $"Expected '{c}' at character {_position} of the header.");
            }
            _position++;
        }

        private void SkipSpace()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }
    }
}
