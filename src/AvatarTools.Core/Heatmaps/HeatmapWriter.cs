using AvatarTools.Core.IO;

namespace AvatarTools.Core.Heatmaps;

/// <summary>
/// Writes the heatmaps of one command into a folder as float32 <c>.npy</c> files that <see cref="HeatmapStore"/> (and
/// <c>numpy.load</c>) read back: <c>&lt;folder&gt;/&lt;clip_id&gt;/&lt;frame:D5&gt;.npy</c> for one model, or with
/// <see cref="PerModel"/> <c>&lt;folder&gt;/&lt;model&gt;/&lt;clip_id&gt;/&lt;frame:D5&gt;.npy</c>, one subfolder per model.
/// Localizations made with negative audio go one level deeper, into a folder per condition and repeat
/// (<c>&lt;folder&gt;/[&lt;model&gt;/]&lt;condition&gt;[-&lt;repeat&gt;]/&lt;clip_id&gt;/&lt;frame:D5&gt;.npy</c>) that
/// <see cref="Complete"/> gives its <see cref="AudioConditionFile"/>, so that conditions never mix.
/// </summary>
/// <remarks>
/// <para>A folder without <see cref="PerModel"/> holds one model's maps: the first model written owns it, and a
/// localization of any other model is refused with <c>SeveralModels</c> (the maps of two models for the same frame
/// would otherwise overwrite each other). The same frame of the same model twice is refused with
/// <c>DuplicateOutput</c>.</para>
/// <para>Clip ids and model names become folder names through <see cref="OutputNames.ToSegment"/>, and every path is
/// checked to lie inside the folder (<c>UnsafeOutputName</c>); see <see cref="OutputFolder"/> for names that differ only
/// in case. Each file is written whole or not at all (<see cref="AtomicFile"/>); one that cannot be written is
/// <c>HeatmapNotWritten</c>. Thread-safe.</para>
/// </remarks>
public sealed class HeatmapWriter
{
    private readonly object _gate = new();
    private readonly OutputFolder _output;
    private string? _model;
    private readonly Dictionary<string, (AudioConditionFile Header, Dictionary<string, string> Donors)> _conditions = new(StringComparer.Ordinal);

    /// <param name="folder">The output folder (created when missing).</param>
    /// <param name="perModel">Write each model into its own subfolder.</param>
    /// <param name="noClobber">Refuse to replace a file that exists already (<c>OutputExists</c>); by default it is overwritten.</param>
    public HeatmapWriter(string folder, bool perModel = false, bool noClobber = false)
    {
        _output = new OutputFolder(folder) { NoClobber = noClobber };
        PerModel = perModel;
    }

    /// <summary>The full path of the output folder.</summary>
    public string Folder => _output.Root;

    /// <summary>Whether each model gets its own subfolder.</summary>
    public bool PerModel { get; }

    /// <summary>The file a localization's map goes to (nothing is written or remembered).</summary>
    /// <exception cref="AvatarDataException"><c>UnsafeOutputName</c>.</exception>
    public string PathFor(Localization localization) => _output.PathFor(Folders(localization), FrameStem(localization), ".npy");

    /// <summary>Writes the localization's map; returns the file.</summary>
    /// <exception cref="AvatarDataException"><c>SeveralModels</c>, <c>UnsafeOutputName</c>, <c>DuplicateOutput</c>,
    /// <c>OutputNameCollision</c>, <c>OutputExists</c> or <c>HeatmapNotWritten</c>; nothing is written then.</exception>
    public string Write(Localization localization)
    {
        ArgumentNullException.ThrowIfNull(localization);
        if (!PerModel)
        {
            lock (_gate)
            {
                _model ??= localization.Model;
                if (!string.Equals(_model, localization.Model, StringComparison.Ordinal))
                {
                    throw new AvatarDataException("SeveralModels", AvatarErrorKind.InvalidArgument, _output.Root,
                        $"holds the heatmaps of model '{_model}', so the map of {localization.Frame} by model '{localization.Model}' was not written " +
                        "(the two would overwrite each other); write each model to its own folder, or use -PerModel for <Path>/<model>/<clip_id>/<frame>.npy");
                }
            }
        }
        var path = _output.Claim(Folders(localization), FrameStem(localization), ".npy");
        try
        {
            NpyWriter.Write(path, localization.Heatmap);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AvatarDataException("HeatmapNotWritten", AvatarErrorKind.WriteError, path, $"cannot be written ({ex.Message})", ex);
        }
        if (localization.IsNegative)
        {
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(path))!;
            lock (_gate)
            {
                if (!_conditions.TryGetValue(folder, out var entry))
                {
                    entry = (new AudioConditionFile(localization.Model, localization.Condition, localization.Seed, localization.Repeat,
                        new Dictionary<string, string>()), new Dictionary<string, string>(StringComparer.Ordinal));
                    _conditions.Add(folder, entry);
                }
                if (localization.DonorClip is { } donor)
                {
                    entry.Donors[AudioConditionFile.DonorKey(localization.VideoId, localization.FrameIndex)] = donor;
                }
            }
        }
        return path;
    }

    /// <summary>
    /// Writes the <see cref="AudioConditionFile"/> of every condition folder written to (none when only positives were
    /// written); returns the files. Call once, after the last <see cref="Write"/>.
    /// </summary>
    /// <exception cref="AvatarDataException"><c>HeatmapNotWritten</c> when a sidecar cannot be written.</exception>
    public IReadOnlyList<string> Complete()
    {
        var written = new List<string>();
        lock (_gate)
        {
            foreach (var (folder, entry) in _conditions)
            {
                try
                {
                    (entry.Header with { Donors = entry.Donors }).Write(folder);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new AvatarDataException("HeatmapNotWritten", AvatarErrorKind.WriteError, Path.Combine(folder, AudioConditionFile.FileName),
                        $"cannot be written ({ex.Message}); without it the maps of this folder read back as positives", ex);
                }
                written.Add(Path.Combine(folder, AudioConditionFile.FileName));
            }
        }
        return written;
    }

    private string[] Folders(Localization localization)
    {
        var folders = new List<string>(3);
        if (PerModel)
        {
            folders.Add(localization.Model);
        }
        if (localization.IsNegative)
        {
            folders.Add(AudioConditionFile.FolderName(localization));
        }
        folders.Add(localization.VideoId);
        return folders.ToArray();
    }

    private static string FrameStem(Localization localization) => HeatmapStore.FrameStem(localization.Frame);
}
