using AvatarTools.Core.Dataset;

namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Plans a synthetic set: clip ids, canvas sizes, objects and labelled frames. The first twelve clips follow a
/// fixed showcase pattern (every scenario and corner case of the benchmark); later clips draw a scene kind with
/// weights tuned to the AVATAR mix. Only seeded <see cref="Random"/> instances are used, so a seed fixes the plan.
/// </summary>
internal static class ScenePlanner
{
    /// <summary>AVATAR's 24,266 labelled frames over 5,000 clips.</summary>
    public const int ReferenceFrames = 24_266;

    public const int ReferenceClips = 5_000;

    private static readonly SceneKind[] Showcase =
    {
        SceneKind.Single,
        SceneKind.MultiEntity,
        SceneKind.Mixed,
        SceneKind.SingleWithOffScreen,
        SceneKind.CrossEvent,
        SceneKind.CrossEventFromOffScreen,
        SceneKind.MixedWithOffScreen,
        SceneKind.OffScreenGap,
        SceneKind.MultiEntitySwitch,
        SceneKind.Single,
        SceneKind.CrossEventMultiEntity,
        SceneKind.Mixed,
    };

    private static readonly (int Width, int Height)[] ShowcaseSizes =
    {
        (640, 360), (640, 360), (640, 360), (320, 180), (640, 360), (640, 360),
        (480, 360), (640, 360), (320, 180), (640, 360), (640, 360), (320, 180),
    };

    /// <summary>Weights of the scene kinds after the showcase, tuned to the spec's instance and frame mix.</summary>
    private static readonly (SceneKind Kind, double Weight)[] KindWeights =
    {
        (SceneKind.Single, 0.38),
        (SceneKind.MultiEntity, 0.23),
        (SceneKind.MultiEntitySwitch, 0.09),
        (SceneKind.Mixed, 0.02),
        (SceneKind.MixedWithOffScreen, 0.02),
        (SceneKind.SingleWithOffScreen, 0.07),
        (SceneKind.OffScreenGap, 0.095),
        (SceneKind.CrossEvent, 0.045),
        (SceneKind.CrossEventFromOffScreen, 0.03),
        (SceneKind.CrossEventMultiEntity, 0.015),
    };

    public static IReadOnlyList<ClipPlan> PlanSet(SyntheticSetOptions options)
    {
        var master = new Random(SeedMixer.Mix(options.Seed, -1));
        var ids = ClipIdGenerator.Generate(master, options.ClipCount);
        var frameCounts = FrameCounts(master, options.ClipCount);
        var videoFrames = VideoFrameCount(options);
        var plans = new ClipPlan[options.ClipCount];
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = PlanClip(i, ids[i], SeedMixer.Mix(options.Seed, i), frameCounts[i], videoFrames, options.FrameRate);
        }
        return plans;
    }

    public static int VideoFrameCount(SyntheticSetOptions options) =>
        (int)Math.Round(options.DurationSeconds * options.FrameRate, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Labelled frames per clip (4, 5 or 6), shuffled: the total is the AVATAR ratio scaled to the clip count,
    /// rounded (exactly 24,266 for 5,000 clips).
    /// </summary>
    internal static int[] FrameCounts(Random random, int clipCount)
    {
        var total = (int)Math.Round((double)clipCount * ReferenceFrames / ReferenceClips, MidpointRounding.AwayFromZero);
        var sixes = (int)Math.Round(clipCount * 0.1, MidpointRounding.AwayFromZero);
        var fours = sixes + (5 * clipCount) - total;
        var counts = new int[clipCount];
        for (var i = 0; i < clipCount; i++)
        {
            counts[i] = i < fours ? 4 : i < fours + sixes ? 6 : 5;
        }
        for (var i = clipCount - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (counts[i], counts[j]) = (counts[j], counts[i]);
        }
        return counts;
    }

    /// <summary>
    /// Labelled frame indices: one per equal slot of the video frames, kept at least 0.35 s from the slot edges so
    /// that consecutive frames are at least 0.7 s apart.
    /// </summary>
    internal static int[] LabelledIndices(Random random, int count, int videoFrames, double frameRate)
    {
        var margin = (int)Math.Ceiling(0.35 * frameRate);
        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            var start = (int)((long)i * videoFrames / count) + margin;
            var end = (int)((long)(i + 1) * videoFrames / count) - 1 - margin;
            indices[i] = random.Next(start, end + 1);
        }
        return indices;
    }

    /// <summary>Throws when the duration and frame rate cannot hold six labelled frames 0.7 s apart.</summary>
    public static void Validate(SyntheticSetOptions options)
    {
        if (options.ClipCount < 1 || options.ClipCount > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ClipCount, "ClipCount must be between 1 and 1000000.");
        }
        if (!double.IsFinite(options.FrameRate) || options.FrameRate < 1 || options.FrameRate > 240)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FrameRate, "FrameRate must be between 1 and 240 frames per second.");
        }
        if (!double.IsFinite(options.DurationSeconds) || options.DurationSeconds > 600)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DurationSeconds, "DurationSeconds must be at most 600.");
        }
        var margin = (int)Math.Ceiling(0.35 * options.FrameRate);
        if (VideoFrameCount(options) / 6 < (2 * margin) + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DurationSeconds,
                "DurationSeconds is too short for six labelled frames at least 0.7 s apart at this FrameRate (about 5.5 s or more is needed).");
        }
    }

    private static ClipPlan PlanClip(int number, string clipId, int seed, int frameCount, int videoFrames, double frameRate)
    {
        var random = new Random(seed);
        var kind = number < Showcase.Length ? Showcase[number] : DrawKind(random);
        var (width, height) = number < ShowcaseSizes.Length ? ShowcaseSizes[number] : DrawSize(random);
        var indices = LabelledIndices(random, frameCount, videoFrames, frameRate);
        var times = indices.Select(index => index / frameRate).ToArray();
        var builder = new SceneBuilder(random, width, height, times);
        BuildScene(kind, builder, number);
        var frames = new PlannedFrame[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            frames[i] = Annotate(indices[i], times[i], builder.Objects);
        }
        return new ClipPlan(number, clipId, kind, width, height, seed, builder.Objects.ToArray(), frames, OmitOffScreenKeys: number % 2 == 1);
    }

    private static SceneKind DrawKind(Random random)
    {
        var draw = random.NextDouble() * KindWeights.Sum(pair => pair.Weight);
        foreach (var (kind, weight) in KindWeights)
        {
            if (draw < weight)
            {
                return kind;
            }
            draw -= weight;
        }
        return SceneKind.Single;
    }

    private static (int Width, int Height) DrawSize(Random random)
    {
        var draw = random.NextDouble();
        return draw < 0.83 ? (640, 360) : draw < 0.95 ? (320, 180) : (480, 360);
    }

    private static void BuildScene(SceneKind kind, SceneBuilder scene, int number)
    {
        var random = scene.Random;
        var boundaries = scene.Boundaries;
        var last = boundaries.Length - 1;
        switch (kind)
        {
            case SceneKind.Single:
            {
                var categories = scene.Categories(2, number == 9 ? SyntheticCategory.Drums : null);
                scene.Add(categories[0], SoundInterval.Always);
                if (number == 9 || (number >= 12 && random.NextDouble() < 0.3))
                {
                    scene.Add(categories[1]);
                }
                break;
            }
            case SceneKind.MultiEntity:
            {
                var source = scene.Add(scene.Categories(1)[0], SoundInterval.Always);
                var lookAlikes = number == 1 ? 2 : random.Next(1, 3);
                for (var i = 0; i < lookAlikes; i++)
                {
                    scene.LookAlike(source);
                }
                break;
            }
            case SceneKind.MultiEntitySwitch:
            {
                var turn = boundaries[random.Next(0, last + 1)];
                var first = scene.Add(scene.Categories(1)[0], SoundInterval.Until(turn));
                scene.LookAlike(first, SoundInterval.From(turn));
                if (random.NextDouble() < 0.4)
                {
                    scene.LookAlike(first);
                }
                break;
            }
            case SceneKind.Mixed:
            {
                var count = number == 2 ? 3 : number == 11 ? 2 : random.Next(2, 4);
                var pause = number == 11 || (number >= 12 && random.NextDouble() < 0.3);
                var categories = scene.Categories(count, number == 2 ? SyntheticCategory.Drums : null);
                for (var i = 0; i < count; i++)
                {
                    if (pause && i == 1)
                    {
                        var gap = random.Next(1, last + 1);
                        scene.Add(categories[i], SoundInterval.Until(boundaries[gap - 1]), SoundInterval.From(boundaries[gap]));
                    }
                    else
                    {
                        scene.Add(categories[i], SoundInterval.Always);
                    }
                }
                break;
            }
            case SceneKind.MixedWithOffScreen:
            {
                var categories = scene.Categories(3);
                scene.Add(categories[0], SoundInterval.Always);
                scene.Add(categories[1], SoundInterval.Always);
                scene.AddOffScreen(categories[2], SoundInterval.Always);
                break;
            }
            case SceneKind.SingleWithOffScreen:
            {
                var categories = scene.Categories(2);
                scene.Add(categories[0], SoundInterval.Always);
                scene.AddOffScreen(categories[1], SoundInterval.Until(boundaries[random.Next(0, last)]));
                break;
            }
            case SceneKind.OffScreenGap:
            {
                var categories = scene.Categories(2);
                var gap = random.Next(1, last + 1);
                scene.Add(categories[0], SoundInterval.Until(boundaries[gap - 1]), SoundInterval.From(boundaries[gap]));
                scene.AddOffScreen(categories[1], SoundInterval.Until(boundaries[gap]));
                break;
            }
            case SceneKind.CrossEvent:
            {
                var categories = scene.Categories(2);
                var join = random.Next(0, last);
                var stop = random.NextDouble() < 0.5 ? (int?)random.Next(join + 1, last + 1) : null;
                scene.Add(categories[0], stop is int s ? SoundInterval.Until(boundaries[s]) : SoundInterval.Always);
                scene.Add(categories[1], appearsAt: boundaries[join], SoundInterval.From(boundaries[join]));
                break;
            }
            case SceneKind.CrossEventFromOffScreen:
            {
                var categories = scene.Categories(2);
                scene.AddOffScreen(categories[0], SoundInterval.Until(boundaries[0]));
                var source = scene.Add(categories[1], SoundInterval.From(boundaries[0]));
                if (number >= 12 && random.NextDouble() < 0.5)
                {
                    scene.LookAlike(source);
                }
                break;
            }
            case SceneKind.CrossEventMultiEntity:
            {
                var categories = scene.Categories(2);
                var source = scene.Add(categories[0], SoundInterval.Always);
                scene.LookAlike(source);
                var join = random.Next(0, last);
                scene.Add(categories[1], appearsAt: boundaries[join], SoundInterval.From(boundaries[join]));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>
    /// The annotations of a labelled frame, from which objects sound then: off-screen sources are Off-Screen; two or
    /// more visible sources are each Mixed-Sound; a lone visible source is Multi-Entity when a silent object of its
    /// category is visible, else Single-Sound.
    /// </summary>
    private static PlannedFrame Annotate(int index, double time, IReadOnlyList<SceneObject> objects)
    {
        var sounding = objects.Where(o => o.IsSounding(time)).ToList();
        var visibleSources = sounding.Where(o => o.IsVisible(time)).ToList();
        var silent = objects.Where(o => o.IsVisible(time) && !o.IsSounding(time)).ToList();
        var annotations = new List<PlannedAnnotation>(sounding.Count);
        foreach (var source in sounding)
        {
            if (!source.IsVisible(time))
            {
                annotations.Add(new PlannedAnnotation(source.Category.Name, AvatarScenario.OffScreen, Array.Empty<double[]>(), null));
                continue;
            }
            var scenario = visibleSources.Count >= 2
                ? AvatarScenario.MixedSound
                : silent.Any(o => o.Category == source.Category) ? AvatarScenario.MultiEntity : AvatarScenario.SingleSound;
            var polygons = source.Polygons(time);
            annotations.Add(new PlannedAnnotation(source.Category.Name, scenario, polygons, ShapeGeometry.BoundingBox(polygons)));
        }
        if (annotations.Count == 0)
        {
            throw new InvalidOperationException($"Synthetic scene planning left labelled frame {index} without a sound source.");
        }
        var silentObjects = silent.Select(o => new SilentObject(o.Category.Name, ShapeGeometry.BoundingBox(o.Polygons(time)))).ToArray();
        return new PlannedFrame(index, annotations, silentObjects);
    }
}
