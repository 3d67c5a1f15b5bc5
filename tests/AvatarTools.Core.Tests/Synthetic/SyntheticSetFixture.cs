using System.Diagnostics;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Synthetic;

namespace AvatarTools.Core.Tests.Synthetic;

/// <summary>One default synthetic set (12 clips with media, no video) written once and read back for the whole class.</summary>
public sealed class SyntheticSetFixture : IDisposable
{
    public SyntheticSetFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "avatar-synthetic-" + Guid.NewGuid().ToString("N"));
        var watch = Stopwatch.StartNew();
        Result = new SyntheticSetWriter().Write(Root, new SyntheticSetOptions(WriteVideo: false));
        WriteTime = watch.Elapsed;
        Records = AvatarDataset.Open(Root).ReadFrames().ToList();
        Frames = Records.Where(record => record.Frame is not null).Select(record => record.Frame!).ToList();
    }

    public string Root { get; }

    public SyntheticSetResult Result { get; }

    public TimeSpan WriteTime { get; }

    public IReadOnlyList<FrameRecord> Records { get; }

    public IReadOnlyList<AvatarFrame> Frames { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
