using System.Management.Automation;
using AvatarTools.Core.Scoring;

namespace AvatarTools.Commands;

/// <summary>The parameters Measure-AvatarScore and Measure-AvatarThreshold share, and how they become ScoreOptions.</summary>
internal static class ScoringParameters
{
    public static bool IsBound(PSCmdlet cmdlet, string name) => cmdlet.MyInvocation.BoundParameters.ContainsKey(name);

    /// <summary>The settings the calibrations were made with, when the user left them to the calibrations; errors when they disagree.</summary>
    public static (int Height, int Width, UpsampleMode Interpolation, TieRule TieRule)? CommonSettings(IReadOnlyList<AvatarCalibration> calibrations)
    {
        if (calibrations.Count == 0)
        {
            return null;
        }
        var first = calibrations[0];
        return calibrations.All(c => c.GridHeight == first.GridHeight && c.GridWidth == first.GridWidth && c.Interpolation == first.Interpolation && c.TieRule == first.TieRule)
            ? (first.GridHeight, first.GridWidth, first.Interpolation, first.TieRule)
            : null;
    }
}
