@{
    Synopsis    = 'Keeps the frames of the cross-event clips: those whose sounding category changes over time.'
    Description = @'
Select-CrossEvent implements the Cross-event selection of the AVATAR supplementary material (Algorithm 1). A clip's labelled frames are walked in time order; a frame's categories are the audio_visual_category of all its annotations, Off-Screen ones included. The first labelled frame seeds the set of seen categories; the clip is cross-event when a later frame brings a category not seen before.

The decision is made on the input frames of each clip. When the input arrives grouped by clip, as Get-AvatarFrame emits it, each clip is decided and passed on as soon as all of its labelled frames have arrived; input in any other order gives the same answer once the input ends.
'@
    Parameters  = @{
        Frame      = 'The frames to select from, usually from Get-AvatarFrame.'
        Complement = 'Return the frames of the clips that are not cross-event instead.'
    }
    Inputs      = @(
        @{ Type = 'AvatarTools.Core.Dataset.AvatarFrame'; Description = 'Labelled frames.' }
    )
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Dataset.AvatarFrame'; Description = 'The frames of the selected clips.' }
    )
    Examples    = @(
        @{
            Title   = 'List the cross-event clips'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Select-CrossEvent | Select-Object -ExpandProperty VideoId -Unique
'@
            Remarks = 'On the full benchmark this yields the 450 clips of the paper''s Cross-event subset.'
        }
        @{
            Title   = 'The frames of the other clips'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Select-CrossEvent -Complement | Measure-Object
'@
            Remarks = 'The complement: every frame of a clip whose category never changes.'
        }
    )
    Links       = @('Get-AvatarFrame')
}
