namespace AvatarTools.Core.Synthetic;

/// <summary>
/// Collects the objects of one clip: picks categories, places objects without overlap inside the canvas and
/// gives each its own envelope (look-alikes get a frequency at least 0.45 Hz away from every other object's).
/// </summary>
internal sealed class SceneBuilder
{
    private const double MinimumFrequencyGap = 0.45;

    private readonly List<SceneObject> _objects = new();

    public SceneBuilder(Random random, int width, int height, double[] labelledTimes)
    {
        Random = random;
        Width = width;
        Height = height;
        Boundaries = new double[labelledTimes.Length - 1];
        for (var i = 0; i < Boundaries.Length; i++)
        {
            Boundaries[i] = (labelledTimes[i] + labelledTimes[i + 1]) / 2;
        }
    }

    public Random Random { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Midpoints between consecutive labelled frames: where sources start and stop.</summary>
    public double[] Boundaries { get; }

    public IReadOnlyList<SceneObject> Objects => _objects;

    /// <summary>Distinct categories in a seeded order; <paramref name="first"/> comes first when given.</summary>
    public SyntheticCategory[] Categories(int count, SyntheticCategory? first = null)
    {
        var pool = SyntheticCategory.All.Where(category => category != first).ToList();
        var picked = new List<SyntheticCategory>(count);
        if (first is not null)
        {
            picked.Add(first);
        }
        while (picked.Count < count)
        {
            var index = Random.Next(pool.Count);
            picked.Add(pool[index]);
            pool.RemoveAt(index);
        }
        return picked.ToArray();
    }

    public SceneObject Add(SyntheticCategory category, params SoundInterval[] sound) => Add(category, 0, sound);

    public SceneObject Add(SyntheticCategory category, double appearsAt, params SoundInterval[] sound)
    {
        var radius = Math.Min(Width, Height) * (0.09 + (0.06 * Random.NextDouble()));
        return Place(category, radius, appearsAt, sound);
    }

    /// <summary>A silent (unless <paramref name="sound"/> is given) copy of an object: same shape and colour, about the same size, its own pulse.</summary>
    public SceneObject LookAlike(SceneObject original, params SoundInterval[] sound) =>
        Place(original.Category, original.Radius * (0.9 + (0.2 * Random.NextDouble())), 0, sound);

    /// <summary>A source that is heard but never drawn.</summary>
    public SceneObject AddOffScreen(SyntheticCategory category, params SoundInterval[] sound)
    {
        var added = new SceneObject(category, -1, -1, 0, NewEnvelope(category), OnScreen: false, 0, sound, Random.Next());
        _objects.Add(added);
        return added;
    }

    private SceneObject Place(SyntheticCategory category, double radius, double appearsAt, SoundInterval[] sound)
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            if (attempt > 0 && attempt % 200 == 0)
            {
                radius *= 0.85;
            }
            var extent = radius * SceneObject.ExtentFactor;
            if (2 * extent + 4 >= Math.Min(Width, Height))
            {
                continue;
            }
            var x = extent + 2 + (Random.NextDouble() * (Width - (2 * extent) - 4));
            var y = extent + 2 + (Random.NextDouble() * (Height - (2 * extent) - 4));
            var free = _objects.All(other => !other.OnScreen
                || Math.Sqrt(((other.CentreX - x) * (other.CentreX - x)) + ((other.CentreY - y) * (other.CentreY - y)))
                    >= extent + (other.Radius * SceneObject.ExtentFactor) + 4);
            if (free)
            {
                var placed = new SceneObject(category, x, y, radius, NewEnvelope(category), OnScreen: true, appearsAt, sound, Random.Next());
                _objects.Add(placed);
                return placed;
            }
        }
        throw new InvalidOperationException($"Could not place {_objects.Count + 1} objects on a {Width}x{Height} canvas.");
    }

    private PulseEnvelope NewEnvelope(SyntheticCategory category)
    {
        var frequency = 0.7 + (1.8 * Random.NextDouble());
        for (var attempt = 0; attempt < 100 && _objects.Any(other => Math.Abs(other.Envelope.Frequency - frequency) < MinimumFrequencyGap); attempt++)
        {
            frequency = 0.7 + (1.8 * Random.NextDouble());
        }
        return new PulseEnvelope(frequency, 2 * Math.PI * Random.NextDouble(), category.Bursts);
    }
}
