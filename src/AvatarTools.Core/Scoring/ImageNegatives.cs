using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;

namespace AvatarTools.Core.Scoring;

/// <summary>
/// The negative maps of VGG-SS and Flickr-SoundNet samples (SLAVC's non-sounding pairs, or a negative audio condition) for
/// the detection view: each map upsampled to its benchmark's grid with its protocol's interpolation, and its confidence (the
/// mean of the top quarter, <see cref="MapConfidence"/>). These benchmarks threshold each sample on its own, so a negative
/// map has no τ of the positives to be held to: it has no pIA here, only its confidence (a false positive at every
/// confidence threshold it reaches).
/// </summary>
internal static class ImageNegatives
{
    public static IReadOnlyList<NegativeFrameScore> Score(IReadOnlyList<Localization> negatives, ScoreOptions options,
        IProgress<ScoreProgress>? progress, CancellationToken cancellationToken)
    {
        var results = new List<NegativeFrameScore>(negatives.Count);
        foreach (var benchmark in negatives.Select(item => item.Frame.Benchmark).Distinct())
        {
            var resolved = ProtocolPresets.Resolve(options, benchmark);
            var members = Enumerable.Range(0, negatives.Count).Where(index => negatives[index].Frame.Benchmark == benchmark).ToList();
            var height = resolved.GridHeight;
            var width = resolved.GridWidth;
            var confidences = new double[members.Count];
            FrameLoop.Run(members.Count, resolved.MaxDegreeOfParallelism, () => (Engine: new UpsampleEngine(), Grid: new float[height * width], Confidence: new MapConfidence()),
                (j, state) =>
                {
                    state.Engine.Prepare(negatives[members[j]].Heatmap, height, width, resolved.Upsample);
                    for (var y = 0; y < height; y++)
                    {
                        state.Engine.ComputeRow(y, state.Grid.AsSpan(y * width, width));
                    }
                    confidences[j] = state.Confidence.TopQuarterMean(state.Grid);
                },
                _ => { }, progress, "Negatives", cancellationToken);
            var threshold = resolved.Policy == ThresholdPolicy.Fixed ? resolved.Value : double.NaN;
            for (var j = 0; j < members.Count; j++)
            {
                var localization = negatives[members[j]];
                var frame = localization.Frame;
                results.Add(new NegativeFrameScore(frame.VideoId, frame.FrameIndex, localization.Model, localization.Condition, localization.Repeat,
                    localization.DonorClip, false, threshold, null, 0, height * width, null, null)
                {
                    Benchmark = benchmark,
                    Confidence = confidences[j],
                });
            }
        }
        return results;
    }
}
