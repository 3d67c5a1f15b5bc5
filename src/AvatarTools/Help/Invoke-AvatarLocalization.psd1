@{
    Synopsis    = 'Runs a localization model (an ONNX file, or a built-in model) over labelled frames, with the baselines'' exact preprocessing.'
    Description = @'
Invoke-AvatarLocalization takes AvatarFrame objects and emits one Localization per frame: the model's heatmap at its native resolution (7 x 7 for EZ-VSL and SLAVC, 14 x 14 for SSL-TIE and LVS).

A model is an ONNX file plus a description of its inputs and preprocessing: a -Preset (EzVsl, Slavc, SslTie, Lvs) or a JSON sidecar next to the model (<model>.onnx.json or <model>.json; the README documents its keys). The model is checked against its description when the command starts; a wrong input name, rank, type or size stops the command with a list of what the model has and what was expected.

Image-level models get one frame image and one audio window per labelled frame; video-level models get frames of the clip sampled at the model's rate. Audio comes from audio/<clip_id>.wav and frames from frames/<clip_id>/ when the dataset has them; otherwise each clip's mp4 is decoded once by ffmpeg, straight to 16 kHz mono samples and to the frames the model needs at its size, several clips at a time while the model runs, and what was decoded is kept in the media cache. The dataset itself is only read, so a read-only dataset works as it is. The cache is a per-user folder ($XDG_CACHE_HOME/AvatarTools, else ~/.cache/AvatarTools; %LOCALAPPDATA%\AvatarTools on Windows), or the AVATARTOOLS_CACHE environment variable, or -CacheFolder, with one subfolder per dataset; several commands can fill it at the same time. At most 500 kB per clip: the audio losslessly compressed (about 200 kB for 10 s), and the frames of video-level models when they fit, also lossless (frames that do not fit are decoded again by each run); delete the folder to clear it.

Without ffmpeg, the first frame that needs it gets the error FfmpegNotFound (saying how to install it or set AVATARTOOLS_FFMPEG); every later frame that needs ffmpeg is skipped without another error, and a warning at the end counts them. Frames whose audio and frames are in the dataset or the cache still run. A corrupt or unreadable mp4 is an InvalidVideo error, with ffmpeg's own message, for each of its frames; a WAV cut short (TruncatedWav) is an error for each frame that uses it. By default each frame gets 10 s of audio, the whole clip, as AVATAR runs the baselines; -AudioWindow centres a shorter window on the frame's time (shifted inside the clip, the clip tiled when shorter). A spectrogram is computed once per clip and window and shared by the frames that need it. On the image benchmarks (frames of Get-AvatarFrame on a VGG-SS or Flickr-SoundNet folder: frames/<id>.jpg and audio/<id>.wav), the image is the labelled frame and lies at the middle of its audio: the EzVsl and Slavc presets and the built-in Center take EZ-VSL's and SLAVC's 3 s window centred there (start = max(D/2 - 1.5 s, 0), tiled when the file is shorter; a [1, 257, 200] spectrogram), the Lvs and SslTie presets their own 10 s from the start; -AudioWindow centres its window on the audio's middle; a video-level model (AVSync) gets VideoModelOnImageBenchmark. A sidecar sets this window with imageBenchmarkWindowSeconds.

Two built-in models need no weights: Center (a centred Gaussian prior) and AVSync (training-free audio-visual synchrony: each location's brightness changes correlated with the audio envelope over 2 s around the frame). They are ONNX graphs built at run time and run through ONNX Runtime like any other model.

-AudioCondition asks whether the model stays quiet when nothing visible sounds (the negative-audio protocol of arXiv 2410.01020): Silence gives every frame an all-zero waveform of the length of its own audio, Noise i.i.d. N(0, 1) samples of that length (not clipped to [-1, 1]), and OffScreen the audio of a random clip of the same dataset whose categories share nothing with the frame's (the union of each clip's labelled categories; the donor is drawn per frame, uniformly among those clips sorted by id). Every draw depends only on -Seed, the repeat and the frame (its clip id and index), never on the order of the frames, so a run is reproduced by its seed. -Repeat k runs the condition k times on the same frames with seeds Seed, Seed + 1, ..., Seed + k - 1 (the study pools ten); the frames of every repeat after the first are kept in memory until the end. Each Localization carries its Condition, Repeat, Seed (the seed of its draw, so -Seed <that seed> reproduces it) and, for OffScreen, DonorClip. The features the run caches are keyed on the condition, so maps of two conditions are never made from each other's audio. Score the negatives with Measure-AvatarScore (pIA, AUC_N and the positive-negative IoU at the positives' threshold); Export-AvatarHeatmap keeps them in a folder per condition.

Preprocessing of the next batch overlaps inference of the current one; output order is input order. A frame whose image, audio or video is missing or corrupt is an error for that frame, and the others go on.
'@
    Parameters  = @{
        Frame             = 'The frames to localize, usually from Get-AvatarFrame.'
        Model             = 'An .onnx file, or the name of a built-in model: Center, AVSync. Tab completion lists both.'
        Preset            = 'The preprocessing of a model that has no sidecar: EzVsl, Slavc (image 224 x 224 bicubic squash, ImageNet normalisation, scipy spectrogram [1, 257, 671] of 10 s), SslTie (short side 224 and centre crop, mel spectrogram [1, 257, 670]) or Lvs.'
        AudioWindow       = 'Seconds of audio per frame, centred on the frame''s time. Default: the model''s (10 s, the whole clip). The supplementary material studies 5, 2 and 1 s.'
        BatchSize         = 'Frames per ONNX Runtime run. Default 4.'
        ThreadCount       = 'ONNX Runtime''s intra-op threads; 0 (the default) lets it use every core.'
        ExecutionProvider = 'The ONNX Runtime execution provider, CPU by default. Tab completion lists the providers the installed ONNX Runtime reports.'
        CacheFolder       = 'The base folder of the media cache, where audio and frames decoded from the mp4s are kept (one subfolder per dataset, named after it). Default: the AVATARTOOLS_CACHE environment variable, else $XDG_CACHE_HOME/AvatarTools or ~/.cache/AvatarTools (%LOCALAPPDATA%\AvatarTools on Windows). Nothing is written into the dataset. When the folder cannot be written, one warning says so and the decoded media are used without being kept.'
        ModelName         = 'The name the localizations carry, and so the Model column of the scores. Default: the built-in name or the model''s description name (its file name).'
        AudioCondition    = 'The audio the model hears: Positive (each frame''s own, the default), Silence (all zeros), Noise (i.i.d. N(0, 1), not clipped, seeded) or OffScreen (the audio of a random clip whose categories share nothing with the frame''s, seeded; the donor is recorded on the localization). Tab completion lists them. NonSounding is not chosen here: the frames of a SLAVC *_plus_silent.csv row labelled non-sounding (Get-AvatarFrame -TestList) carry the sample whose audio they are paired with (AudioId), and under the default Positive they are heard with that audio and tagged NonSounding (DonorClip = AudioId), a negative. Under Silence, Noise or OffScreen those frames are left out with one warning.'
        Seed              = 'The seed of the Noise and OffScreen draws; repeat r uses Seed + r, which each localization records. Only with a negative -AudioCondition.'
        Repeat            = 'How many runs of the negative -AudioCondition to make, each with its own draws (seeds Seed ... Seed + Repeat - 1); every frame is localized once per run. Only with a negative -AudioCondition.'
    }
    Defaults    = @{
        Preset      = 'None: the sidecar beside the model describes it'
        AudioWindow = 'The model''s: 10 s, the whole clip'
        ThreadCount = '0 (every core)'
        CacheFolder = 'audio/ and frames/ beside the dataset''s metadata/'
        ModelName   = 'The built-in name, or the model''s description name (its file name)'
        AudioCondition = 'Positive (each frame''s own audio)'
        Seed        = '0'
        Repeat      = '1'
    }
    Inputs      = @(@{ Type = 'AvatarTools.Core.Dataset.AvatarFrame'; Description = 'Labelled frames.' })
    Outputs     = @(@{ Type = 'AvatarTools.Core.Heatmaps.Localization'; Description = 'Frame, Model and Heatmap.' })
    Examples    = @(
        @{
            Title   = 'The built-in models on the synthetic benchmark'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model AVSync | Measure-AvatarScore -CrossEvent
'@
            Remarks = 'AVSync finds the object that pulses with the sound.'
        }
        @{
            Title   = 'Shorter audio windows'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center -AudioWindow 2 -BatchSize 8 | Measure-AvatarScore
'@
            Remarks = 'Each frame gets 2 s of audio centred on its time (the supplementary''s study uses 5, 2 and 1 s).'
        }
        @{
            Title   = 'An exported EZ-VSL model'
            Code    = 'Get-AvatarFrame ./AVATAR | Invoke-AvatarLocalization -Model ./ezvsl.onnx -Preset EzVsl -BatchSize 8 | Export-AvatarHeatmap ./heatmaps/ezvsl -PassThru | Measure-AvatarScore -CrossEvent'
            UserFiles = './AVATAR (the AVATAR download) and ./ezvsl.onnx (your EZ-VSL model exported to ONNX, as Get-Help about_AvatarTools_OnnxExport shows).'
            Remarks = 'The preset gives the EZ-VSL preprocessing; a sidecar ezvsl.onnx.json can say the same or more.'
        }
        @{
            Title   = 'Does the model stay quiet without a visible source?'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
$frames = Get-AvatarFrame ./synthetic
$positives = $frames | Invoke-AvatarLocalization -Model AVSync
$silence = $frames | Invoke-AvatarLocalization -Model AVSync -AudioCondition Silence
$positives + $silence | Measure-AvatarScore
'@
            Remarks = 'The AvatarScore rows of the positives, then the NegativeScore rows of the silent run at the same threshold: pIA (lower is better), AUC_N (higher is better) and the IoU with each frame''s positive map.'
        }
        @{
            Title   = 'Off-screen audio, three seeded repeats'
            Code    = @'
if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }
Get-AvatarFrame ./synthetic | Invoke-AvatarLocalization -Model Center -AudioCondition OffScreen -Seed 7 -Repeat 3 | Select-Object VideoId, FrameIndex, Repeat, Seed, DonorClip -First 6
'@
            Remarks = 'Each frame hears a clip that shares none of its categories; the same seed gives the same donors.'
        }
    )
    Links       = @('Measure-AvatarScore', 'Import-AvatarHeatmap', 'about_AvatarTools_OnnxExport')
}
