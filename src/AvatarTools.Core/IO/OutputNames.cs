using System.Globalization;
using System.Text;

namespace AvatarTools.Core.IO;

/// <summary>
/// Maps a name taken from data (a clip id, a model name, a category) to one file or folder name that is safe on every
/// common file system and cannot climb out of, or reach past, the folder it is put in.
/// </summary>
/// <remarks>
/// <para>The mapping is deterministic, the same on every platform, and the identity for ordinary names (clip ids such as
/// <c>GueOh9nkQ38_00131</c>, model names such as <c>EZ-VSL</c>), so folders stay readable by other tools. Otherwise it
/// percent-encodes, as URLs do, with upper-case hex of the character's UTF-8 bytes:</para>
/// <list type="bullet">
/// <item><c>%</c> itself (as <c>%25</c>), so the mapping is one-to-one: two different names never give the same file name;</item>
/// <item>separators and the characters Windows forbids: <c>/ \ : * ? " &lt; &gt; |</c> and the control characters U+0000–U+001F and U+007F
/// (<c>a/b</c> → <c>a%2Fb</c>, <c>C:\x</c> → <c>C%3A%5Cx</c>, <c>/etc/x</c> → <c>%2Fetc%2Fx</c>, <c>../../x</c> → <c>%2E.%2F..%2Fx</c>);</item>
/// <item>every dot of a name made only of dots (<c>.</c> → <c>%2E</c>, <c>..</c> → <c>%2E%2E</c>), so no segment means "here" or "up";</item>
/// <item>a leading dot (<c>.x</c> → <c>%2Ex</c>), so no output is hidden on Unix, and no name from data can look like the hidden
/// temporary files of <see cref="AtomicFile"/> and <see cref="StagingFolder"/>;</item>
/// <item>a final dot or space, which Windows strips (<c>x.</c> → <c>x%2E</c>);</item>
/// <item>the first letter of a Windows device name (CON, PRN, AUX, NUL, COM0–9, LPT0–9, before any dot, any case):
/// <c>con</c> → <c>%63on</c>;</item>
/// <item>an unpaired UTF-16 surrogate, which no file system can store, as <c>%uXXXX</c>.</item>
/// </list>
/// <para>An empty name is refused (<c>UnsafeOutputName</c>). Letter case is kept: names that differ only in case stay
/// different names, which a case-insensitive file system cannot hold apart; <see cref="OutputFolder"/> detects that.</para>
/// </remarks>
public static class OutputNames
{
    /// <summary>The id of the error for a name that cannot be made safe, or a path that would leave its folder.</summary>
    public const string UnsafeOutputNameId = "UnsafeOutputName";

    private const string Forbidden = "%/\\:*?\"<>|";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    /// <summary>The safe file or folder name for <paramref name="name"/> (see the remarks for the rules).</summary>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c> for an empty or null name.</exception>
    public static string ToSegment(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new AvatarDataException(UnsafeOutputNameId, AvatarErrorKind.InvalidData, null,
                "an empty name cannot name a file or folder; give the clip, model or category a name");
        }
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                builder.Append(c).Append(name[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append("%u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else if (c < 0x20 || c == 0x7F || Forbidden.Contains(c))
            {
                AppendEncoded(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }
        var text = builder.ToString();
        if (text.All(c => c == '.'))
        {
            return string.Concat(Enumerable.Repeat("%2E", text.Length));
        }
        if (text[0] == '.')
        {
            text = "%2E" + text[1..];
        }
        if (text[^1] is '.' or ' ')
        {
            var last = new StringBuilder(text, 0, text.Length - 1, text.Length + 2);
            AppendEncoded(last, text[^1]);
            text = last.ToString();
        }
        var dot = text.IndexOf('.');
        var stem = (dot < 0 ? text : text[..dot]).TrimEnd(' ');
        if (DeviceNames.Contains(stem))
        {
            var first = new StringBuilder(text.Length + 2);
            AppendEncoded(first, text[0]);
            text = first.Append(text, 1, text.Length - 1).ToString();
        }
        return text;
    }

    private static void AppendEncoded(StringBuilder builder, char c)
    {
        Span<byte> bytes = stackalloc byte[4];
        var count = Encoding.UTF8.GetBytes(stackalloc char[] { c }, bytes);
        foreach (var b in bytes[..count])
        {
            builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }
}
