@{
    Synopsis    = 'Reads heatmaps made elsewhere (NumPy .npy files) for the frames in the pipeline.'
    Description = @'
Import-AvatarHeatmap takes AvatarFrame objects and emits one Localization per frame, its heatmap read from a NumPy .npy file, as the official evaluator reads them: <Path>/<clip_id>/<frame:5 digits>.npy or <Path>/<clip_id>_<frame:5 digits>.npy. Arrays may be 2-D or have leading singleton dimensions, in float32, float64 or float16, either byte order.

A folder with an audio-condition.json sidecar (a condition folder Export-AvatarHeatmap wrote for negative-audio localizations) gives each localization that file's Condition, Seed, Repeat and DonorClip, and its model name unless -Model is given; a sidecar that cannot be read stops the command with AudioConditionFileInvalid. A folder without one holds positives. Frames of SLAVC's non-sounding pairs (an AudioId, from Get-AvatarFrame -TestList *_plus_silent.csv) take their maps only from a NonSounding folder, and the other frames only from the other folders, so piping all the frames of such a list to each folder reads each map once (the others pass by, counted under -Verbose).

A video model's per-clip array <Path>/<clip_id>.npy of shape [T, h, w] is read with -FrameRate (the maps' samples per second): the frame's map is interpolated linearly in time between the two nearest samples.

Integer and boolean arrays are read as float32 (a uint8 saliency map, a binary mask), and a constant map is a valid map. Clip ids are mapped to folder names as Export-AvatarHeatmap maps them (the identity for AVATAR's clip ids).

Every problem with one file is an error for that frame, naming the file, and the other frames go on: HeatmapNotFound; NotARegularFile (a folder named *.npy, a FIFO or a device: refused before it is opened, so a FIFO never hangs the pipeline); HeatmapUnreadable (any I/O error, e.g. a file locked by the program writing it); HeatmapTooLarge (over 1 GiB); InvalidNpy (bad magic, a malformed or over-long header, data shorter or longer than its shape); UnsupportedNpyDtype (object arrays are never unpickled; strings, complex, datetime, structured); NonFiniteHeatmap (NaN or infinity); InvalidHeatmapShape (not 2-D).
'@
    Parameters  = @{
        Path      = 'The folder of .npy heatmaps.'
        Frame     = 'The frames whose heatmaps to read, usually from Get-AvatarFrame.'
        Model     = 'The model name given to the localizations. Defaults to the name of the folder.'
        FrameRate = 'The samples per second of per-clip [T, h, w] arrays (sample t is at time t / FrameRate).'
    }
    Defaults    = @{
        Model = 'The name of the folder'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Dataset.AvatarFrame'; Description = 'Labelled frames.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Frame, Model and Heatmap (native resolution).' })
    Examples    = @(
        @{
            Title   = 'Save heatmaps, then score them again later'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Export-AvatarHeatmap ./heatmaps/avsync
Get-AvatarFrame ./synthetic | Import-AvatarHeatmap ./heatmaps/avsync | Measure-AvatarScore -CrossEvent
'@
            Remarks = 'The model is named avsync after its folder. Heatmaps saved by a Python evaluation, one .npy per labelled frame, load the same way.'
        }
        @{
            Title   = 'Two models from two folders, scored in one pipeline'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
$frames | Invoke-AvatarLocalization -Model Center | Export-AvatarHeatmap ./heatmaps/center
$frames | Invoke-AvatarLocalization -Model AVSync | Export-AvatarHeatmap ./heatmaps/avsync
@($frames | Import-AvatarHeatmap ./heatmaps/center -Model 'Center prior') + @($frames | Import-AvatarHeatmap ./heatmaps/avsync) | Measure-AvatarScore
'@
            Remarks = 'One set of rows per model.'
        }
        @{
            Title   = 'A video model that saved one array per clip at 8 maps per second'
            Code    = 'Get-AvatarFrame ./AVATAR | Import-AvatarHeatmap ./heatmaps/tavlo -FrameRate 8 -Model TAVLO | Measure-AvatarScore -CrossEvent'
            UserFiles = './AVATAR (the AVATAR download) and ./heatmaps/tavlo (one [T, h, w] .npy per clip saved by your video model).'
            Remarks = 'Each labelled frame gets the map interpolated at its time from <clip_id>.npy of shape [T, h, w].'
        }
    )
    Links       = @('Export-AvatarHeatmap', 'Measure-AvatarScore')
}
