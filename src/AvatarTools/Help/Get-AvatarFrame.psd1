@{
    Synopsis    = 'Reads the labelled frames of an AVATAR dataset (or the samples of a VGG-SS or Flickr-SoundNet folder), one AvatarFrame per frame.'
    Description = @'
Get-AvatarFrame reads the AVATAR benchmark as released (metadata/<clip_id>/<frame>.json and .jpg, videos in video/ or video/video/, optional audio/<clip_id>.wav) and streams one AvatarFrame per labelled frame, ordered by clip id (ordinal) then frame index. Files are read in parallel.

Each frame carries VideoId, FrameIndex, Width and Height (original size), Time (seconds, when the clip's frame rate is known from frame_rates.csv or the mp4), Scenarios (SingleSound, MixedSound, MultiEntity, OffScreen), IsOffScreen, Categories and Instances (category, scenario, bounding box and polygons in original pixels).

It also reads the two image benchmarks in the baselines' layout, recognised from what the folder holds: VGG-SS (vggss.json beside frames/ and audio/) and Flickr-SoundNet (Annotations/<id>.xml beside frames/ and audio/; also annotations/ or anno/, or the one other subfolder holding .xml files). Each sample streams as the same AvatarFrame: Benchmark VggSs or FlickrSoundNet, VideoId the sample id, FrameIndex 0, Width = Height = 224 (the ground-truth map), ImagePath frames/<id>.jpg, MetadataPath the annotation file, no frame rate (the image lies at the middle of its audio, audio/<id>.wav), and one Single-Sound instance per box, whose category is the sample's class (Flickr-SoundNet has none: 'sound source') and whose BoundingBox (X, Y, Width, Height) holds the box's whole-pixel cells of the 224 x 224 map, half-open, after the benchmark's rule: VGG-SS clips each normalised coordinate to [0, 1], multiplies by 224 and truncates (so corrupt values such as -2.9e16 clip to the edge, and a degenerate xmin = xmax box has Width 0); Flickr-SoundNet maps each pixel v of its 256 x 256 frame to floor(224 v / 256). The instance's polygon is the same box, for drawing. A sample whose ground truth is empty after clipping is a warning, not an error: it still streams and scores as in the baselines. A malformed entry or file is a non-terminating error naming the file; the other samples are still returned.

A frame file that cannot be scored (invalid JSON, a missing key, an unknown task, a polygon with an odd number of coordinates, a non-positive size) is reported as a non-terminating error naming the file; every other frame is still returned. A path that does not exist, or a folder that is not an AVATAR dataset, is one non-terminating error for that folder; the other folders of the pipeline (Get-ChildItem -Directory | Get-AvatarFrame) are still read.

Under -Verbose it says what it found in each dataset: the clips, the media layout (video/video/, video/, audio/, frames/) and where frame rates come from (frame_rates.csv or each mp4's header), and how many clips were selected.
'@
    Parameters  = @{
        Path        = 'The dataset folder: the one that holds metadata/ (the metadata folder itself is accepted too). Wildcards are allowed. Binds from the pipeline and from a Path property.'
        LiteralPath = 'The dataset folder, used exactly as typed (no wildcards). Binds from PSPath (Get-Item) and DatasetPath properties.'
        VideoId     = 'Only the clips whose id matches one of these values. Wildcards are allowed (matching ignores case), e.g. ''GueOh9nkQ38_*''; for an id with [, ], * or ?, use -LiteralVideoId or escape them with a backtick. A malformed pattern (an unclosed [) stops the command with InvalidWildcardPattern. Tab completion lists the clips of the dataset named by -Path. Binds by property name, so CSV rows with a VideoId column (Import-Csv ids.csv | Get-AvatarFrame ./AVATAR) and objects of the other cmdlets select their clips; a value bound from the pipeline is taken as a clip id as it is (no wildcards), one typed on the command line as a pattern.'
        FrameIndex  = 'Only these frame indices (the number of the frame file, e.g. 42 for 00042.json) of the clips selected. Binds by property name, so rows with VideoId and FrameIndex (a per-frame score, a localization, a CSV of either) select those very frames.'
        LiteralVideoId = 'Only the clips with exactly these ids: no wildcards, case-sensitive, e.g. ''br[1]_00001''. Combines with -VideoId: a clip named by either is read.'
        Scenario    = 'Only the frames that have at least one instance of any of these scenarios: SingleSound, MixedSound, MultiEntity, OffScreen.'
        Category    = 'Only the frames with any of these audio-visual categories (e.g. ''playing violin''). Wildcards are allowed; matching ignores case. For a category with [, ], * or ?, escape them with a backtick or [WildcardPattern]::Escape(''drum [kit]''). Tab completion lists the categories of the dataset named by -Path.'
        Benchmark   = 'The benchmark of the folder: Avatar, VggSs or FlickrSoundNet. By default it is recognised from what the folder holds (metadata/, vggss.json, or a folder of <id>.xml beside frames/); name it when the folder holds several or the annotation lies elsewhere.'
        Annotation  = 'Where the annotation is when it is not in its usual place under the folder: VGG-SS''s vggss.json (a file) or Flickr-SoundNet''s folder of <id>.xml files. Without -Benchmark, a file means VggSs and a folder FlickrSoundNet. The images and audio are still read from frames/ and audio/ under -Path.'
        TestList    = 'Only the samples of a baselines'' test list, in the list''s order: vggss_test.csv, vggss_heard_test.csv, vggss_unheard_test.csv (one id per line), flickr_test.csv (rows <id>,<number>), or SLAVC''s *_plus_silent.csv (header video,audio,label: as SLAVC''s loader reads it, the rows labelled non-sounding are negative pairs and the other rows select the samples heard with their own audio, an id listed twice streaming once; after those frames comes one frame per non-sounding row, the video column''s image with AudioId = the audio column''s sample, which Invoke-AvatarLocalization runs with that sample''s audio as a NonSounding negative). Each frame''s TestList property holds the list''s base name (e.g. vggss_heard_test). Listed ids without an annotation are named in a warning. Not for AVATAR.'
    }
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'A dataset folder.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Any object with VideoId (and FrameIndex) properties, e.g. Import-Csv rows; with PSPath (Get-ChildItem -Directory) for the dataset folder.' }
    )
    Outputs     = @(
        @{ Type = 'AvatarTools.Core.Dataset.AvatarFrame'; Description = 'One per labelled frame.' }
    )
    Examples    = @(
        @{
            Title   = 'Count the frames of each scenario'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
'SingleSound', 'MixedSound', 'MultiEntity', 'OffScreen' | ForEach-Object {
    [pscustomobject]@{ Scenario = $_; Frames = @($frames | Where-Object Scenarios -Contains $_).Count }
}
'@
            Remarks = 'A frame with instances of two scenarios counts in both. On the real benchmark, give the folder of the AVATAR download (the one that holds metadata/).'
        }
        @{
            Title   = 'The Multi-Entity and Mixed-Sound frames of the instrument clips'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic -Scenario MultiEntity, MixedSound -Category 'playing*'
'@
            Remarks = 'Filters combine: a frame must have one of the scenarios and one of the categories.'
        }
        @{
            Title   = 'One clip, first frame only'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic -VideoId '*_00*' | Select-Object -First 1 | Format-List
'@
            Remarks = 'The reader stops as soon as Select-Object has what it needs.'
        }
        @{
            Title   = 'A VGG-SS folder and its heard-classes test list'
            Code    = @'
if (-not (Test-Path ./vggss)) { New-AvatarSyntheticSet ./vggss -Benchmark VggSs | Out-Null }
Get-AvatarFrame ./vggss -TestList ./vggss/vggss_heard_test.csv -WarningAction SilentlyContinue |
    Select-Object VideoId, Categories, TestList, @{ n = 'Boxes'; e = { $_.Instances.BoundingBox -join ' ' } }
'@
            Remarks = 'The synthetic set holds corrupt boxes like the public vggss.json (a -2.9e16 coordinate, a degenerate box, a sample whose ground truth is empty after clipping: that one is a warning).'
        }
        @{
            Title   = 'Flickr-SoundNet with its annotations elsewhere'
            Code    = @'
if (-not (Test-Path ./flickr)) { New-AvatarSyntheticSet ./flickr -Benchmark FlickrSoundNet | Out-Null }
Get-AvatarFrame ./flickr -Benchmark FlickrSoundNet -Annotation ./flickr/Annotations -TestList ./flickr/flickr_test.csv |
    Select-Object -First 2 | Format-List VideoId, Benchmark, TestList, Instances
'@
            Remarks = 'Each annotator''s box is one instance (two or three per object here): the consensus ground truth sums them.'
        }
        @{
            Title   = 'The frames a CSV of clip ids names'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Select-Object -First 2 VideoId | Export-Csv ./ids.csv
Import-Csv ./ids.csv | Get-AvatarFrame ./synthetic
'@
            Remarks = 'VideoId (and FrameIndex) bind by property name: each row selects its clip.'
        }
    )
    Links       = @('Select-CrossEvent', 'New-AvatarSyntheticSet')
}
