@{
    Synopsis    = 'Writes a deterministic synthetic AVATAR benchmark in exactly the released layout.'
    Description = @'
No AVATAR data can be bundled, so AvatarTools makes its own benchmark: metadata/<clip_id>/<frame>.json and .jpg, audio/<clip_id>.wav (16 kHz mono), frames/<clip_id>/<index>.jpg (every frame of the clip, for video-level models), frame_rates.csv, and video/<clip_id>.mp4 when ffmpeg is installed.

The scenes cover all four scenarios, frames with two scenarios, cross-event clips (one of them starting Off-Screen), multi-polygon instances and clip ids with '_' and '-' inside. Sounding objects pulse with their tone's envelope; silent look-alikes pulse out of sync, so a model that uses audio-visual synchrony can find the sounding one.

With -MetadataOnly it writes only the frame JSON, by default at full AVATAR scale (5,000 clips, 24,266 labelled frames), for benchmarks. The same -Seed writes the same bytes.
'@
    Parameters  = @{
        Path         = 'The folder to write the benchmark to. It is created when missing.'
        ClipCount    = 'How many clips to write. Defaults to 12 (5,000 with -MetadataOnly).'
        Seed         = 'The random seed. The same seed writes byte-identical files. Defaults to 1.'
        MetadataOnly = 'Write only the metadata JSON (and frame_rates.csv), no images, audio or video.'
    }
    Defaults    = @{
        ClipCount = '12 (5,000 with -MetadataOnly)'
    }
    Inputs      = @()
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Synthetic.SyntheticSetResult'; Description = 'Where the set is, how many clips and frames, the frames per scenario and the cross-event clips.' }
    )
    Examples    = @(
        @{
            Title   = 'A small benchmark with media'
            Code    = "New-AvatarSyntheticSet -Path ./benchmark`nGet-AvatarFrame ./benchmark | Format-Table"
            Remarks = 'Twelve clips with images, audio and frames (and videos when ffmpeg is installed). A folder that already holds a dataset is refused (SyntheticRootNotEmpty): the other cmdlets'' examples use ./synthetic, which they write with this command when it is missing.'
        }
        @{
            Title   = 'A full-scale metadata-only set for benchmarks'
            Code    = "New-AvatarSyntheticSet -Path ./avatar-scale -MetadataOnly`n(Get-AvatarFrame ./avatar-scale | Measure-Object).Count"
            Remarks = '24,266 labelled frames in 5,000 clips, as in AVATAR.'
        }
    )
    Links       = @('Get-AvatarFrame')
}
