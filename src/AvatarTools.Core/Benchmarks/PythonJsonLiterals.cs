using System.Text;

namespace AvatarTools.Core.Benchmarks;

/// <summary>
/// Python's <c>json</c> module, which the baselines read their annotation files with, accepts the bare tokens <c>NaN</c>,
/// <c>Infinity</c> and <c>-Infinity</c> that JSON itself lacks (and writes them for non-finite floats). This turns each such
/// token outside a string into a marker string, so a strict JSON parser reads the file, and reads the markers back as
/// doubles. A file without the tokens is returned as it is.
/// </summary>
public static class PythonJsonLiterals
{
    private const string Prefix = "\u0001python:";

    private static readonly (string Token, string Marker, double Value)[] Tokens =
    [
        ("-Infinity", Prefix + "-Infinity", double.NegativeInfinity),
        ("Infinity", Prefix + "Infinity", double.PositiveInfinity),
        ("NaN", Prefix + "NaN", double.NaN),
    ];

    /// <summary>Each token's bytes and the JSON string that replaces it (the marker, its control character escaped).</summary>
    private static readonly (byte[] Token, byte[] Quoted)[] Replacements = Tokens
        .Select(t => (Encoding.ASCII.GetBytes(t.Token), Encoding.UTF8.GetBytes(Quoted(t.Marker))))
        .ToArray();

    private static string Quoted(string marker) => "\"" + marker.Replace("\u0001", "\\u0001", StringComparison.Ordinal) + "\"";

    /// <summary>The content with every bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> token quoted as a marker.</summary>
    public static ReadOnlyMemory<byte> Quote(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        if (span.IndexOf("NaN"u8) < 0 && span.IndexOf("Infinity"u8) < 0)
        {
            return utf8;
        }
        var output = new List<byte>(span.Length + 64);
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (inString)
            {
                output.Add(b);
                if (b == (byte)'\\' && i + 1 < span.Length)
                {
                    output.Add(span[++i]);
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
                continue;
            }
            if (b == (byte)'"')
            {
                inString = true;
                output.Add(b);
                continue;
            }
            var matched = false;
            foreach (var (token, quoted) in Replacements)
            {
                if (span[i..].StartsWith(token) && !IsNameByte(span, i - 1) && !IsNameByte(span, i + token.Length))
                {
                    output.AddRange(quoted);
                    i += token.Length - 1;
                    matched = true;
                    break;
                }
            }
            if (!matched)
            {
                output.Add(b);
            }
        }
        return output.ToArray();
    }

    /// <summary>The double a marker string stands for, or null when the string is not a marker.</summary>
    public static double? Value(string? text)
    {
        foreach (var (_, marker, value) in Tokens)
        {
            if (string.Equals(text, marker, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>Raw JSON text with each quoted marker written back as the bare token it was (for messages).</summary>
    public static string Restore(string rawJson)
    {
        foreach (var (token, marker, _) in Tokens)
        {
            rawJson = rawJson.Replace(Quoted(marker), token, StringComparison.Ordinal);
        }
        return rawJson;
    }

    private static bool IsNameByte(ReadOnlySpan<byte> span, int index) =>
        index >= 0 && index < span.Length && (char.IsAsciiLetterOrDigit((char)span[index]) || span[index] == (byte)'_' || span[index] == (byte)'.' || span[index] == (byte)'+' || span[index] == (byte)'-');
}
