namespace AvatarTools.Core.Scoring;

/// <summary>Where the τ of a score row came from.</summary>
public enum ThresholdSource
{
    /// <summary>Calibrated (Global policy) over the localizations of this very input.</summary>
    Calibrated,

    /// <summary>Taken from a given calibration (an <see cref="AvatarCalibration"/> or its JSON file).</summary>
    Calibration,

    /// <summary>A fixed absolute value given by the user.</summary>
    Fixed,

    /// <summary>One τ per frame (the PerFrame policy); the row has no single τ.</summary>
    PerFrame,
}
