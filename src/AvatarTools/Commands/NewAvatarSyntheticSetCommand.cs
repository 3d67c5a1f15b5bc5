using System.Management.Automation;
using AvatarTools.Core;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Synthetic;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Writes a deterministic synthetic benchmark in the AVATAR layout.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "AvatarSyntheticSet", SupportsShouldProcess = true)]
[OutputType(typeof(SyntheticSetResult), typeof(ImageBenchmarkSetResult))]
public sealed class NewAvatarSyntheticSetCommand : AvatarCmdlet
{
    /// <summary>The folder to write (created when missing).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>How many clips.</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    public int ClipCount { get; set; } = -1;

    /// <summary>The seed: the same seed writes the same bytes.</summary>
    [Parameter]
    public int Seed { get; set; } = 1;

    /// <summary>Only the metadata JSON (a full-scale set for benchmarks).</summary>
    [Parameter]
    public SwitchParameter MetadataOnly { get; set; }

    /// <summary>Which files: Extracted (default: with audio/, frames/, frame_rates.csv) or Release (exactly the download's).</summary>
    [Parameter]
    public SyntheticLayout Layout { get; set; } = SyntheticLayout.Extracted;

    /// <summary>The clips' video frame rate.</summary>
    [Parameter]
    [ValidateRange(1.0, 240.0)]
    public double FrameRate { get; set; } = 10;

    /// <summary>Which benchmark's layout: Avatar (default), VggSs or FlickrSoundNet.</summary>
    [Parameter]
    public Benchmark Benchmark { get; set; } = Benchmark.Avatar;

    protected override void EndProcessing()
    {
        var root = ResolveOutputPath(Path);
        if (Benchmark != Benchmark.Avatar)
        {
            WriteImageBenchmark(root);
            return;
        }
        var defaults = new SyntheticSetOptions();
        var options = defaults with
        {
            ClipCount = ClipCount > 0 ? ClipCount : MetadataOnly ? 5000 : defaults.ClipCount,
            Seed = Seed,
            MetadataOnly = MetadataOnly.IsPresent,
            Layout = Layout,
            FrameRate = FrameRate,
        };
        if (options.MetadataOnly && options.Layout == SyntheticLayout.Release)
        {
            ThrowAvatarError(new AvatarDataException("InvalidSyntheticOptions", AvatarErrorKind.InvalidArgument, null,
                "-MetadataOnly writes the metadata JSON only and -Layout Release writes the videos the download holds: use one of them"), Layout);
        }
        if (!ShouldProcess(root, $"Write a synthetic AVATAR set of {options.ClipCount} clips ({options.Layout} layout)"))
        {
            return;
        }
        var progress = new ProgressReporter(this, 2, $"Writing a synthetic AVATAR set to {root}", "clips");
        var done = 0;
        try
        {
            var result = progress.Run(
                () => new SyntheticSetWriter().Write(root, options, new CallbackProgress<int>(clips => done = clips), Cancellation),
                () => (done, options.ClipCount, null));
            WriteVerbose($"Wrote {result.ClipCount} clips ({result.FrameCount} labelled frames) to {result.Root} in the {result.Layout} layout{(result.VideoWritten ? ", with videos" : ", metadata only")}.");
            WriteObject(result);
        }
        catch (AvatarDataException error)
        {
            ThrowAvatarError(error, root);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
        finally
        {
            progress.Complete();
        }
    }

    private void WriteImageBenchmark(string root)
    {
        foreach (var avatarOnly in new[] { nameof(MetadataOnly), nameof(Layout), nameof(FrameRate) })
        {
            if (MyInvocation.BoundParameters.ContainsKey(avatarOnly))
            {
                ThrowAvatarError(new AvatarDataException("InvalidSyntheticOptions", AvatarErrorKind.InvalidArgument, null,
                    $"-{avatarOnly} applies to AVATAR sets; a {Benchmark} set is images, 16 kHz WAVs and its annotation"), Benchmark);
            }
        }
        var count = ClipCount > 0 ? ClipCount : 12;
        if (!ShouldProcess(root, $"Write a synthetic {Benchmark} set of {count} samples"))
        {
            return;
        }
        try
        {
            var result = ImageBenchmarkSetWriter.Write(root, Benchmark, count, Seed, Cancellation);
            WriteVerbose($"{result.Annotation}; test lists {string.Join(", ", result.TestLists.Select(System.IO.Path.GetFileName))}");
            WriteObject(result);
        }
        catch (AvatarDataException error)
        {
            ThrowAvatarError(error, root);
        }
        catch (OperationCanceledException)
        {
            // Stopped by the user.
        }
    }
}
