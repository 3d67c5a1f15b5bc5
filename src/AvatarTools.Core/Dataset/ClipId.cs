using System.Globalization;

namespace AvatarTools.Core.Dataset;

/// <summary>
/// A clip id, <c>&lt;YouTubeID&gt;_&lt;start second, 5 digits&gt;</c>. YouTube ids contain '_' and '-'
/// themselves, so the id is split on the last underscore.
/// </summary>
public readonly record struct ClipId(string YouTubeId, int StartSecond)
{
    public static bool TryParse(string? text, out ClipId clipId)
    {
        clipId = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var split = text.LastIndexOf('_');
        if (split <= 0 || split == text.Length - 1)
        {
            return false;
        }
        var start = text.AsSpan(split + 1);
        foreach (var c in start)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        if (!int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        clipId = new ClipId(text[..split], seconds);
        return true;
    }

    public static ClipId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a clip id: expected <YouTubeID>_<start second>, e.g. 'GueOh9nkQ38_00131'.");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{YouTubeId}_{StartSecond:D5}");
}
