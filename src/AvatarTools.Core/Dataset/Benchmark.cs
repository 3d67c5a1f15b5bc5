namespace AvatarTools.Core.Dataset;

/// <summary>
/// The benchmark a frame comes from. It decides the frame's ground-truth rule: AVATAR rasterises instance polygons on the
/// scoring grid; VGG-SS unions its boxes (half-open cells of a 224 x 224 map); Flickr-SoundNet sums its annotators' boxes
/// and weighs a pixel min(count / 2, 1). See BENCHMARKS.md.
/// </summary>
public enum Benchmark
{
    /// <summary>AVATAR: video frames with instance polygons, scenarios and Off-Screen frames.</summary>
    Avatar,

    /// <summary>VGG-SS: one labelled frame per clip, boxes normalised to [0, 1] in vggss.json.</summary>
    VggSs,

    /// <summary>Flickr-SoundNet: one image per sample, several annotators' boxes in a 256 x 256 frame, one XML each.</summary>
    FlickrSoundNet,
}
