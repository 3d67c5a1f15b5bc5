using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AvatarTools.Core.IO;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) of float16, float32 or float64 values, and of
/// integers and booleans, in either byte order and either memory order, into <see cref="Heatmap"/> objects.
/// </summary>
/// <remarks>
/// <para>Integer (<c>i1</c>–<c>i8</c>, <c>u1</c>–<c>u8</c>) and boolean (<c>b1</c>) arrays are accepted and converted to float32
/// (true = 1): a model may save a uint8 saliency map or a binary mask, and numpy-based evaluators take both. Integers above
/// 2^24 in magnitude are rounded to the nearest float32. A constant map (all values equal) is a valid map too. Object arrays
/// (pickles, never loaded), strings, complex, datetime and structured dtypes are refused.</para>
/// <para>Errors are <see cref="AvatarDataException"/>s naming the file: <c>HeatmapNotFound</c>, <c>NotARegularFile</c> (a
/// folder, FIFO or device, refused before it is opened), <c>HeatmapUnreadable</c> (an I/O error), <c>HeatmapTooLarge</c> (a
/// file over <see cref="MaxFileBytes"/>), <c>InvalidNpy</c> (bad magic, a malformed or over-long header, data shorter or
/// longer than the shape needs), <c>UnsupportedNpyDtype</c>, <c>NonFiniteHeatmap</c> (NaN or infinity) and
/// <c>InvalidHeatmapShape</c>.</para>
/// </remarks>
public static class NpyReader
{
    /// <summary>The accepted <c>descr</c> values (either byte order for multi-byte types; '=' and '|' also accepted).</summary>
    public static readonly IReadOnlyList<string> SupportedDTypes = new[]
    {
        "<f4", ">f4", "<f8", ">f8", "<f2", ">f2", "|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8",
    };

    /// <summary>The largest file read: 1 GiB (a per-clip float32 array of 1,000 maps of 512 × 512 holds 1 GB).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>The longest header accepted, as <c>numpy.load</c>'s default <c>max_header_size</c>.</summary>
    public const int MaxHeaderBytes = 10_000;

    private static readonly InputFileErrors Errors = new("heatmap", "HeatmapNotFound", "HeatmapUnreadable", "HeatmapTooLarge");

    private static ReadOnlySpan<byte> Magic => new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Reads a file as a flat array with its shape.</summary>
    public static NpyArray Read(string path) => Parse(InputFile.ReadAllBytes(path, MaxFileBytes, Errors), path);

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
        if (headerLength > MaxHeaderBytes)
        {
            throw Invalid(path, $"The header is {headerLength} bytes long, over numpy.load's limit of {MaxHeaderBytes}.");
        }
        if (headerStart + (long)headerLength > bytes.Length)
        {
            throw Invalid(path, "The header is truncated.");
        }
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var header = encoding.GetString(bytes.Slice(headerStart, headerLength));
        var (descr, fortranOrder, shape) = ParseHeader(header, path);

        var type = ElementTypeOf(descr, path);
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
        var needed = count * type.Size;
        if (data.Length < needed)
        {
            throw Invalid(path, $"The data is truncated: shape ({string.Join(", ", shape)}) needs {needed} bytes; the file holds {data.Length}.");
        }
        if (data.Length > needed)
        {
            throw Invalid(path, $"The file holds {data.Length - needed} bytes after the data of shape ({string.Join(", ", shape)}); " +
                "expected one array per file (were several arrays saved into one file?).");
        }
        var raw = new float[count];
        for (var i = 0; i < raw.Length; i++)
        {
            var value = type.Read(data.Slice(i * type.Size, type.Size));
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

    private delegate double SpanReader(ReadOnlySpan<byte> item);

    /// <summary>How one element is stored: its size in bytes and how it reads as a double.</summary>
    private readonly record struct ElementType(int Size, SpanReader ReadValue)
    {
        public double Read(ReadOnlySpan<byte> item) => ReadValue(item);
    }

    private static ElementType ElementTypeOf(string descr, string path)
    {
        var order = descr.Length == 3 ? descr[0] : '\0';
        var kind = descr.Length == 3 ? descr[1] : '\0';
        var size = descr.Length == 3 ? descr[2] - '0' : 0;
        var validOrder = order is '<' or '>' or '=' or '|';
        var big = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        ElementType? type = (validOrder, kind, size) switch
        {
            (true, 'f', 2) => new(2, big ? item => (double)BinaryPrimitives.ReadHalfBigEndian(item) : item => (double)BinaryPrimitives.ReadHalfLittleEndian(item)),
            (true, 'f', 4) => new(4, big ? item => BinaryPrimitives.ReadSingleBigEndian(item) : item => BinaryPrimitives.ReadSingleLittleEndian(item)),
            (true, 'f', 8) => new(8, big ? item => BinaryPrimitives.ReadDoubleBigEndian(item) : item => BinaryPrimitives.ReadDoubleLittleEndian(item)),
            (true, 'b', 1) => new(1, item => item[0] != 0 ? 1.0 : 0.0),
            (true, 'i', 1) => new(1, item => (sbyte)item[0]),
            (true, 'u', 1) => new(1, item => item[0]),
            (true, 'i', 2) => new(2, big ? item => BinaryPrimitives.ReadInt16BigEndian(item) : item => BinaryPrimitives.ReadInt16LittleEndian(item)),
            (true, 'u', 2) => new(2, big ? item => BinaryPrimitives.ReadUInt16BigEndian(item) : item => BinaryPrimitives.ReadUInt16LittleEndian(item)),
            (true, 'i', 4) => new(4, big ? item => BinaryPrimitives.ReadInt32BigEndian(item) : item => BinaryPrimitives.ReadInt32LittleEndian(item)),
            (true, 'u', 4) => new(4, big ? item => BinaryPrimitives.ReadUInt32BigEndian(item) : item => BinaryPrimitives.ReadUInt32LittleEndian(item)),
            (true, 'i', 8) => new(8, big ? item => BinaryPrimitives.ReadInt64BigEndian(item) : item => BinaryPrimitives.ReadInt64LittleEndian(item)),
            (true, 'u', 8) => new(8, big ? item => BinaryPrimitives.ReadUInt64BigEndian(item) : item => BinaryPrimitives.ReadUInt64LittleEndian(item)),
            _ => null,
        };
        return type ?? throw new AvatarDataException("UnsupportedNpyDtype", AvatarErrorKind.InvalidData, path,
            $"The dtype '{descr}' is not supported{(descr.EndsWith('O') ? " (object arrays are pickles and are never loaded)" : "")}; " +
            $"expected float (f2, f4, f8), integer (i1–i8, u1–u8) or boolean (b1), e.g. {string.Join(", ", SupportedDTypes.Take(6))}.");
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
        /// <summary>The deepest nesting of tuples and dicts accepted (NumPy writes 2: the dict and the shape).</summary>
        private const int MaxDepth = 8;

        private readonly string _text;
        private readonly string _path;
        private int _position;
        private int _depth;

        public HeaderParser(string text, string path)
        {
            _text = text;
            _path = path;
            _position = 0;
            _depth = 0;
        }

        public Dictionary<string, object> ParseDictionary()
        {
            SkipSpace();
            Expect('{');
            Enter();
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _position++;
                    _depth--;
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
                Enter();
                var items = new List<object>();
                while (true)
                {
                    SkipSpace();
                    if (Peek() == close)
                    {
                        _position++;
                        _depth--;
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

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Invalid(_path, $"The header nests tuples or dicts more than {MaxDepth} deep.");
            }
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
