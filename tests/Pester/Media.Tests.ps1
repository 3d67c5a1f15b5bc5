# The real download's layout as a user meets it: a release-layout synthetic set (metadata/ and video/video/*.mp4
# only), scored read-only, by two processes at once, without ffmpeg, and with broken media. Needs ffmpeg.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    $script:ffmpeg = Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

    # The values of a heatmap as one text (shortest round-trip floats), to compare maps exactly.
    function Get-MapText([object] $Localization) {
        '{0}/{1} {2}' -f $Localization.VideoId, $Localization.FrameIndex,
            ((@($Localization.Heatmap.ToArray()) | ForEach-Object { $_.ToString([cultureinfo]::InvariantCulture) }) -join ' ')
    }

    # Every file under a folder, relative to it, with '/' separators, sorted.
    function Get-RelativeFiles([string] $Root) {
        $full = (Resolve-Path $Root).Path
        @(Get-ChildItem -LiteralPath $full -Recurse -File -Force | ForEach-Object {
            [System.IO.Path]::GetRelativePath($full, $_.FullName).Replace('\', '/')
        } | Sort-Object)
    }

    # Runs a script block with a PATH that has no ffmpeg and without AVATARTOOLS_FFMPEG, then restores both.
    function Invoke-WithoutFfmpeg([scriptblock] $Script) {
        $path = $env:PATH
        $configured = $env:AVATARTOOLS_FFMPEG
        $empty = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'no-ffmpeg-bin')
        try {
            $env:PATH = $empty.FullName
            Remove-Item Env:AVATARTOOLS_FFMPEG -ErrorAction SilentlyContinue
            & $Script
        }
        finally {
            $env:PATH = $path
            if ($null -ne $configured) { $env:AVATARTOOLS_FFMPEG = $configured }
        }
    }

    # The command line of a fresh pwsh like this one (a plain install, or the dotnet tool's pwsh.dll).
    function Get-PwshCommand {
        $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        if (Test-Path $native) { return , @($native) }
        , @((Get-Process -Id $PID).Path, (Join-Path $PSHOME 'pwsh.dll'))
    }

    $script:release = Join-Path $TestDrive 'release'
    if ($script:ffmpeg) {
        $script:set = New-AvatarSyntheticSet -Path $script:release -Layout Release -ClipCount 4
        $script:frames = @(Get-AvatarFrame $script:release)
    }
}

Describe 'New-AvatarSyntheticSet -Layout Release' {
    BeforeEach {
        if (-not $script:ffmpeg) {
            if ($env:CI -eq 'true') { throw 'ffmpeg is required on CI (apt-get install ffmpeg); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'ffmpeg is not installed (apt-get install ffmpeg)'
        }
    }

    It 'writes exactly what the download holds: metadata JSON + JPG and video/video/(clip).mp4, nothing else' {
        $script:set.Layout | Should -Be 'Release'
        $files = Get-RelativeFiles $script:release
        $clips = @($script:set.ClipIds)
        $expected = @(
            foreach ($frame in $script:frames) {
                'metadata/{0}/{1:D5}.jpg' -f $frame.VideoId, $frame.FrameIndex
                'metadata/{0}/{1:D5}.json' -f $frame.VideoId, $frame.FrameIndex
            }
            foreach ($clip in $clips) { "video/video/$clip.mp4" }
        ) | Sort-Object
        $files | Should -Be $expected
        $script:frames.Count | Should -Be $script:set.FrameCount
        @(Get-ChildItem -LiteralPath $script:release -Name) | Sort-Object | Should -Be @('metadata', 'video')
    }

    It 'encodes H.264 video with AAC sound at the asked frame rate' {
        $ffprobe = Join-Path (Split-Path $script:ffmpeg.Source) ($IsWindows ? 'ffprobe.exe' : 'ffprobe')
        if (-not (Test-Path $ffprobe)) { Set-ItResult -Skipped -Because 'ffprobe is not beside ffmpeg'; return }
        $video = Join-Path $script:release "video/video/$($script:set.ClipIds[0]).mp4"
        $streams = & $ffprobe -v error -show_entries stream=codec_type,codec_name,r_frame_rate,sample_rate -of csv=p=0 $video
        $streams | Should -Contain 'h264,video,10/1'
        $streams | Should -Contain 'aac,audio,16000,0/0'
        $frames = @(Get-AvatarFrame $script:release)
        $frames | ForEach-Object { $_.Time | Should -Be ($_.FrameIndex / 10) -Because 'the frame rate comes from the mp4 header' }
    }

    It 'takes -FrameRate' {
        $root = Join-Path $TestDrive 'release-25'
        New-AvatarSyntheticSet -Path $root -Layout Release -ClipCount 1 -FrameRate 25 | Out-Null
        $frame = Get-AvatarFrame $root | Select-Object -First 1
        $frame.FrameRate | Should -Be 25
    }

    It 'stops with FfmpegNotFound before writing anything when ffmpeg is missing' {
        $root = Join-Path $TestDrive 'release-without-ffmpeg'
        $script:thrown = $null
        Invoke-WithoutFfmpeg {
            try { New-AvatarSyntheticSet -Path $root -Layout Release -ClipCount 2 | Out-Null } catch { $script:thrown = $_ }
        }
        $script:thrown.FullyQualifiedErrorId | Should -Be 'FfmpegNotFound,AvatarTools.Commands.NewAvatarSyntheticSetCommand'
        $script:thrown.ToString() | Should -BeLike '*release layout*ffmpeg*install ffmpeg*'
        Test-Path $root | Should -BeFalse
    }

    It 'refuses -MetadataOnly with -Layout Release' {
        { New-AvatarSyntheticSet -Path (Join-Path $TestDrive 'both') -Layout Release -MetadataOnly } |
            Should -Throw -ErrorId 'InvalidSyntheticOptions,AvatarTools.Commands.NewAvatarSyntheticSetCommand'
    }
}

Describe 'Invoke-AvatarLocalization on a read-only release-layout dataset' {
    BeforeAll {
        $script:readOnly = $null
        $script:readOnlyReason = 'ffmpeg is not installed (apt-get install ffmpeg)'
        $script:mounted = $false
        if ($script:ffmpeg) {
            $script:readOnlyReason = $null
            $copy = Join-Path $TestDrive 'release-source'
            Copy-Item $script:release $copy -Recurse
            if (-not $IsWindows -and (& id -u) -eq '0') {
                # chmod does not stop root: a read-only bind mount does.
                $mountPoint = New-Item -ItemType Directory (Join-Path $TestDrive 'release-readonly')
                & mount --bind $copy $mountPoint.FullName 2>$null
                if ($LASTEXITCODE -eq 0) {
                    $script:mounted = $true
                    & mount -o remount,ro,bind $mountPoint.FullName 2>$null
                    if ($LASTEXITCODE -eq 0) { $script:readOnly = $mountPoint.FullName }
                }
                if (-not $script:readOnly) { $script:readOnlyReason = 'running as root and a read-only bind mount is not allowed here (mount --bind needs CAP_SYS_ADMIN)' }
            }
            else {
                Get-ChildItem $copy -Recurse -Force | ForEach-Object { $_.Attributes = $_.Attributes -bor 'ReadOnly' }
                if (-not $IsWindows) { & chmod -R a-w $copy }
                $script:readOnly = $copy
            }
            if ($script:readOnly) {
                try {
                    [System.IO.File]::WriteAllText((Join-Path $script:readOnly 'probe.txt'), 'x')
                    Remove-Item (Join-Path $script:readOnly 'probe.txt')
                    $script:readOnly = $null
                    $script:readOnlyReason = 'the copy could not be made read-only'
                }
                catch {
                    # Writing fails: the dataset is read-only, as wanted.
                }
            }
        }
        $script:roCache = Join-Path $TestDrive 'readonly-cache'
    }

    AfterAll {
        if ($script:mounted) { & umount (Join-Path $TestDrive 'release-readonly') 2>$null }
        if ($script:readOnly -and -not $script:mounted -and -not $IsWindows) { & chmod -R u+w $script:readOnly }
    }

    BeforeEach {
        if (-not $script:readOnly) {
            if ($env:CI -eq 'true' -and -not $script:ffmpeg) { throw 'ffmpeg is required on CI (apt-get install ffmpeg); .ci/run installs it.' }
            Set-ItResult -Skipped -Because "no read-only dataset: $script:readOnlyReason"
        }
    }

    It 'runs Center and AVSync end to end with no option, writes nothing into the dataset, and keeps at most 0.5 MB per clip' {
        $before = Get-RelativeFiles $script:readOnly
        $frames = @(Get-AvatarFrame $script:readOnly)
        $frames.Count | Should -Be $script:frames.Count
        $saved = $env:AVATARTOOLS_CACHE
        try {
            # No -CacheFolder: the default cache (the environment variable points it into the test's folder).
            $env:AVATARTOOLS_CACHE = $script:roCache
            $center = @($frames | Invoke-AvatarLocalization Center -ErrorVariable centerErrors -WarningVariable centerWarnings)
            $avsync = @($frames | Invoke-AvatarLocalization AVSync -ErrorVariable avsyncErrors -WarningVariable avsyncWarnings)
        }
        finally {
            $env:AVATARTOOLS_CACHE = $saved
        }
        $centerErrors | Should -BeNullOrEmpty
        $avsyncErrors | Should -BeNullOrEmpty
        $centerWarnings | Should -BeNullOrEmpty
        $avsyncWarnings | Should -BeNullOrEmpty
        $center.Count | Should -Be $frames.Count
        $avsync.Count | Should -Be $frames.Count
        Get-RelativeFiles $script:readOnly | Should -Be $before

        $datasetCache = @(Get-ChildItem $script:roCache -Directory)
        $datasetCache.Count | Should -Be 1
        $datasetCache[0].Name | Should -Match '^release-readonly-[0-9a-f]{12}$|^release-source-[0-9a-f]{12}$'
        (Get-Content (Join-Path $datasetCache[0].FullName 'dataset.txt')) | Should -Be $frames[0].DatasetPath
        $clips = @($frames.VideoId | Select-Object -Unique)
        foreach ($clip in $clips) {
            # Its audio always; its AVSync frames when they fit with it in 0.5 MB.
            @(Get-ChildItem (Join-Path $datasetCache[0].FullName 'audio') -File -Filter "$clip.*.audio").Count | Should -Be 1
            $entries = @(Get-ChildItem $datasetCache[0].FullName -Recurse -File -Filter "$clip.*")
            $entries.Count | Should -BeIn 1, 2
            ($entries | Measure-Object Length -Sum).Sum | Should -BeLessOrEqual 500kb
        }
        @(Get-ChildItem (Join-Path $datasetCache[0].FullName 'frames') -File -Filter '*.frames').Count | Should -BeGreaterThan 0
        @(Get-ChildItem $script:roCache -Recurse -File -Force -Filter '*.tmp').Count | Should -Be 0

        $centerTotal = ($center | Measure-AvatarScore | Where-Object Group -eq 'Total').CIoU
        $avsyncTotal = ($avsync | Measure-AvatarScore | Where-Object Group -eq 'Total').CIoU
        $avsyncTotal | Should -BeGreaterThan $centerTotal
        $script:readOnlyMaps = @($avsync | ForEach-Object { Get-MapText $_ })
    }

    It 'gives the same maps again from the cache' {
        $again = @(Get-AvatarFrame $script:readOnly | Invoke-AvatarLocalization AVSync -CacheFolder $script:roCache)
        @($again | ForEach-Object { Get-MapText $_ }) | Should -Be $script:readOnlyMaps
    }
}

Describe 'Two processes filling one cold cache' {
    BeforeEach {
        if (-not $script:ffmpeg) {
            if ($env:CI -eq 'true') { throw 'ffmpeg is required on CI (apt-get install ffmpeg); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'ffmpeg is not installed (apt-get install ffmpeg)'
        }
    }

    It 'both succeed with identical maps, the same as a run on the filled cache, and leave no temporaries' {
        $cache = Join-Path $TestDrive 'shared-cache'
        $script = Join-Path $TestDrive 'run-avsync.ps1'
        Set-Content $script @'
param($ModulePath, $Root, $Cache, $Out)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$maps = @(Get-AvatarFrame $Root | Invoke-AvatarLocalization AVSync -CacheFolder $Cache -ErrorVariable failures -ErrorAction SilentlyContinue)
$lines = foreach ($map in $maps) {
    '{0}/{1} {2}' -f $map.VideoId, $map.FrameIndex, ((@($map.Heatmap.ToArray()) | ForEach-Object { $_.ToString([cultureinfo]::InvariantCulture) }) -join ' ')
}
Set-Content $Out $lines
if ($failures.Count -gt 0) { $failures | ForEach-Object { [Console]::Error.WriteLine($_.ToString()) }; exit 3 }
'@
        $modulePath = (Get-Module AvatarTools).Path -replace '\.dll$', '.psd1'
        $pwsh = Get-PwshCommand
        $processes = foreach ($name in 'a', 'b') {
            $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script,
                    '-ModulePath', $modulePath, '-Root', $script:release, '-Cache', $cache, '-Out', (Join-Path $TestDrive "maps-$name.txt"))) {
                $start.ArgumentList.Add($argument)
            }
            $start.RedirectStandardError = $true
            $start.RedirectStandardOutput = $true
            $start.UseShellExecute = $false
            [System.Diagnostics.Process]::Start($start)
        }
        foreach ($process in $processes) {
            $errors = $process.StandardError.ReadToEndAsync()
            $null = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit(300000) | Should -BeTrue
            $process.ExitCode | Should -Be 0 -Because $errors.Result
        }
        $a = Get-Content (Join-Path $TestDrive 'maps-a.txt')
        $b = Get-Content (Join-Path $TestDrive 'maps-b.txt')
        $a.Count | Should -Be $script:frames.Count
        $b | Should -Be $a
        $warm = @(Get-AvatarFrame $script:release | Invoke-AvatarLocalization AVSync -CacheFolder $cache | ForEach-Object { Get-MapText $_ })
        $warm | Should -Be $a
        @(Get-ChildItem $cache -Recurse -File -Force | Where-Object Name -like '.*.tmp').Count | Should -Be 0
        @(Get-ChildItem $cache -Recurse -File -Filter *.audio).Count | Should -Be @($script:frames.VideoId | Select-Object -Unique).Count
    }
}

Describe 'Media errors' {
    BeforeEach {
        if (-not $script:ffmpeg) {
            if ($env:CI -eq 'true') { throw 'ffmpeg is required on CI (apt-get install ffmpeg); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'ffmpeg is not installed (apt-get install ffmpeg)'
        }
    }

    It 'reports a missing ffmpeg once per command, skips the frames that need it, and runs those already cached' {
        $cache = Join-Path $TestDrive 'ffmpeg-missing-cache'
        $first = $script:frames[0].VideoId
        $cached = @($script:frames | Where-Object VideoId -eq $first)
        @($cached | Invoke-AvatarLocalization Center -CacheFolder $cache).Count | Should -Be $cached.Count
        Invoke-WithoutFfmpeg {
            $script:results = @($script:frames | Invoke-AvatarLocalization Center -CacheFolder $cache -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings 3>$null)
            $script:failures = $failures
            $script:warnings = $warnings
        }
        @($script:results | ForEach-Object VideoId | Select-Object -Unique) | Should -Be @($first)
        $script:results.Count | Should -Be $cached.Count
        $script:failures.Count | Should -Be 1
        $script:failures[0].FullyQualifiedErrorId | Should -Be 'FfmpegNotFound,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
        $script:failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $script:failures[0].ToString() | Should -BeLike '*install ffmpeg*AVATARTOOLS_FFMPEG*'
        $skipped = $script:frames.Count - $cached.Count
        $script:warnings.Count | Should -Be 1
        $script:warnings[0].Message | Should -Be "$skipped of $($script:frames.Count) frames were not localized: FfmpegNotFound ×$skipped; see the errors above."
    }

    It 'reports a corrupt mp4 as InvalidVideo with ffmpeg''s message for each of its frames (<Model>), never FrameTimeUnknown' -ForEach @(
        @{ Model = 'Center' }
        @{ Model = 'AVSync' }
    ) {
        $root = Join-Path $TestDrive "corrupt-$Model"
        Copy-Item $script:release $root -Recurse
        $bad = $script:frames[1].VideoId
        Set-Content (Join-Path $root "video/video/$bad.mp4") 'this is not an mp4'
        $frames = @(Get-AvatarFrame $root)
        $badFrames = @($frames | Where-Object VideoId -eq $bad)
        $results = @($frames | Invoke-AvatarLocalization $Model -CacheFolder (Join-Path $TestDrive "corrupt-cache-$Model") -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be ($frames.Count - $badFrames.Count)
        $failures.Count | Should -Be $badFrames.Count
        foreach ($failure in $failures) {
            $failure.FullyQualifiedErrorId | Should -Be 'InvalidVideo,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
            $failure.ToString() | Should -BeLike "*$bad.mp4*ffmpeg*Invalid data found when processing input*"
        }
        @($failures | ForEach-Object { '{0}/{1}' -f $_.TargetObject.VideoId, $_.TargetObject.FrameIndex }) |
            Should -Be @($badFrames | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex })
    }

    It 'reports a WAV cut short as TruncatedWav for each frame that uses it' {
        $root = Join-Path $TestDrive 'truncated-wav'
        Copy-Item $script:release $root -Recurse
        $clip = $script:frames[0].VideoId
        New-Item -ItemType Directory (Join-Path $root 'audio') | Out-Null
        $wav = Join-Path $root "audio/$clip.wav"
        # A 16 kHz mono 16-bit header that declares 1 s (32,000 bytes) over 0.1 s of samples.
        $header = [byte[]]::new(44)
        [System.Text.Encoding]::ASCII.GetBytes('RIFF').CopyTo($header, 0)
        [BitConverter]::GetBytes([uint32](36 + 32000)).CopyTo($header, 4)
        [System.Text.Encoding]::ASCII.GetBytes('WAVEfmt ').CopyTo($header, 8)
        [BitConverter]::GetBytes([uint32]16).CopyTo($header, 16)
        [BitConverter]::GetBytes([uint16]1).CopyTo($header, 20)
        [BitConverter]::GetBytes([uint16]1).CopyTo($header, 22)
        [BitConverter]::GetBytes([uint32]16000).CopyTo($header, 24)
        [BitConverter]::GetBytes([uint32]32000).CopyTo($header, 28)
        [BitConverter]::GetBytes([uint16]2).CopyTo($header, 32)
        [BitConverter]::GetBytes([uint16]16).CopyTo($header, 34)
        [System.Text.Encoding]::ASCII.GetBytes('data').CopyTo($header, 36)
        [BitConverter]::GetBytes([uint32]32000).CopyTo($header, 40)
        [System.IO.File]::WriteAllBytes($wav, [byte[]]($header + [byte[]]::new(3200)))
        $frames = @(Get-AvatarFrame $root)
        $uses = @($frames | Where-Object VideoId -eq $clip)
        $results = @($frames | Invoke-AvatarLocalization Center -CacheFolder (Join-Path $TestDrive 'truncated-cache') -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results.Count | Should -Be ($frames.Count - $uses.Count)
        $failures.Count | Should -Be $uses.Count
        foreach ($failure in $failures) {
            $failure.FullyQualifiedErrorId | Should -Be 'TruncatedWav,AvatarTools.Commands.InvokeAvatarLocalizationCommand'
            $failure.ToString() | Should -BeLike "*$clip.wav*32000 bytes (1 s)*3200 bytes (0.1 s)*"
        }
    }

    It 'warns once and still localizes when the cache cannot be written' {
        $blocker = Join-Path $TestDrive 'cache-blocker'
        Set-Content $blocker 'a file where the cache folder would be'
        $results = @($script:frames | Invoke-AvatarLocalization Center -CacheFolder (Join-Path $blocker 'cache') -ErrorVariable failures -WarningVariable warnings 3>$null)
        $failures | Should -BeNullOrEmpty
        $results.Count | Should -Be $script:frames.Count
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*cannot be written*-CacheFolder*AVATARTOOLS_CACHE*'
    }
}
