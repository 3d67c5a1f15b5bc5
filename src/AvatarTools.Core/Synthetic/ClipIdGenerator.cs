using System.Globalization;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Clip ids shaped like AVATAR's, <c>&lt;11-character YouTube-like id&gt;_&lt;start second, 5 digits&gt;</c>, each id holding
/// one '-' and one '_' inside (so readers must split on the last underscore). Unique within a set.
/// </summary>
internal static class ClipIdGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string[] Generate(Random random, int count)
    {
        var ids = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < count; i++)
        {
            string id;
            do
            {
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = Alphabet[random.Next(Alphabet.Length)];
                }
                var dash = random.Next(1, 10);
                var underscore = random.Next(1, 9);
                if (underscore >= dash)
                {
                    underscore++;
                }
                chars[dash] = '-';
                chars[underscore] = '_';
                var start = random.Next(0, 300);
                id = string.Create(CultureInfo.InvariantCulture, $"{new string(chars)}_{start:D5}");
            }
            while (!seen.Add(id));
            ids[i] = id;
        }
        return ids;
    }
}
