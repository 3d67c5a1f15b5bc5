# Invoke-AvatarLocalization as a user runs it, on the built-in synthetic set (6 clips, written once).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    # The values of a heatmap as one text (shortest round-trip floats), to compare maps exactly.
    function Get-MapText([object] $Heatmap) {
        (@($Heatmap.ToArray()) | ForEach-Object { $_.ToString([cultureinfo]::InvariantCulture) }) -join ' '
    }

    function Get-FrameKey([object] $Item) {
        '{0}/{1}' -f $Item.VideoId, $Item.FrameIndex
    }

    $script:synthetic = Join-Path $TestDrive 'syn'
    New-AvatarSyntheticSet -Path $script:synthetic -ClipCount 6 | Out-Null
    $script:frames = Get-AvatarFrame $script:synthetic
    $script:keys = @($script:frames | ForEach-Object { Get-FrameKey $_ })

    # The built-in Center model saved as a plain ONNX file, described by nothing but its name.
    $script:models = New-Item -ItemType Directory (Join-Path $TestDrive 'models')
    $script:centerFile = Join-Path $script:models 'center.onnx'
    [AvatarTools.Core.Inference.BuiltInModels]::Center(0.25, 7).Save($script:centerFile)

    $script:center = $script:frames | Invoke-AvatarLocalization Center
    $script:avsync = $script:frames | Invoke-AvatarLocalization AVSync
}

Describe 'Invoke-AvatarLocalization with the built-in models' {
    It 'runs the synthetic set with 6 clips' {
        ($script:frames.VideoId | Select-Object -Unique).Count | Should -Be 6
        $script:frames.Count | Should -BeGreaterThan 6
    }

    It 'gives one <Name> Localization per frame, <Size> x <Size>, in input order' -ForEach @(
        @{ Name = 'Center'; Size = 7 }
        @{ Name = 'AVSync'; Size = 14 }
    ) {
        $localizations = if ($Name -eq 'Center') { $script:center } else { $script:avsync }
        $localizations.Count | Should -Be $script:frames.Count
        $localizations[0] | Should -BeOfType ([AvatarTools.Core.Heatmaps.Localization])
        @($localizations | ForEach-Object { Get-FrameKey $_ }) | Should -Be $script:keys
        foreach ($localization in $localizations) {
            $localization.Model | Should -Be $Name
            $localization.Heatmap.Height | Should -Be $Size
            $localization.Heatmap.Width | Should -Be $Size
        }
    }

    It 'gives the Center prior exp(-((u - 1/2)^2 + (v - 1/2)^2) / (2 sigma^2)) with sigma 0.25 on a 7 x 7 map' {
        $map = $script:center[0].Heatmap
        # The centre cell (3, 3) has u = v = 1/2: exp(0) = 1.
        [math]::Abs($map.ToArray()[3, 3] - 1) | Should -BeLessThan 1e-6
        # A corner cell: u - 1/2 = v - 1/2 = 0.5/7 - 0.5 = -3/7, so the exponent is -(18/49) / (1/8) = -144/49.
        [math]::Abs($map.ToArray()[0, 0] - [math]::Exp(-144 / 49)) | Should -BeLessThan 1e-6
        # Edge middle (0, 3): u = 1/2, v - 1/2 = -3/7: exponent -(9/49) x 8 = -72/49.
        [math]::Abs($map.ToArray()[0, 3] - [math]::Exp(-72 / 49)) | Should -BeLessThan 1e-6
    }

    It 'scores AVSync above Center on Total CIoU' {
        $centerTotal = $script:center | Measure-AvatarScore | Where-Object Group -eq 'Total'
        $avsyncTotal = $script:avsync | Measure-AvatarScore | Where-Object Group -eq 'Total'
        $avsyncTotal.CIoU | Should -BeGreaterThan $centerTotal.CIoU
    }

    It 'takes -AudioWindow 2' {
        $localizations = $script:frames | Invoke-AvatarLocalization Center -AudioWindow 2
        $localizations.Count | Should -Be $script:frames.Count
        $localizations[0].Heatmap.Height | Should -Be 7
        $avsync = $script:frames | Select-Object -First 3 | Invoke-AvatarLocalization AVSync -AudioWindow 2
        $avsync.Count | Should -Be 3
    }

    # ONNX Runtime reduces a batch of 7 in another order than a batch of 1, so the AVSync maps may differ in the
    # last float32 bits (measured: at most 3e-7 in maps of [0, 1), the same with -ThreadCount 1); Center is exact.
    It 'gives the same maps with -BatchSize 1 and -BatchSize 7 (AVSync within 1e-6, Center exactly)' {
        $one = $script:frames | Invoke-AvatarLocalization AVSync -BatchSize 1
        $seven = $script:frames | Invoke-AvatarLocalization AVSync -BatchSize 7
        $one.Count | Should -Be $script:frames.Count
        $seven.Count | Should -Be $script:frames.Count
        for ($i = 0; $i -lt $one.Count; $i++) {
            Get-FrameKey $one[$i] | Should -Be $script:keys[$i]
            Get-FrameKey $seven[$i] | Should -Be $script:keys[$i]
            $a = @($one[$i].Heatmap.ToArray())
            $b = @($seven[$i].Heatmap.ToArray())
            $b.Count | Should -Be $a.Count
            $largest = 0.0
            for ($k = 0; $k -lt $a.Count; $k++) { $largest = [math]::Max($largest, [math]::Abs($a[$k] - $b[$k])) }
            $largest | Should -BeLessThan 1e-6 -Because "frame $($script:keys[$i])"
        }
        $centerOne = $script:frames | Invoke-AvatarLocalization Center -BatchSize 1
        $centerSeven = $script:frames | Invoke-AvatarLocalization Center -BatchSize 7
        for ($i = 0; $i -lt $centerOne.Count; $i++) {
            Get-MapText $centerSeven[$i].Heatmap | Should -Be (Get-MapText $centerOne[$i].Heatmap)
        }
    }

    It 'stops cleanly and quickly under Select-Object -First 2, and runs again afterwards' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $first = $script:frames | Invoke-AvatarLocalization AVSync -BatchSize 1 | Select-Object -First 2
        $watch.Stop()
        $first.Count | Should -Be 2
        @($first | ForEach-Object { Get-FrameKey $_ }) | Should -Be $script:keys[0..1]
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $again = $script:frames | Select-Object -First 3 | Invoke-AvatarLocalization AVSync
        $again.Count | Should -Be 3
        Get-MapText $again[0].Heatmap | Should -Be (Get-MapText $script:avsync[0].Heatmap)
    }
}

Describe 'Invoke-AvatarLocalization with an ONNX file' {
    It 'runs a saved model with -Preset EzVsl and gives the built-in maps' {
        $localizations = $script:frames | Invoke-AvatarLocalization $script:centerFile -Preset EzVsl
        $localizations.Count | Should -Be $script:frames.Count
        $localizations[0].Model | Should -Be 'center'
        for ($i = 0; $i -lt $localizations.Count; $i++) {
            Get-FrameKey $localizations[$i] | Should -Be $script:keys[$i]
            Get-MapText $localizations[$i].Heatmap | Should -Be (Get-MapText $script:center[$i].Heatmap)
        }
    }

    It 'finds the model by a relative path and names it with -ModelName' {
        Push-Location $script:models
        try {
            $one = $script:frames | Select-Object -First 1 | Invoke-AvatarLocalization ./center.onnx -Preset EzVsl -ModelName 'mine'
        }
        finally {
            Pop-Location
        }
        $one.Model | Should -Be 'mine'
    }

    It 'stops with ModelMismatch listing the model''s inputs when the sidecar names a wrong input' {
        $file = Join-Path $script:models 'wrong.onnx'
        Copy-Item $script:centerFile $file
        Set-Content "$file.json" '{ "imageInput": "img", // not what the model calls it
  }'
        $thrown = $null
        try {
            $script:frames | Select-Object -First 1 | Invoke-AvatarLocalization $file
        }
        catch {
            $thrown = $_
        }
        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Be 'ModelMismatch,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
        $message = $thrown.ToString()
        $message | Should -BeLike '*img*'
        $message | Should -BeLike '*input  image*'
        $message | Should -BeLike '*input  audio*'
    }

    It 'stops with ModelDescriptionMissing for a model without -Preset or sidecar' {
        $file = Join-Path $script:models 'bare.onnx'
        Copy-Item $script:centerFile $file
        { $script:frames | Select-Object -First 1 | Invoke-AvatarLocalization $file } |
            Should -Throw -ErrorId 'ModelDescriptionMissing,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
    }

    It 'stops with ModelNotFound for a model that does not exist' {
        { $script:frames | Select-Object -First 1 | Invoke-AvatarLocalization (Join-Path $TestDrive 'nothing.onnx') -Preset EzVsl } |
            Should -Throw -ErrorId 'ModelNotFound,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
        { $script:frames | Select-Object -First 1 | Invoke-AvatarLocalization 'NoSuchModel' } |
            Should -Throw -ErrorId 'ModelNotFound,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
    }
}

Describe 'Stopping Invoke-AvatarLocalization' {
    It 'stops promptly when the pipeline is stopped, as Ctrl+C does, and releases the model' {
        $modulePath = (Get-Module AvatarTools).Path -replace '\.dll$', '.psd1'
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                param($module, $root)
                Import-Module $module
                Get-AvatarFrame $root | Invoke-AvatarLocalization -Model AVSync -BatchSize 1
            }).AddArgument($modulePath).AddArgument($script:synthetic)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $running = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ($output.Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -BeGreaterOrEqual 2 -Because 'the first localizations stream out before the input ends'
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -BeLessThan @($script:frames).Count
        }
        finally {
            $shell.Dispose()
        }
        # The session was released: the model runs again at once.
        @($script:frames | Select-Object -First 1 | Invoke-AvatarLocalization -Model AVSync).Count | Should -Be 1
    }
}

Describe 'Invoke-AvatarLocalization on bad images' {
    It 'reports a missing and a corrupt frame image as errors naming the file and localizes the others' {
        $copy = Join-Path $TestDrive 'syn-bad'
        Copy-Item -Recurse $script:synthetic $copy
        $frames = Get-AvatarFrame $copy
        $corrupt = $frames[1].ImagePath
        $missing = $frames[4].ImagePath
        Set-Content -LiteralPath $corrupt 'not a jpeg at all'
        Remove-Item -LiteralPath $missing

        $localizations = $frames | Invoke-AvatarLocalization Center -ErrorVariable errors -ErrorAction SilentlyContinue
        $localizations.Count | Should -Be ($frames.Count - 2)
        @($localizations | ForEach-Object { Get-FrameKey $_ }) | Should -Be @($script:keys | Where-Object { $_ -notin $script:keys[1], $script:keys[4] })
        $errors.Count | Should -Be 2
        $errors[0].ToString() | Should -BeLike ('*' + [System.IO.Path]::GetFileName($corrupt) + '*')
        $errors[0].ToString() | Should -BeLike ('*' + $frames[1].VideoId + '*')
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImage,*'
        $errors[1].ToString() | Should -BeLike ('*' + $frames[4].VideoId + '*' + [System.IO.Path]::GetFileName($missing) + '*')
    }
}

Describe 'Invoke-AvatarLocalization on a dataset with videos only' {
    BeforeAll {
        $script:ffmpeg = Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue
        $script:videoOnly = Join-Path $TestDrive 'video-only'
        if ($script:ffmpeg) {
            # The released layout: metadata and videos, no extracted audio, frames or frame-rate table.
            New-Item -ItemType Directory $script:videoOnly | Out-Null
            Copy-Item (Join-Path $script:synthetic 'metadata') $script:videoOnly -Recurse
            Copy-Item (Join-Path $script:synthetic 'video') (Join-Path $script:videoOnly 'video') -Recurse
        }
    }

    BeforeEach {
        if (-not $script:ffmpeg) {
            if ($env:CI -eq 'true') { throw 'ffmpeg is required on CI (apt-get install ffmpeg); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'ffmpeg is not installed (apt-get install ffmpeg)'
        }
    }

    It 'reads frame times from the mp4s, decodes audio and frames through ffmpeg once into the cache, and still finds the sounding objects' {
        $frames = @(Get-AvatarFrame $script:videoOnly)
        $frames.Count | Should -Be @(Get-AvatarFrame $script:synthetic).Count
        $frames | ForEach-Object { $_.Time | Should -Not -BeNullOrEmpty }
        $frames[0].Time | Should -Be ($frames[0].FrameIndex / 10) -Because 'the synthetic videos run at 10 frames/s'

        $before = @(Get-ChildItem -Recurse -File $script:videoOnly | ForEach-Object FullName)
        $cache = Join-Path $TestDrive 'video-only-cache'
        $avsync = @($frames | Invoke-AvatarLocalization -Model AVSync -CacheFolder $cache -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        $avsync.Count | Should -Be $frames.Count
        @(Get-ChildItem -Recurse -File $script:videoOnly | ForEach-Object FullName) | Should -Be $before -Because 'nothing is written into the dataset'
        $clips = @($frames.VideoId | Select-Object -Unique).Count
        @(Get-ChildItem $cache -Recurse -File -Filter *.audio).Count | Should -Be $clips
        @(Get-ChildItem $cache -Recurse -File -Filter *.frames).Count | Should -BeIn (1..$clips) -Because 'frame packs are kept when small'

        $center = @($frames | Invoke-AvatarLocalization -Model Center -CacheFolder $cache)
        $avsyncTotal = ($avsync | Measure-AvatarScore | Where-Object Group -eq 'Total').CIoU
        $centerTotal = ($center | Measure-AvatarScore | Where-Object Group -eq 'Total').CIoU
        $avsyncTotal | Should -BeGreaterThan $centerTotal
    }
}
