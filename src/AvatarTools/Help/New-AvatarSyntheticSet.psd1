@{
    Synopsis    = 'Writes a deterministic synthetic AVATAR benchmark, in the extracted layout or exactly as the download holds it.'
    Description = @'
No AVATAR data can be bundled, so AvatarTools makes its own benchmark. By default (-Layout Extracted) it writes metadata/<clip_id>/<frame>.json and .jpg, audio/<clip_id>.wav (16 kHz mono), frames/<clip_id>/<index>.jpg (every frame of the clip, for video-level models), frame_rates.csv, and video/<clip_id>.mp4 when ffmpeg is installed: the download plus what a user would have extracted from it.

With -Layout Release it writes exactly what the AVATAR download holds: metadata/<clip_id>/<frame>.json and .jpg, and video/video/<clip_id>.mp4 (H.264 with AAC sound), nothing else, so the cmdlets take the path a real user takes (frame rates from the mp4 headers, audio and frames decoded by ffmpeg into the media cache). It needs ffmpeg; without it the command stops with FfmpegNotFound before writing anything.

The scenes cover all four scenarios, frames with two scenarios, cross-event clips (one of them starting Off-Screen), multi-polygon instances and clip ids with '_' and '-' inside. Sounding objects pulse with their tone's envelope; silent look-alikes pulse out of sync, so a model that uses audio-visual synchrony can find the sounding one.

With -Benchmark VggSs or FlickrSoundNet it writes an image benchmark in the baselines' layout instead: frames/<id>.jpg (the labelled frame), audio/<id>.wav (16 kHz mono, 10 s; one sample 2 s, which the baselines' 3 s window tiles), and for VGG-SS vggss.json (boxes normalised to [0, 1], with corrupt boxes like the public file's: a -2.9e16 coordinate, a degenerate xmin = xmax box, a sample whose ground truth is empty after clipping) and vggss_test.csv, vggss_heard_test.csv, vggss_unheard_test.csv; for Flickr-SoundNet 256 x 256 images, Annotations/<id>.xml with the boxes of two or three annotators, and flickr_test.csv. Both also get SLAVC's extended list, vggss_test_plus_silent.csv or flickr_test_plus_silent.csv (header video,audio,label): every sample with its own audio (label sounding), then every sample paired with the audio of the next sample of another class (label non-sounding), for the detection view with negatives (Get-AvatarFrame -TestList it, then Measure-AvatarScore -Detection). The sounding objects pulse with their sound as in the AVATAR set.

With -MetadataOnly it writes only the frame JSON, by default at full AVATAR scale (5,000 clips, 24,266 labelled frames), for benchmarks. The same -Seed writes the same bytes.
'@
    Parameters  = @{
        Path         = 'The folder to write the benchmark to. It is created when missing.'
        ClipCount    = 'How many clips to write (samples with -Benchmark VggSs or FlickrSoundNet). Defaults to 12 (5,000 with -MetadataOnly).'
        Benchmark    = 'Which benchmark''s layout to write: Avatar (the default), VggSs or FlickrSoundNet. -MetadataOnly, -Layout and -FrameRate apply to AVATAR sets only.'
        Seed         = 'The random seed. The same seed writes byte-identical files. Defaults to 1.'
        MetadataOnly = 'Write only the metadata JSON (and frame_rates.csv), no images, audio or video. Cannot be combined with -Layout Release.'
        Layout       = 'Which files to write: Extracted (the default: metadata, audio/, frames/, frame_rates.csv, and video/<clip_id>.mp4 when ffmpeg is installed) or Release (exactly the download: metadata and video/video/<clip_id>.mp4 with AAC sound, nothing else; needs ffmpeg).'
        FrameRate    = 'The clips'' video frame rate, 1 to 240 frames per second. Defaults to 10; AVATAR''s clips run at 25 to 30.'
    }
    Defaults    = @{
        ClipCount = '12 (5,000 with -MetadataOnly)'
    }
    Inputs      = @()
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Synthetic.SyntheticSetResult'; Description = 'Where the set is, how many clips and frames, the frames per scenario and the cross-event clips.' }
        @{ Type = 'AvatarTools.Core.Synthetic.ImageBenchmarkSetResult'; Description = 'With -Benchmark VggSs or FlickrSoundNet: where the set is, its sample ids, annotation and test lists, PlusSilentList (the *_plus_silent.csv it wrote, not among TestLists), and the samples with corrupt boxes, an empty ground truth or short audio.' }
    )
    Examples    = @(
        @{
            Title   = 'A small benchmark with media'
            Code    = "New-AvatarSyntheticSet -Path ./benchmark`nGet-AvatarFrame ./benchmark | Format-Table"
            Remarks = 'Twelve clips with images, audio and frames (and videos when ffmpeg is installed). A folder that already holds a dataset is refused (SyntheticRootNotEmpty): the other cmdlets'' examples use ./synthetic, which they write with this command when it is missing.'
        }
        @{
            Title   = 'The layout of the real download'
            Code    = "New-AvatarSyntheticSet -Path ./release -Layout Release -ClipCount 4`nGet-AvatarFrame ./release | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore"
            Remarks = 'Only metadata/ and video/video/*.mp4, as the download; the audio is decoded from the mp4s into the media cache, not into the dataset. Needs ffmpeg.'
        }
        @{
            Title   = 'A full-scale metadata-only set for benchmarks'
            Code    = "New-AvatarSyntheticSet -Path ./avatar-scale -MetadataOnly`n(Get-AvatarFrame ./avatar-scale | Measure-Object).Count"
            Remarks = '24,266 labelled frames in 5,000 clips, as in AVATAR.'
        }
        @{
            Title   = 'The two image benchmarks'
            Code    = "New-AvatarSyntheticSet -Path ./vggss-demo -Benchmark VggSs`nNew-AvatarSyntheticSet -Path ./flickr-demo -Benchmark FlickrSoundNet -ClipCount 6 -Seed 7`nGet-AvatarFrame ./vggss-demo -WarningAction SilentlyContinue | Invoke-AvatarLocalization -Model Center | Select-Object -First 3"
            Remarks = 'A VGG-SS set of twelve samples and a Flickr-SoundNet set of six, recognised by Get-AvatarFrame from their layout.'
        }
    )
    Links       = @('Get-AvatarFrame')
}
