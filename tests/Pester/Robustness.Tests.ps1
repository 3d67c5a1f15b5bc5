# Nothing lost, nothing escapes: broken files among good ones, names from data that try to leave the output
# folder, several models in one folder, literal names, and a report stopped half-way.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    $script:source = Join-Path $TestDrive 'synthetic'
    New-AvatarSyntheticSet -Path $script:source -ClipCount 4 | Out-Null
    $script:canMakeFifo = [bool](Get-Command mkfifo -CommandType Application -ErrorAction SilentlyContinue)

    # Runs a pipeline, collecting its output and its non-terminating errors; a terminating error fails the test.
    function Invoke-Collecting([scriptblock] $Pipeline) {
        $ErrorActionPreference = 'Continue' # the test runner sets Stop
        $all = @(& $Pipeline 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    # The ids of the error records, without the command part of FullyQualifiedErrorId.
    function Get-ErrorId([object[]] $Errors) {
        @($Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
    }

    # Runs a script block in a new runspace of this process and waits at most $Seconds; a hang fails the test.
    function Invoke-WithTimeout([scriptblock] $Script, [object[]] $Arguments = @(), [int] $Seconds = 60) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$((Get-Module AvatarTools).Path)'").AddStatement().AddScript($Script.ToString())
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            $handle = $shell.BeginInvoke()
            if (-not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($Seconds))) {
                $shell.Stop()
                throw "The command did not finish within $Seconds s (a hang)."
            }
            [pscustomobject]@{ Output = @($shell.EndInvoke($handle)); Errors = @($shell.Streams.Error) }
        }
        finally {
            $shell.Dispose()
        }
    }

    # A .npy file made by hand: magic, version 1.0, the header padded to a multiple of 64 bytes, then the data.
    function New-NpyBytes([string] $Descr, [string] $Shape, [byte[]] $Data) {
        $dict = "{'descr': '$Descr', 'fortran_order': False, 'shape': $Shape, }"
        $pad = (64 - ((10 + $dict.Length + 1) % 64)) % 64
        $header = [Text.Encoding]::ASCII.GetBytes($dict + (' ' * $pad) + "`n")
        [byte[]] (@(0x93) + [Text.Encoding]::ASCII.GetBytes('NUMPY') + @(1, 0) + [BitConverter]::GetBytes([uint16] $header.Length) + $header + $Data)
    }

    function ConvertTo-Float32Bytes([double[]] $Values) {
        [byte[]] ($Values | ForEach-Object { [BitConverter]::GetBytes([single] $_) } | ForEach-Object { $_ })
    }

    # A frame like $Like but with another clip id (frames built through the API, as a script or another tool makes them).
    function New-FrameNamed([object] $Like, [string] $VideoId, [int] $FrameIndex = $Like.FrameIndex) {
        [AvatarTools.Core.Dataset.AvatarFrame]::new($VideoId, $FrameIndex, $Like.Width, $Like.Height, $Like.Instances, $Like.DatasetPath,
            $Like.MetadataPath, $Like.ImagePath, $Like.FrameRate)
    }

    # Every file under $Root, relative to it, with '/' separators.
    function Get-RelativeFiles([string] $Root) {
        @(Get-ChildItem -LiteralPath $Root -Recurse -File -Force | ForEach-Object { [IO.Path]::GetRelativePath($Root, $_.FullName) -replace '\\', '/' } | Sort-Object)
    }
}

Describe 'A broken frame image costs only itself' {
    BeforeAll {
        # A copy of the set with its frame images broken in every way of the catalogue.
        $script:broken = Join-Path $TestDrive 'broken'
        Copy-Item $script:source $script:broken -Recurse
        $script:frames = @(Get-AvatarFrame $script:broken)
        $script:good = @($script:frames | Invoke-AvatarLocalization -Model Center)
        $png = Join-Path $TestDrive 'overlay-png'
        $script:good[0] | Export-AvatarOverlay $png -Threshold 0.5 | Out-Null

        $script:cases = [ordered]@{}
        $empty = $script:frames[0]; [IO.File]::WriteAllBytes($empty.ImagePath, [byte[]]::new(0)); $script:cases[$empty.ImagePath] = 'InvalidImage'
        $cut = $script:frames[1]; $bytes = [IO.File]::ReadAllBytes($cut.ImagePath)
        [IO.File]::WriteAllBytes($cut.ImagePath, $bytes[0..([int]($bytes.Length / 2))]); $script:cases[$cut.ImagePath] = 'TruncatedImage'
        # A JPEG whose frame header (SOF0) claims 65000 x 65000 pixels: refused from its header, never decoded.
        $bomb = $script:frames[5]; $bytes = [IO.File]::ReadAllBytes($bomb.ImagePath)
        for ($i = 2; $i -lt $bytes.Length - 9; $i++) {
            if ($bytes[$i] -eq 0xFF -and $bytes[$i + 1] -in 0xC0, 0xC1, 0xC2) { $bytes[$i + 5] = 0xFD; $bytes[$i + 6] = 0xE8; $bytes[$i + 7] = 0xFD; $bytes[$i + 8] = 0xE8; break }
        }
        [IO.File]::WriteAllBytes($bomb.ImagePath, $bytes); $script:cases[$bomb.ImagePath] = 'ImageTooLarge'
        $folder = $script:frames[6]; Remove-Item -LiteralPath $folder.ImagePath; New-Item -ItemType Directory $folder.ImagePath | Out-Null
        $script:cases[$folder.ImagePath] = 'NotARegularFile'
        if ($script:canMakeFifo) {
            $fifo = $script:frames[7]; Remove-Item -LiteralPath $fifo.ImagePath; & mkfifo $fifo.ImagePath; $script:cases[$fifo.ImagePath] = 'NotARegularFile'
        }
        # PNG bytes in a file named .jpg: accepted, read by content.
        $script:mislabelled = $script:frames[2]
        Copy-Item (Get-ChildItem $png -Recurse -Filter *.png | Select-Object -First 1).FullName $script:mislabelled.ImagePath -Force
        $map = $script:good[0].Heatmap
        $script:localizations = @($script:frames | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_, 'Center', $map) })
    }

    It 'Export-AvatarReport writes the whole report, one error per frame drawn without its picture' {
        $target = Join-Path $TestDrive 'report'
        $result = Invoke-WithTimeout { param($l, $t) $l | Export-AvatarReport $t -StripCount 100 } -Arguments $script:localizations, $target
        $result.Output.Count | Should -Be 1
        $result.Output[0].FullName | Should -Be (Join-Path $target 'index.html')
        foreach ($file in 'index.html', 'scores.csv', 'frames.csv') { Join-Path $target $file | Should -Exist }
        @(Get-ChildItem (Join-Path $target 'images') -Filter *.png).Count | Should -Be @($script:frames.VideoId | Select-Object -Unique).Count
        @(Import-Csv (Join-Path $target 'frames.csv')).Count | Should -Be $script:frames.Count
        $result.Errors.Count | Should -Be $script:cases.Count
        foreach ($record in $result.Errors) {
            $path = $record.Exception.Path
            ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be $script:cases[$path] -Because $path
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
            $record.TargetObject | Should -BeOfType [AvatarTools.Core.Dataset.AvatarFrame]
        }
        $html = Get-Content (Join-Path $target 'index.html') -Raw
        $html | Should -Match ('id="frames-without-picture">{0} frames are drawn without their picture' -f $script:cases.Count)
    }

    It 'Export-AvatarOverlay -Strip writes every strip, one error per frame drawn without its picture' {
        $target = Join-Path $TestDrive 'strips'
        $result = Invoke-WithTimeout { param($l, $t) $l | Export-AvatarOverlay $t -Strip -PassThru } -Arguments $script:localizations, $target
        $result.Output.Count | Should -Be $script:localizations.Count
        @(Get-ChildItem (Join-Path $target 'strips') -Filter *.png).Count | Should -Be @($script:frames.VideoId | Select-Object -Unique).Count
        @(Get-ErrorId $result.Errors | Sort-Object) | Should -Be @($script:cases.Values | Sort-Object)
        $result.Errors.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'InvalidData'
    }

    It 'Export-AvatarOverlay writes the picture of every other frame, one error per broken image' {
        $target = Join-Path $TestDrive 'pictures'
        $result = Invoke-WithTimeout { param($l, $t) $l | Export-AvatarOverlay $t -Threshold 0.5 -PassThru } -Arguments $script:localizations, $target
        $result.Output.Count | Should -Be $script:localizations.Count
        @(Get-ErrorId $result.Errors | Sort-Object) | Should -Be @($script:cases.Values | Sort-Object)
        @(Get-ChildItem $target -Recurse -Filter *.png).Count | Should -Be ($script:frames.Count - $script:cases.Count)
        Join-Path $target ('Center/{0}/{1:D5}.png' -f $script:mislabelled.VideoId, $script:mislabelled.FrameIndex) | Should -Exist
    }

    It 'Invoke-AvatarLocalization gives a localization for every other frame, one error per broken image' {
        $result = Invoke-WithTimeout { param($f) $f | Invoke-AvatarLocalization -Model Center } -Arguments @(, $script:frames)
        $result.Output.Count | Should -Be ($script:frames.Count - $script:cases.Count)
        @(Get-ErrorId $result.Errors | Sort-Object) | Should -Be @($script:cases.Values | Sort-Object)
        $result.Output.FrameIndex | Should -Contain $script:mislabelled.FrameIndex
    }
}

Describe 'Import-AvatarHeatmap never stops or hangs on one file' {
    BeforeAll {
        $script:frames = @(Get-AvatarFrame $script:source | Select-Object -First 12)
        $script:folder = Join-Path $TestDrive 'maps'
        $script:frames | Invoke-AvatarLocalization -Model Center | Export-AvatarHeatmap $script:folder | Out-Null
        function Get-MapPath([int] $Number) { Join-Path $script:folder ('{0}/{1:D5}.npy' -f $script:frames[$Number].VideoId, $script:frames[$Number].FrameIndex) }
        $script:expected = @{}
        $six = ConvertTo-Float32Bytes @(1, 2, 3, 4, 5, 6)
        Set-Content -LiteralPath (Get-MapPath 0) -Value ([byte[]]::new(0)) -AsByteStream; $script:expected[0] = 'InvalidNpy'
        $full = [IO.File]::ReadAllBytes((Get-MapPath 1)); [IO.File]::WriteAllBytes((Get-MapPath 1), $full[0..140]); $script:expected[1] = 'InvalidNpy'
        [IO.File]::WriteAllBytes((Get-MapPath 2), (New-NpyBytes '<f4' '(2, 3)' (ConvertTo-Float32Bytes @(1, [double]::NaN, 3, 4, 5, 6)))); $script:expected[2] = 'NonFiniteHeatmap'
        [IO.File]::WriteAllBytes((Get-MapPath 3), (New-NpyBytes '<f4' '(2, 3)' (ConvertTo-Float32Bytes @(1, 2, [double]::PositiveInfinity, 4, 5, 6)))); $script:expected[3] = 'NonFiniteHeatmap'
        [IO.File]::WriteAllBytes((Get-MapPath 4), (New-NpyBytes '|O' '(2, 3)' ([byte[]]::new(48)))); $script:expected[4] = 'UnsupportedNpyDtype'
        [IO.File]::WriteAllBytes((Get-MapPath 5), (New-NpyBytes '<f4' '(6,)' $six)); $script:expected[5] = 'InvalidHeatmapShape'
        [IO.File]::WriteAllBytes((Get-MapPath 6), (New-NpyBytes '<f4' '(2, 3)' ([byte[]]($six + $six)))); $script:expected[6] = 'InvalidNpy'
        Remove-Item (Get-MapPath 7); New-Item -ItemType Directory (Get-MapPath 7) | Out-Null; $script:expected[7] = 'NotARegularFile'
        if ($script:canMakeFifo) { Remove-Item (Get-MapPath 8); & mkfifo (Get-MapPath 8); $script:expected[8] = 'NotARegularFile' }
        # Accepted: a constant map, an integer map, a boolean mask.
        [IO.File]::WriteAllBytes((Get-MapPath 9), (New-NpyBytes '<f4' '(2, 3)' (ConvertTo-Float32Bytes @(0.5, 0.5, 0.5, 0.5, 0.5, 0.5))))
        [IO.File]::WriteAllBytes((Get-MapPath 10), (New-NpyBytes '|u1' '(2, 3)' ([byte[]] (0, 10, 20, 250, 255, 7))))
        [IO.File]::WriteAllBytes((Get-MapPath 11), (New-NpyBytes '|b1' '(2, 3)' ([byte[]] (0, 1, 1, 0, 0, 1))))
    }

    It 'turns each bad file into a named error for its frame and reads the others' {
        $result = Invoke-WithTimeout { param($f, $p) $f | Import-AvatarHeatmap $p } -Arguments $script:frames, $script:folder
        $keys = @($script:frames | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex })
        foreach ($record in $result.Errors) {
            $number = [array]::IndexOf($keys, ('{0}/{1}' -f $record.TargetObject.VideoId, $record.TargetObject.FrameIndex))
            $number | Should -BeGreaterOrEqual 0
            ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be $script:expected[$number] -Because "frame $number"
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
        }
        $result.Errors.Count | Should -Be $script:expected.Count
        $result.Output.Count | Should -Be ($script:frames.Count - $script:expected.Count)
        $byIndex = @{}; foreach ($item in $result.Output) { $byIndex['{0}/{1}' -f $item.VideoId, $item.FrameIndex] = $item.Heatmap }
        $key = { param($n) '{0}/{1}' -f $script:frames[$n].VideoId, $script:frames[$n].FrameIndex }
        $byIndex[(& $key 9)].Minimum | Should -Be 0.5
        $byIndex[(& $key 9)].Maximum | Should -Be 0.5
        @($byIndex[(& $key 10)].ToArray()) | Should -Be @(0, 10, 20, 250, 255, 7)
        @($byIndex[(& $key 11)].ToArray()) | Should -Be @(0, 1, 1, 0, 0, 1)
    }

    It 'turns an I/O error (a file locked by its writer) into HeatmapUnreadable for that frame' {
        $frames = @(Get-AvatarFrame $script:source | Select-Object -Last 2)
        $folder = Join-Path $TestDrive 'locked'
        $frames | Invoke-AvatarLocalization -Model Center | Export-AvatarHeatmap $folder | Out-Null
        $path = Join-Path $folder ('{0}/{1:D5}.npy' -f $frames[0].VideoId, $frames[0].FrameIndex)
        $writer = [IO.File]::Open($path, 'Open', 'ReadWrite', 'None')
        try {
            $result = Invoke-Collecting { $frames | Import-AvatarHeatmap $folder }
        }
        finally {
            $writer.Dispose()
        }
        $result.Output.Count | Should -Be 1
        Get-ErrorId $result.Errors | Should -Be 'HeatmapUnreadable'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ReadError'
    }
}

Describe 'Names from data stay inside the output folder' {
    BeforeAll {
        $script:like = Get-AvatarFrame $script:source | Select-Object -First 1
        $script:map = ($script:like | Invoke-AvatarLocalization -Model Center).Heatmap
        $script:names = '..', '../../x', '/etc/x', 'C:\x', 'a/b', 'a:b', 'a*b', 'a?b', 'a"b', '.', 'CON'
        $script:evil = @($script:names | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new((New-FrameNamed $script:like $_), 'Center', $script:map) })
    }

    It 'Export-AvatarHeatmap writes every clip id inside -Path and Import-AvatarHeatmap reads them back' {
        $deep = Join-Path $TestDrive 'heatmap-names/a/b'
        $result = Invoke-Collecting { $script:evil | Export-AvatarHeatmap (Join-Path $deep 'out') }
        $result.Errors.Count | Should -Be 0
        $files = Get-RelativeFiles (Join-Path $TestDrive 'heatmap-names')
        $files.Count | Should -Be $script:names.Count
        $files | ForEach-Object { $_ | Should -BeLike 'a/b/out/*/*.npy' }
        $files | Should -Contain ('a/b/out/%2E%2E/{0:D5}.npy' -f $script:like.FrameIndex)
        $files | Should -Contain ('a/b/out/C%3A%5Cx/{0:D5}.npy' -f $script:like.FrameIndex)
        $read = Invoke-Collecting { $script:evil.Frame | Import-AvatarHeatmap (Join-Path $deep 'out') }
        $read.Errors.Count | Should -Be 0
        $read.Output.VideoId | Should -Be $script:names
    }

    It 'Export-AvatarOverlay keeps a model named <_> inside -Path' -ForEach @('..', '../../x', '/etc/x', 'C:\x') {
        $root = Join-Path $TestDrive ('overlay-model-' + [guid]::NewGuid().ToString('N'))
        $localization = [AvatarTools.Core.Heatmaps.Localization]::new($script:like, $_, $script:map)
        $result = Invoke-Collecting { $localization | Export-AvatarOverlay (Join-Path $root 'a/b/out') -Threshold 0.5 }
        $result.Errors.Count | Should -Be 0
        $files = @(Get-RelativeFiles $root)
        $files.Count | Should -Be 1
        $files[0] | Should -BeLike 'a/b/out/*/*/*.png'
    }

    It 'Export-AvatarOverlay -Strip and Export-AvatarReport keep every clip id inside -Path' {
        $root = Join-Path $TestDrive 'strip-names'
        $strips = Invoke-Collecting { $script:evil | Export-AvatarOverlay (Join-Path $root 'a/b/strips-out') -Strip }
        $strips.Errors.Count | Should -Be 0
        $report = Invoke-Collecting { $script:evil | Export-AvatarReport (Join-Path $root 'a/b/report-out') -StripCount 100 }
        $report.Errors.Count | Should -Be 0
        $files = Get-RelativeFiles $root
        @($files | Where-Object { $_ -like 'a/b/strips-out/strips/*.png' }).Count | Should -Be $script:names.Count
        @($files | Where-Object { $_ -like 'a/b/report-out/images/*.png' }).Count | Should -Be $script:names.Count
        @($files | Where-Object { $_ -notlike 'a/b/strips-out/*' -and $_ -notlike 'a/b/report-out/*' }) | Should -BeNullOrEmpty
        $files | Should -Contain 'a/b/strips-out/strips/%2E%2E.png'
        $files | Should -Contain 'a/b/strips-out/strips/%43ON.png'
    }

    It 'writes clip ids that differ only in case as two files on a case-sensitive file system' {
        $folder = Join-Path $TestDrive 'case'
        New-Item -ItemType Directory $folder | Out-Null
        Set-Content (Join-Path $folder 'probe') ''
        $caseSensitive = -not (Test-Path (Join-Path $folder 'PROBE'))
        Remove-Item (Join-Path $folder 'probe')
        $pair = 'abc_00001', 'ABC_00001' | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new((New-FrameNamed $script:like $_), 'Center', $script:map) }
        $result = Invoke-Collecting { $pair | Export-AvatarHeatmap (Join-Path $folder 'out') }
        if ($caseSensitive) {
            $result.Errors.Count | Should -Be 0
            (Get-RelativeFiles (Join-Path $folder 'out')).Count | Should -Be 2
        }
        else {
            Get-ErrorId $result.Errors | Should -Be 'OutputNameCollision'
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            (Get-RelativeFiles (Join-Path $folder 'out')).Count | Should -Be 1
        }
    }
}

Describe 'No silent overwrite between models' {
    BeforeAll {
        $script:frames = @(Get-AvatarFrame $script:source | Select-Object -First 8)
        $script:center = @($script:frames | Invoke-AvatarLocalization -Model Center)
        $script:avsync = @($script:frames | Select-Object -First 7 | Invoke-AvatarLocalization -Model AVSync)
    }

    It 'Export-AvatarHeatmap refuses a second model in a one-model folder with SeveralModels and keeps the first' {
        $folder = Join-Path $TestDrive 'one-model'
        $result = Invoke-Collecting { $script:center + $script:avsync | Export-AvatarHeatmap $folder -PassThru }
        $result.Output.Count | Should -Be 15
        $result.Errors.Count | Should -Be 7
        Get-ErrorId $result.Errors | Sort-Object -Unique | Should -Be 'SeveralModels'
        $result.Errors.CategoryInfo.Category | Sort-Object -Unique | Should -Be 'InvalidArgument'
        (Get-RelativeFiles $folder).Count | Should -Be 8
        $again = $script:frames | Import-AvatarHeatmap $folder
        for ($i = 0; $i -lt 8; $i++) { @($again[$i].Heatmap.ToArray()) | Should -Be @($script:center[$i].Heatmap.ToArray()) }
    }

    It 'Export-AvatarHeatmap -PerModel writes one subfolder per model, each read back under its name' {
        $folder = Join-Path $TestDrive 'per-model'
        $result = Invoke-Collecting { $script:center + $script:avsync | Export-AvatarHeatmap $folder -PerModel }
        $result.Errors.Count | Should -Be 0
        (Get-RelativeFiles $folder).Count | Should -Be 15
        $back = @($script:frames | Import-AvatarHeatmap (Join-Path $folder 'AVSync') -ErrorAction SilentlyContinue)
        $back.Count | Should -Be 7
        $back[0].Model | Should -Be 'AVSync'
        @($back[3].Heatmap.ToArray()) | Should -Be @($script:avsync[3].Heatmap.ToArray())
    }

    It 'Export-AvatarOverlay writes each model into its own folder and refuses the same picture twice' {
        $folder = Join-Path $TestDrive 'overlay-models'
        $result = Invoke-Collecting { $script:center + $script:avsync + $script:avsync[0] | Export-AvatarOverlay $folder -Threshold 0.5 }
        (Get-RelativeFiles (Join-Path $folder 'Center')).Count | Should -Be 8
        (Get-RelativeFiles (Join-Path $folder 'AVSync')).Count | Should -Be 7
        Get-ErrorId $result.Errors | Should -Be 'DuplicateOutput'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }
}

Describe 'Literal names' {
    BeforeAll {
        $script:root = Join-Path $TestDrive 'literal'
        $square = [double[]](10, 10, 50, 10, 50, 50, 10, 50)
        $script:categories = 'drum [kit]', 'a;b', 'say "hi", then go', 'plain'
        Write-TestFrame $script:root 'br[1]_00001' 1 @(New-TestAnnotation 'drum [kit]' 'Single-Sound' @(, $square)) | Out-Null
        Write-TestFrame $script:root 'br1_00001' 1 @(New-TestAnnotation 'plain' 'Single-Sound' @(, $square)) | Out-Null
        Write-TestFrame $script:root 'star*_00002' 1 @((New-TestAnnotation 'a;b' 'Single-Sound' @(, $square)), (New-TestAnnotation 'say "hi", then go' 'Mixed-Sound' @(, $square))) | Out-Null
        Write-TestFrame $script:root 'what?_00003' 1 @(New-TestAnnotation 'plain' 'Single-Sound' @(, $square)) | Out-Null
    }

    It '-VideoId keeps its wildcards: ''br[1]_00001'' matches br1_00001, not the bracketed clip' {
        @(Get-AvatarFrame $script:root -VideoId 'br[1]_00001').VideoId | Should -Be @('br1_00001')
        @(Get-AvatarFrame $script:root -VideoId '*_0000?').Count | Should -Be 4
    }

    It '-LiteralVideoId finds <_> exactly' -ForEach @('br[1]_00001', 'star*_00002', 'what?_00003') {
        @(Get-AvatarFrame $script:root -LiteralVideoId $_).VideoId | Should -Be @($_)
    }

    It '-LiteralVideoId is case-sensitive and combines with -VideoId' {
        @(Get-AvatarFrame $script:root -LiteralVideoId 'BR[1]_00001').Count | Should -Be 0
        @(Get-AvatarFrame $script:root -LiteralVideoId 'br[1]_00001' -VideoId 'what*').VideoId | Should -Be @('br[1]_00001', 'what?_00003')
    }

    It 'escaping with a backtick or [WildcardPattern]::Escape finds names with brackets, for -VideoId and -Category' {
        @(Get-AvatarFrame $script:root -VideoId 'br`[1`]_00001').VideoId | Should -Be @('br[1]_00001')
        @(Get-AvatarFrame $script:root -VideoId ([WildcardPattern]::Escape('star*_00002'))).VideoId | Should -Be @('star*_00002')
        @(Get-AvatarFrame $script:root -Category ([WildcardPattern]::Escape('drum [kit]'))).VideoId | Should -Be @('br[1]_00001')
    }

    It 'a malformed pattern stops with InvalidWildcardPattern, not an unhandled exception' -ForEach @(
        @{ Parameter = 'VideoId'; Value = 'br[1_00001' }
        @{ Parameter = 'Category'; Value = 'drum [kit' }
    ) {
        $arguments = @{ $Parameter = $Value }
        $caught = $null
        try { Get-AvatarFrame $script:root @arguments -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'InvalidWildcardPattern'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.ToString() | Should -Match ([regex]::Escape($Value))
    }

    It 'frames.csv stores the categories so that any name reads back with Import-Csv and ConvertFrom-Json' {
        $frames = @(Get-AvatarFrame $script:root)
        $target = Join-Path $TestDrive 'literal-report'
        $map = [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]] (0, 1, 0, 1))
        $frames | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_, 'm', $map) } | Export-AvatarReport $target | Out-Null
        $script:framesCsv = Join-Path $target 'frames.csv'
        $rows = @(Import-Csv $script:framesCsv)
        $rows.Count | Should -Be 4
        $row = $rows | Where-Object video_id -eq 'star*_00002'
        @($row.categories | ConvertFrom-Json) | Should -Be @('a;b', 'say "hi", then go')
        @($row.scenarios | ConvertFrom-Json) | Should -Be @('Single-Sound', 'Mixed-Sound')
        @(($rows | Where-Object video_id -eq 'br[1]_00001').categories | ConvertFrom-Json) | Should -Be @('drum [kit]')
    }

    It 'frames.csv reads back the same with Python''s csv and json modules' {
        $python = '/usr/bin/python3'
        if (-not (Test-Path $python)) {
            Set-ItResult -Skipped -Because '/usr/bin/python3 is not installed'
            return
        }
        $script = 'import csv, json, sys; rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))); print(json.dumps({r["video_id"]: json.loads(r["categories"]) for r in rows}))'
        $parsed = & $python -c $script $script:framesCsv | ConvertFrom-Json -AsHashtable
        $LASTEXITCODE | Should -Be 0
        @($parsed['star*_00002']) | Should -Be @('a;b', 'say "hi", then go')
        @($parsed['br[1]_00001']) | Should -Be @('drum [kit]')
        @($parsed['what?_00003']) | Should -Be @('plain')
    }
}

Describe 'A report is whole or absent' {
    BeforeAll {
        # 300 clips of 4 frames (the synthetic frames under other clip ids), so that drawing the strips takes seconds.
        $frames = @(Get-AvatarFrame $script:source | Select-Object -First 4)
        $maps = @($frames | Invoke-AvatarLocalization -Model Center)
        $script:many = [Collections.Generic.List[object]]::new()
        for ($clip = 0; $clip -lt 300; $clip++) {
            for ($i = 0; $i -lt 4; $i++) {
                $script:many.Add([AvatarTools.Core.Heatmaps.Localization]::new((New-FrameNamed $frames[$i] ('clip{0:D3}_00000' -f $clip) $i), 'Center', $maps[$i].Heatmap))
            }
        }
        $script:few = $maps

        # Starts the big report in another runspace, waits until strips are being drawn in the hidden folder beside the
        # target, and stops it as Ctrl+C does.
        function Stop-ReportHalfWay([string] $Target) {
            $parent = Split-Path $Target
            $shell = [powershell]::Create()
            try {
                # One script, not a batch of statements: stopping a batch can make PowerShell add an error to its closed
                # error buffer on a thread-pool thread, which ends the whole process.
                $null = $shell.AddScript({ param($module, $l, $t) Import-Module $module; $l | Export-AvatarReport $t -StripCount 300 -Title 'second' }.ToString()).
                    AddArgument((Get-Module AvatarTools).Path).AddArgument($script:many.ToArray()).AddArgument($Target)
                $handle = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                do {
                    Start-Sleep -Milliseconds 20
                    $partial = Get-ChildItem -LiteralPath $parent -Directory -Force -Filter ".$(Split-Path $Target -Leaf).partial-*" | Select-Object -First 1
                    $drawn = $partial -and @(Get-ChildItem -LiteralPath (Join-Path $partial.FullName 'images') -Filter *.png -ErrorAction SilentlyContinue).Count -ge 3
                } until ($drawn -or $handle.IsCompleted -or [DateTime]::UtcNow -gt $deadline)
                $drawn | Should -BeTrue -Because 'the report should still be drawing strips when it is stopped'
                $shell.Stop()
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally {
                $shell.Dispose()
            }
        }
    }

    It 'leaves no folder and no partial files when stopped half-way (Ctrl+C)' {
        $parent = Join-Path $TestDrive 'stopped'
        New-Item -ItemType Directory $parent | Out-Null
        $target = Join-Path $parent 'report'
        Stop-ReportHalfWay $target
        $target | Should -Not -Exist
        @(Get-ChildItem -LiteralPath $parent -Force) | Should -BeNullOrEmpty
    }

    It 'leaves an earlier report as it was when stopped half-way' {
        $parent = Join-Path $TestDrive 'kept'
        $target = Join-Path $parent 'report'
        $script:few | Export-AvatarReport $target -Title 'first' | Out-Null
        $before = Get-ChildItem $target -Recurse -File | ForEach-Object { '{0} {1}' -f $_.FullName, (Get-FileHash $_.FullName).Hash }
        Stop-ReportHalfWay $target
        $after = Get-ChildItem $target -Recurse -File | ForEach-Object { '{0} {1}' -f $_.FullName, (Get-FileHash $_.FullName).Hash }
        $after | Should -Be $before
        (Get-Content (Join-Path $target 'index.html') -Raw) | Should -Match '<title>first</title>'
        @(Get-ChildItem -LiteralPath $parent -Force).Name | Should -Be @('report')
    }
}

Describe 'No unhandled exception: named errors for bad arguments' {
    It 'Export-AvatarOverlay -Threshold NaN stops with InvalidThreshold' {
        $localization = Get-AvatarFrame $script:source | Select-Object -First 1 | Invoke-AvatarLocalization -Model Center
        $caught = $null
        try { $localization | Export-AvatarOverlay (Join-Path $TestDrive 'nan') -Threshold ([double]::NaN) -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'InvalidThreshold'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Export-AvatarReport onto a file stops with ReportNotWritten and leaves the file' {
        $file = Join-Path $TestDrive 'a-file'
        Set-Content $file 'mine'
        $localization = Get-AvatarFrame $script:source | Select-Object -First 1 | Invoke-AvatarLocalization -Model Center
        $caught = $null
        try { $localization | Export-AvatarReport $file -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'ReportNotWritten'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-Content $file | Should -Be 'mine'
    }

    It '<_> onto a path of another provider stops with NotAFileSystemPath and writes nothing' -ForEach @('Export-AvatarHeatmap', 'Export-AvatarOverlay', 'Export-AvatarReport') {
        $command = $_
        $localization = Get-AvatarFrame $script:source | Select-Object -First 1 | Invoke-AvatarLocalization -Model Center
        $work = Join-Path $TestDrive ('provider-' + $command)
        New-Item -ItemType Directory $work | Out-Null
        Push-Location $work
        try {
            $caught = $null
            try { $localization | & $command 'Variable:\out' -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        }
        finally {
            Pop-Location
        }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'NotAFileSystemPath'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-ChildItem $work -Force) | Should -BeNullOrEmpty
    }

    It 'Import-AvatarHeatmap on a file instead of a folder stops with HeatmapFolderNotFound' {
        $file = Join-Path $TestDrive 'not-a-folder.npy'
        Set-Content $file 'x'
        $caught = $null
        try { Get-AvatarFrame $script:source | Import-AvatarHeatmap $file -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'HeatmapFolderNotFound'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $caught.ToString() | Should -Match 'is a regular file'
    }
}
