using System.Globalization;

namespace AvatarTools.Core.Reports;

/// <summary>An 8-bit sRGB colour.</summary>
/// <param name="Red">The red channel.</param>
/// <param name="Green">The green channel.</param>
/// <param name="Blue">The blue channel.</param>
public readonly record struct RgbColor(byte Red, byte Green, byte Blue)
{
    /// <summary>Pure white.</summary>
    public static RgbColor White => new(255, 255, 255);

    /// <summary>Pure black.</summary>
    public static RgbColor Black => new(0, 0, 0);

    /// <summary>Magenta, which the Turbo map never produces.</summary>
    public static RgbColor Magenta => new(255, 0, 255);

    /// <summary>The colour as CSS/SVG hex, e.g. <c>#ff00ff</c>.</summary>
    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"#{Red:x2}{Green:x2}{Blue:x2}");

    public override string ToString() => ToHex();
}
