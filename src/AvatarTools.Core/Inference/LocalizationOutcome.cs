using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Inference;

/// <summary>What running a model on one frame gave: its localization, or the error that names the input at fault.</summary>
public readonly record struct LocalizationOutcome(AvatarFrame Frame, Localization? Localization, AvatarDataException? Error);
