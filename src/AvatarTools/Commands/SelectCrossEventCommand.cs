using System.Management.Automation;
using AvatarTools.Core.Dataset;

namespace AvatarTools.Commands;

/// <summary>
/// <para type="synopsis">Keeps the frames of cross-event clips (or, with -Complement, of the other clips).</para>
/// </summary>
[Cmdlet(VerbsCommon.Select, "CrossEvent")]
[OutputType(typeof(AvatarFrame))]
public sealed class SelectCrossEventCommand : AvatarCmdlet
{
    private readonly CrossEventStream _stream = new();
    private readonly List<string> _crossEvent = new();
    private int _clips;

    /// <summary>Frames, e.g. from Get-AvatarFrame.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineInput(typeof(AvatarFrame), "AvatarFrame objects (from Get-AvatarFrame or Select-CrossEvent)")]
    public AvatarFrame? Frame { get; set; }

    /// <summary>Return the frames of the clips that are not cross-event instead.</summary>
    [Parameter]
    public SwitchParameter Complement { get; set; }

    protected override string ProcessedItems => "input objects";

    protected override void ProcessRecord()
    {
        if (!SkipWrongInput(Frame))
        {
            CountProcessed();
            Write(_stream.Add(Frame!));
        }
    }

    protected override void EndProcessing()
    {
        Write(_stream.Finish());
        WriteVerbose($"{_crossEvent.Count} of {_clips} clips are cross-event (a category sounds in a later frame that no earlier frame had){(_crossEvent.Count > 0 ? ": " + string.Join(", ", _crossEvent) : "")}; {(Complement ? "the frames of the others" : "their frames")} were passed on.");
        WriteSkipSummary();
    }

    private void Write(IEnumerable<CrossEventStream.Decision> decisions)
    {
        foreach (var decision in decisions)
        {
            _clips++;
            if (decision.IsCrossEvent)
            {
                _crossEvent.Add(decision.VideoId);
            }
            if (decision.IsCrossEvent != Complement.IsPresent)
            {
                foreach (var frame in decision.Frames)
                {
                    WriteObject(frame);
                }
            }
        }
    }
}
