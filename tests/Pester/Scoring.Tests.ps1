# Import-AvatarHeatmap, Export-AvatarHeatmap and Measure-AvatarScore as a user runs them, on a hand-made
# dataset of 8 x 8 frames with hand-made 8 x 8 maps of zeros and ones. With -GridSize 8,8 the grid is the
# frame (G is the polygon exactly as fillPoly draws it) and upsampling is the identity, so with
# -Threshold Fixed -Value 0.5 the predicted set P is the set of ones. Every expected number below is worked
# out by hand from the formulas of the spec (section 3).
#
# The frames (clip / frame: instances, G) and the maps of model A (P):
#   aaa_00000/1  Single-Sound violin, square (1,1)-(4,4): G = rows 1-4 x cols 1-4 = 16 px
#                P = the same 16 px                         -> |P n G| = 16, cIoU = 16 / 16        = 1
#   aaa_00000/2  Mixed-Sound piano, the same square (16 px)
#                P = rows 1-4 x cols 1-2 = 8 px             -> 8,  cIoU = 8 / (16 + 0)             = 0.5
#   aaa_00000/3  Multi-Entity dog (the square, 16 px) + Mixed-Sound male speech (rows 5-6 x cols 5-6, 4 px): G = 20
#                P = rows 5-6 x cols 0-7 = 16 px            -> 4,  cIoU = 4 / (20 + 12)            = 0.125
#   bbb_00010/1  Off-Screen only, P empty                   -> true negative
#   bbb_00010/2  Off-Screen only, P = 1 px                  -> false positive
#   ccc_00020/4  Single-Sound violin, the square (16 px)
#                P = the square + rows 5-6 (16 px) = 32 px  -> 16, cIoU = 16 / (16 + 16)           = 0.5
#   ccc_00020/8  Single-Sound violin, the square (16 px), P empty -> cIoU = 0 / 16                   = 0
# aaa_00000 is cross-event (piano, then dog and speech, appear after the violin); bbb and ccc are not.
# File layouts of model A: aaa_00000/<frame:5>.npy, bbb_00010_<frame:5>.npy, and ccc_00020.npy of shape
# [3, 8, 8] whose samples 1 and 2 are the maps of frames 4 and 8 (8 fps: 0.5 s and 1 s; -FrameRate 2).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    # Writes a NumPy v1.0 .npy file of little-endian float32 values in C order.
    function Write-TestNpy {
        param(
            [Parameter(Mandatory)] [string] $Path,
            [Parameter(Mandatory)] [int[]] $Shape,
            [Parameter(Mandatory)] [single[]] $Values
        )
        $dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': ($($Shape -join ', ')), }"
        $padding = (64 - ((10 + $dictionary.Length + 1) % 64)) % 64
        $header = $dictionary + (' ' * $padding) + "`n"
        $stream = [System.IO.MemoryStream]::new()
        $writer = [System.IO.BinaryWriter]::new($stream)
        $writer.Write([byte[]](0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0))
        $writer.Write([uint16] $header.Length)
        $writer.Write([System.Text.Encoding]::ASCII.GetBytes($header))
        foreach ($value in $Values) {
            $writer.Write([single] $value)
        }
        $writer.Flush()
        New-Item -ItemType Directory -Force (Split-Path $Path) | Out-Null
        [System.IO.File]::WriteAllBytes($Path, $stream.ToArray())
        $writer.Dispose()
    }

    # An 8 x 8 map (row-major) of $Fill with ones in the inclusive rectangles (row0, row1, col0, col1).
    function New-TestMap {
        param([int[][]] $Ones = @(), [single] $Fill = 0)
        $values = [single[]]::new(64)
        for ($i = 0; $i -lt 64; $i++) { $values[$i] = $Fill }
        foreach ($box in $Ones) {
            for ($y = $box[0]; $y -le $box[1]; $y++) {
                for ($x = $box[2]; $x -le $box[3]; $x++) { $values[$y * 8 + $x] = 1 }
            }
        }
        , $values
    }

    # The values of a heatmap (or of an array) as one invariant text, to compare maps element by element.
    function Get-MapValues([object] $Heatmap) {
        $values = if ($Heatmap -is [System.Array]) { $Heatmap } else { $Heatmap.ToArray() }
        (@($values) | ForEach-Object { ([single] $_).ToString([cultureinfo]::InvariantCulture) }) -join " "
    }

    function Assert-Near([double] $Actual, [double] $Expected, [string] $Because) {
        [math]::Abs($Actual - $Expected) | Should -BeLessThan 1e-9 -Because "$Because (got $Actual, expected $Expected)"
    }

    # Checks a row against @{ Group; Frames; CIoU; AUC; Success50; TNRate; Delta } (NaN where the spec has none: the row holds null).
    function Assert-Row([object] $Row, [hashtable] $Expected) {
        $name = "$($Row.Model) $($Expected.Group)"
        $Row.Group | Should -Be $Expected.Group
        $Row.Frames | Should -Be $Expected.Frames -Because "$name frames"
        foreach ($key in 'CIoU', 'AUC', 'Success50') {
            if ([double]::IsNaN($Expected[$key])) {
                $Row.$key | Should -BeNullOrEmpty -Because "$name $key is not defined"
            }
            else {
                Assert-Near $Row.$key $Expected[$key] "$name $key"
            }
        }
        foreach ($key in 'TNRate', 'Delta') {
            if ($null -eq $Expected[$key]) {
                $Row.$key | Should -BeNullOrEmpty -Because "$name has no $key"
            }
            else {
                Assert-Near $Row.$key $Expected[$key] "$name $key"
            }
        }
    }

    $nan = [double]::NaN
    $script:root = Join-Path $TestDrive 'avatar'
    $square = [double[]](1, 1, 4, 1, 4, 4, 1, 4)
    $small = [double[]](5, 5, 6, 5, 6, 6, 5, 6)
    $violin = New-TestAnnotation 'playing violin' 'Single-Sound' @(, $square)
    $piano = New-TestAnnotation 'playing piano' 'Mixed-Sound' @(, $square)
    $dog = New-TestAnnotation 'dog barking' 'Multi-Entity' @(, $square)
    $speech = New-TestAnnotation 'male speech' 'Mixed-Sound' @(, $small)
    $offscreen = New-TestAnnotation 'car engine' 'Off-Screen'
    Write-TestFrame $script:root 'aaa_00000' 1 @($violin) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'aaa_00000' 2 @($piano) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'aaa_00000' 3 @($dog, $speech) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'bbb_00010' 1 @($offscreen) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'bbb_00010' 2 @($offscreen) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'ccc_00020' 4 @($violin) -Width 8 -Height 8 | Out-Null
    Write-TestFrame $script:root 'ccc_00020' 8 @($violin) -Width 8 -Height 8 | Out-Null
    Set-Content (Join-Path $script:root 'frame_rates.csv') "clip_id,fps`naaa_00000,10`nccc_00020,8`n"

    # Model A: one layout per clip.
    $script:modelA = Join-Path $TestDrive 'modelA'
    $script:mapsA = [ordered]@{
        'aaa_00000/1' = New-TestMap @(, @(1, 4, 1, 4))
        'aaa_00000/2' = New-TestMap @(, @(1, 4, 1, 2))
        'aaa_00000/3' = New-TestMap @(, @(5, 6, 0, 7))
        'bbb_00010/1' = New-TestMap
        'bbb_00010/2' = New-TestMap @(, @(7, 7, 7, 7))
        'ccc_00020/4' = New-TestMap @(@(1, 4, 1, 4), @(5, 6, 0, 7))
        'ccc_00020/8' = New-TestMap
    }
    foreach ($frame in 1, 2, 3) {
        Write-TestNpy (Join-Path $script:modelA ('aaa_00000/{0:D5}.npy' -f $frame)) (8, 8) $script:mapsA["aaa_00000/$frame"]
    }
    foreach ($frame in 1, 2) {
        Write-TestNpy (Join-Path $script:modelA ('bbb_00010_{0:D5}.npy' -f $frame)) (8, 8) $script:mapsA["bbb_00010/$frame"]
    }
    $decoy = New-TestMap -Fill 0.75   # sample 0 (time 0 s) is never a labelled frame's map
    Write-TestNpy (Join-Path $script:modelA 'ccc_00020.npy') (3, 8, 8) ($decoy + $script:mapsA['ccc_00020/4'] + $script:mapsA['ccc_00020/8'])

    # Model B: every map is all ones, so P is the whole 64-pixel grid and cIoU = |G| / 64.
    $script:modelB = Join-Path $TestDrive 'modelB'
    foreach ($key in $script:mapsA.Keys) {
        $clip, $frame = $key -split '/'
        Write-TestNpy (Join-Path $script:modelB ('{0}/{1:D5}.npy' -f $clip, [int] $frame)) (8, 8) (New-TestMap -Fill 1)
    }

    $script:frames = Get-AvatarFrame $script:root
    $script:fixed = @{ Threshold = 'Fixed'; Value = 0.5; GridSize = (8, 8) }

    # Model A at tau = 0.5, cIoU on-screen: 1, 0.5, 0.125 (aaa), 0.5, 0 (ccc).
    # AUC = 100 x trapz(s(t_i), t_i), t_i = 0.05 i, s(t) = #{c >= t} / K; with K values the steps of s are read off
    # the sorted cIoUs, and each interval adds 0.05 x (s_i + s_i+1) / 2.
    $script:expectedA = @(
        # Total {1, .5, .5, .125, 0}: s = 1 | .8 (t = .05, .1) | .6 (t = .15 ... .5) | .2 (t = .55 ... 1)
        # sum of interval means = .9 + .8 + .7 + 7 x .6 + .4 + 9 x .2 = 8.8 -> AUC = 44
        @{ Group = 'Total'; Frames = 5; CIoU = 42.5; AUC = 44; Success50 = 60 }
        # Single-Sound {1, .5, 0}: s = 1 | 2/3 (t = .05 ... .5) | 1/3 (t = .55 ... 1)
        # 5/6 + 9 x 2/3 + 1/2 + 9 x 1/3 = 31/3 -> AUC = 31/60 x 100
        @{ Group = 'Single-Sound'; Frames = 3; CIoU = 50; AUC = 3100 / 60; Success50 = 200 / 3 }
        # Mixed-Sound {.5, .125}: s = 1 (t <= .1) | .5 (t = .15 ... .5) | 0: 1 + 1 + .75 + 7 x .5 + .25 = 6.5 -> 32.5
        @{ Group = 'Mixed-Sound'; Frames = 2; CIoU = 31.25; AUC = 32.5; Success50 = 50 }
        # Multi-Entity {.125}: s = 1 (t <= .1) | 0: 1 + 1 + .5 = 2.5 -> 12.5
        @{ Group = 'Multi-Entity'; Frames = 1; CIoU = 12.5; AUC = 12.5; Success50 = 0 }
        # Off-Screen: one true negative of two
        @{ Group = 'Off-Screen'; Frames = 2; CIoU = $nan; AUC = $nan; Success50 = $nan; TNRate = 50 }
    )
    # Cross-event = aaa_00000 {1, .5, .125}: mean 1.625 / 3; s = 1 (t <= .1) | 2/3 (t = .15 ... .5) | 1/3
    # 2 + 5/6 + 7 x 2/3 + 1/2 + 9 x 1/3 = 11 -> AUC = 55; Delta = 162.5 / 3 - 42.5 = 35 / 3
    $script:expectedCross = @{ Group = 'Cross-event'; Frames = 3; CIoU = 162.5 / 3; AUC = 55; Success50 = 200 / 3; Delta = 35 / 3 }
}

Describe 'Import-AvatarHeatmap' {
    It 'reads the three file layouts and passes one Localization per frame, in input order' {
        $localizations = $script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2
        $localizations.Count | Should -Be 7
        $localizations[0] | Should -BeOfType ([AvatarTools.Core.Heatmaps.Localization])
        ($localizations | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex }) | Should -Be @($script:mapsA.Keys)
        foreach ($localization in $localizations) {
            $key = '{0}/{1}' -f $localization.VideoId, $localization.FrameIndex
            $localization.Model | Should -Be 'modelA'
            $localization.Heatmap.Height | Should -Be 8
            $localization.Heatmap.Width | Should -Be 8
            Get-MapValues $localization.Heatmap | Should -Be (Get-MapValues $script:mapsA[$key]) -Because $key
        }
    }

    It 'takes -Model for the name' {
        ($script:frames | Select-Object -First 1 | Import-AvatarHeatmap $script:modelA -Model 'mine').Model | Should -Be 'mine'
    }

    It 'interpolates a per-clip [T, h, w] array linearly in time with -FrameRate' {
        # ccc_00020 is at 8 fps: frame 4 is at 0.5 s, frame 8 at 1 s. With -FrameRate 1.5 the samples lie at 0 s and
        # 2/3 s, so frame 4 sits at sample position 0.5 x 1.5 = 0.75: 0.25 m0 + 0.75 m1; frame 8 at 1.5 > T - 1 = 1: m1.
        # m0 = 0 ... 5 and m1 = 10 ... 15 (2 x 3 maps): 0.25 i + 0.75 (10 + i) = i + 7.5.
        $folder = Join-Path $TestDrive 'interpolated'
        Write-TestNpy (Join-Path $folder 'ccc_00020.npy') (2, 2, 3) ([single[]](0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15))
        $maps = Get-AvatarFrame $script:root -VideoId 'ccc_00020' | Import-AvatarHeatmap $folder -FrameRate 1.5
        $maps.Count | Should -Be 2
        $maps[0].Heatmap.Height | Should -Be 2
        $maps[0].Heatmap.Width | Should -Be 3
        Get-MapValues $maps[0].Heatmap | Should -Be "7.5 8.5 9.5 10.5 11.5 12.5"
        Get-MapValues $maps[1].Heatmap | Should -Be "10 11 12 13 14 15"
    }

    It 'reports each bad file as a non-terminating error naming it and still returns the other frames' {
        $bad = Join-Path $TestDrive 'bad'
        # aaa_00000/00001.npy is missing.
        New-Item -ItemType Directory -Force (Join-Path $bad 'aaa_00000') | Out-Null
        Set-Content (Join-Path $bad 'aaa_00000/00002.npy') 'this is not a NumPy file at all'
        $withNan = New-TestMap
        $withNan[9] = [single]::NaN
        Write-TestNpy (Join-Path $bad 'aaa_00000/00003.npy') (8, 8) $withNan
        Write-TestNpy (Join-Path $bad 'bbb_00010_00001.npy') (2, 8, 8) ((New-TestMap) + (New-TestMap))
        Write-TestNpy (Join-Path $bad 'bbb_00010_00002.npy') (8, 8) (New-TestMap)
        Write-TestNpy (Join-Path $bad 'ccc_00020/00004.npy') (1, 8, 8) (New-TestMap -Fill 1)
        Write-TestNpy (Join-Path $bad 'ccc_00020/00008.npy') (8, 8) (New-TestMap)

        $localizations = $script:frames | Import-AvatarHeatmap $bad -ErrorVariable errors -ErrorAction SilentlyContinue
        ($localizations | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex }) | Should -Be @('bbb_00010/2', 'ccc_00020/4', 'ccc_00020/8')
        Get-MapValues $localizations[1].Heatmap | Should -Be (Get-MapValues (New-TestMap -Fill 1)) -Because 'a leading dimension of 1 is dropped'
        $errors.Count | Should -Be 4
        $ids = $errors | ForEach-Object { $_.FullyQualifiedErrorId }
        $ids | Should -Be @(
            'HeatmapNotFound,AvatarTools.Commands.ImportAvatarHeatmapCommand',
            'InvalidNpy,AvatarTools.Commands.ImportAvatarHeatmapCommand',
            'NonFiniteHeatmap,AvatarTools.Commands.ImportAvatarHeatmapCommand',
            'InvalidHeatmapShape,AvatarTools.Commands.ImportAvatarHeatmapCommand')
        $errors[0].ToString() | Should -BeLike ('*' + [System.IO.Path]::Combine('aaa_00000', '00001.npy') + '*')
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[1].ToString() | Should -BeLike '*00002.npy*'
        $errors[2].ToString() | Should -BeLike '*00003.npy*'
        $errors[3].ToString() | Should -BeLike '*bbb_00010_00001.npy*'
        $errors[3].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'fails with HeatmapFolderNotFound for a folder that does not exist' {
        { $script:frames | Import-AvatarHeatmap (Join-Path $TestDrive 'nowhere') } |
            Should -Throw -ErrorId 'HeatmapFolderNotFound,AvatarTools.Commands.ImportAvatarHeatmapCommand'
    }
}

Describe 'Measure-AvatarScore' {
    BeforeAll {
        $script:localizationsA = $script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2
    }

    It 'gives the AVATAR rows worked out by hand for -Threshold Fixed' {
        $rows = $script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2 | Measure-AvatarScore @script:fixed
        $rows.Count | Should -Be 5
        $rows[0] | Should -BeOfType ([AvatarTools.Core.Scoring.AvatarScore])
        for ($i = 0; $i -lt 5; $i++) {
            Assert-Row $rows[$i] $script:expectedA[$i]
            $rows[$i].Model | Should -Be 'modelA'
            $rows[$i].Threshold | Should -Be 0.5
            $rows[$i].TopFraction | Should -BeNullOrEmpty
        }
    }

    It 'adds the Cross-event row with its Delta under -CrossEvent' {
        $rows = $script:localizationsA | Measure-AvatarScore @script:fixed -CrossEvent
        $rows.Group | Should -Be @('Total', 'Single-Sound', 'Mixed-Sound', 'Multi-Entity', 'Off-Screen', 'Cross-event')
        Assert-Row $rows[5] $script:expectedCross
        Assert-Row $rows[0] $script:expectedA[0]
    }

    It 'emits one FrameScore per frame with its pixel counts under -PerFrame' {
        $scores = $script:localizationsA | Measure-AvatarScore @script:fixed -PerFrame
        $scores.Count | Should -Be 7
        $scores[0] | Should -BeOfType ([AvatarTools.Core.Scoring.FrameScore])
        # VideoId/frame: |G|, |P|, |P n G|, cIoU, true negative (Off-Screen only)
        $expected = @(
            @('aaa_00000', 1, 16, 16, 16, 1.0, $null),
            @('aaa_00000', 2, 16, 8, 8, 0.5, $null),
            @('aaa_00000', 3, 20, 16, 4, 0.125, $null),
            @('bbb_00010', 1, 0, 0, 0, 0.0, $true),
            @('bbb_00010', 2, 0, 1, 0, 0.0, $false),
            @('ccc_00020', 4, 16, 32, 16, 0.5, $null),
            @('ccc_00020', 8, 16, 0, 0, 0.0, $null))
        for ($i = 0; $i -lt 7; $i++) {
            $score = $scores[$i]
            $e = $expected[$i]
            $score.VideoId | Should -Be $e[0]
            $score.FrameIndex | Should -Be $e[1]
            $score.TruthPixels | Should -Be $e[2] -Because "|G| of $($e[0])/$($e[1])"
            $score.PredictedPixels | Should -Be $e[3] -Because "|P| of $($e[0])/$($e[1])"
            $score.IntersectionPixels | Should -Be $e[4] -Because "|P n G| of $($e[0])/$($e[1])"
            $score.CIoU | Should -Be $e[5] -Because "cIoU of $($e[0])/$($e[1])"
            $score.TrueNegative | Should -Be $e[6]
            $score.IsOffScreen | Should -Be ($null -ne $e[6])
            $score.Model | Should -Be 'modelA'
            $score.Threshold | Should -Be 0.5
        }
        $scores[2].Categories | Should -Be @('dog barking', 'male speech')
        $scores[2].Scenarios | Should -Be @([AvatarTools.Core.Dataset.AvatarScenario]::MixedSound, [AvatarTools.Core.Dataset.AvatarScenario]::MultiEntity)
    }

    It 'gives one set of rows per -TopFraction with the Global threshold' {
        # 7 maps x 64 pixels = 448 pooled values, 73 of them ones (16 + 8 + 16 + 0 + 1 + 32 + 0), 375 zeros.
        # tau_p = the ascending value at floor((1 - p) 448): p = 0.1 -> index 403 (a one), p = 0.2 -> index 358 (a zero).
        # tau = 1 predicts the ones (the Fixed 0.5 sets); tau = 0 predicts the whole grid: cIoU = |G| / 64,
        # i.e. .25, .25, .3125, .25, .25 and no true negative.
        $rows = $script:localizationsA | Measure-AvatarScore -TopFraction 0.1, 0.2 -GridSize 8, 8
        $rows.Count | Should -Be 10
        $rows.TopFraction | Should -Be (@(0.1) * 5 + @(0.2) * 5)
        $rows[0..4].Threshold | Should -Be (@(1.0) * 5)
        $rows[5..9].Threshold | Should -Be (@(0.0) * 5)
        for ($i = 0; $i -lt 5; $i++) {
            Assert-Row $rows[$i] $script:expectedA[$i]
        }
        Assert-Near $rows[5].CIoU 26.25 'Total at tau = 0: (4 x .25 + .3125) / 5'
        Assert-Near $rows[6].CIoU 25 'Single-Sound at tau = 0'
        Assert-Near $rows[7].CIoU 28.125 'Mixed-Sound at tau = 0: (.25 + .3125) / 2'
        Assert-Near $rows[8].CIoU 31.25 'Multi-Entity at tau = 0'
        Assert-Near $rows[9].TNRate 0 'Off-Screen at tau = 0'
        Assert-Near $rows[5].Success50 0 'no cIoU reaches 0.5 at tau = 0'
    }

    It 'scores two models of one pipeline separately, named after their folders' {
        $rows = & {
            $script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2
            $script:frames | Import-AvatarHeatmap $script:modelB
        } | Measure-AvatarScore @script:fixed
        $rows.Count | Should -Be 10
        $rows.Model | Should -Be (@('modelA') * 5 + @('modelB') * 5)
        for ($i = 0; $i -lt 5; $i++) {
            Assert-Row $rows[$i] $script:expectedA[$i]
        }
        # Model B predicts the whole grid: cIoU = |G| / 64 = .25, .25, .3125 (aaa), .25, .25 (ccc).
        # Total {.3125, .25 x 4}: s = 1 (t <= .25) | .2 (t = .3) | 0: 5 x 1 + .6 + .1 = 5.7 -> AUC 28.5
        Assert-Row $rows[5] @{ Group = 'Total'; Frames = 5; CIoU = 26.25; AUC = 28.5; Success50 = 0 }
        # Single-Sound {.25 x 3}: s = 1 (t <= .25) | 0: 5 + .5 = 5.5 -> 27.5
        Assert-Row $rows[6] @{ Group = 'Single-Sound'; Frames = 3; CIoU = 25; AUC = 27.5; Success50 = 0 }
        # Mixed-Sound {.25, .3125}: s = 1 (t <= .25) | .5 (t = .3) | 0: 5 + .75 + .25 = 6 -> 30
        Assert-Row $rows[7] @{ Group = 'Mixed-Sound'; Frames = 2; CIoU = 28.125; AUC = 30; Success50 = 0 }
        # Multi-Entity {.3125}: s = 1 (t <= .3) | 0: 6 + .5 = 6.5 -> 32.5
        Assert-Row $rows[8] @{ Group = 'Multi-Entity'; Frames = 1; CIoU = 31.25; AUC = 32.5; Success50 = 0 }
        Assert-Row $rows[9] @{ Group = 'Off-Screen'; Frames = 2; CIoU = $nan; AUC = $nan; Success50 = $nan; TNRate = 0 }
    }

    It 'adds one row per on-screen category with -GroupBy Category' {
        $rows = $script:localizationsA | Measure-AvatarScore @script:fixed -GroupBy Category
        $rows.Group | Should -Be @('Total', 'Single-Sound', 'Mixed-Sound', 'Multi-Entity', 'Off-Screen',
            'Category:dog barking', 'Category:male speech', 'Category:playing piano', 'Category:playing violin')
        # dog barking and male speech: aaa/3 {.125}; piano: aaa/2 {.5}; violin: aaa/1, ccc/4, ccc/8 {1, .5, 0}.
        Assert-Row $rows[5] @{ Group = 'Category:dog barking'; Frames = 1; CIoU = 12.5; AUC = 12.5; Success50 = 0 }
        Assert-Row $rows[6] @{ Group = 'Category:male speech'; Frames = 1; CIoU = 12.5; AUC = 12.5; Success50 = 0 }
        # {.5}: s = 1 for t <= .5 (11 values), 0 after: 10 + .5 = 10.5 -> 52.5
        Assert-Row $rows[7] @{ Group = 'Category:playing piano'; Frames = 1; CIoU = 50; AUC = 52.5; Success50 = 100 }
        $violin = $script:expectedA[1].Clone()
        $violin.Group = "Category:playing violin"
        Assert-Row $rows[8] $violin
    }

    It 'scores a 640 x 360 frame on the default grid with a bilinearly upsampled 1 x 2 map' {
        # G: the rectangle (0,0)-(399,99) filled = 400 x 100 = 40000 px. The map [1, 0] upsampled to 640 columns
        # (half-pixel centres): column o samples src = (o + .5) / 320 - .5, value 1 - src on [0, 1] (clamped): column 319
        # gives .5015625 and column 320 gives .4984375, so P = columns 0-319 of all 360 rows = 115200 px,
        # P n G = 320 x 100 = 32000, cIoU = 32000 / (40000 + 115200 - 32000) = 20 / 77.
        $wide = Join-Path $TestDrive 'wide'
        $box = New-TestAnnotation 'playing violin' 'Single-Sound' @(, [double[]](0, 0, 399, 0, 399, 99, 0, 99))
        Write-TestFrame $wide 'www_00000' 1 @($box) | Out-Null
        Write-TestNpy (Join-Path $TestDrive 'wideMaps/www_00000/00001.npy') (1, 2) ([single[]](1, 0))
        $score = Get-AvatarFrame $wide | Import-AvatarHeatmap (Join-Path $TestDrive 'wideMaps') |
            Measure-AvatarScore -Threshold Fixed -Value 0.5 -PerFrame
        $score.TruthPixels | Should -Be 40000
        $score.PredictedPixels | Should -Be 115200
        $score.IntersectionPixels | Should -Be 32000
        Assert-Near $score.CIoU (20 / 77) 'cIoU of the wide frame'
    }

    It 'writes rows that Export-Csv and Import-Csv carry over with the same numbers' {
        $rows = $script:localizationsA | Measure-AvatarScore @script:fixed -CrossEvent
        $csv = Join-Path $TestDrive 'scores.csv'
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        $back = Import-Csv -LiteralPath $csv
        $back.Count | Should -Be 6
        for ($i = 0; $i -lt 6; $i++) {
            $back[$i].Model | Should -Be $rows[$i].Model
            $back[$i].Group | Should -Be $rows[$i].Group
            [int] $back[$i].Frames | Should -Be $rows[$i].Frames
            foreach ($key in 'CIoU', 'AUC', 'Success50', 'Threshold') {
                if ($null -eq $rows[$i].$key) {
                    $back[$i].$key | Should -BeNullOrEmpty -Because "$($rows[$i].Group) has no $key"
                    continue
                }
                [double]::Parse($back[$i].$key, [cultureinfo]::InvariantCulture) | Should -Be $rows[$i].$key -Because "$($rows[$i].Group) $key"
            }
        }
        [double]::Parse($back[4].TNRate, [cultureinfo]::InvariantCulture) | Should -Be 50
        [double]::Parse($back[5].Delta, [cultureinfo]::InvariantCulture) | Should -Be $rows[5].Delta
        Assert-Near ([double]::Parse($back[5].Delta, [cultureinfo]::InvariantCulture)) (35 / 3) 'Delta read back'
    }

    It 'renders the default table view within 80 columns' {
        $rows = $script:localizationsA | Measure-AvatarScore @script:fixed -CrossEvent
        $text = $rows | Out-String -Width 80 -ErrorAction Stop
        $text | Should -Match 'Total'
        $text | Should -Match 'Cross-event'
        $text | Should -Match '42\.50'
        foreach ($line in $text -split "`r?`n") {
            $line.Length | Should -BeLessOrEqual 80 -Because "'$line' must fit 80 columns"
        }
        { $script:localizationsA | Measure-AvatarScore @script:fixed -PerFrame | Out-String -Width 80 } | Should -Not -Throw
    }

    It 'stops with FixedThresholdNeedsValue for -Threshold Fixed without -Value' {
        { $script:localizationsA | Measure-AvatarScore -Threshold Fixed -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'FixedThresholdNeedsValue,AvatarTools.Commands.MeasureAvatarScoreCommand'
    }
}

Describe 'Export-AvatarHeatmap' {
    It 'writes clip/frame.npy files (frame as 5 digits) that Import-AvatarHeatmap reads back equal' {
        $out = Join-Path $TestDrive 'exported'
        $passed = $script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2 | Export-AvatarHeatmap $out -PassThru
        $passed.Count | Should -Be 7
        $passed[0] | Should -BeOfType ([AvatarTools.Core.Heatmaps.Localization])
        foreach ($key in $script:mapsA.Keys) {
            $clip, $frame = $key -split '/'
            Test-Path -LiteralPath (Join-Path $out ('{0}/{1:D5}.npy' -f $clip, [int] $frame)) | Should -BeTrue -Because "$key is exported"
        }
        $back = $script:frames | Import-AvatarHeatmap $out
        $back.Count | Should -Be 7
        for ($i = 0; $i -lt 7; $i++) {
            $back[$i].Model | Should -Be 'exported'
            $back[$i].Heatmap.Height | Should -Be $passed[$i].Heatmap.Height
            Get-MapValues $back[$i].Heatmap | Should -Be (Get-MapValues $passed[$i].Heatmap)
        }

        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $out 'aaa_00000/00003.npy'))
        $bytes[0..5] | Should -Be @(0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59)
        $bytes[6] | Should -Be 1
        $headerLength = [System.BitConverter]::ToUInt16($bytes, 8)
        (10 + $headerLength) % 64 | Should -Be 0
        $header = [System.Text.Encoding]::ASCII.GetString($bytes, 10, $headerLength)
        $header | Should -Match "'descr': '<f4'"
        $header | Should -Match "'shape': \(8, 8\)"
        $bytes.Length | Should -Be (10 + $headerLength + 64 * 4)
    }

    It 'writes nothing under -WhatIf' {
        $out = Join-Path $TestDrive 'whatif'
        $script:frames | Select-Object -First 1 | Import-AvatarHeatmap $script:modelA | Export-AvatarHeatmap $out -WhatIf | Out-Null
        Test-Path (Join-Path $out 'aaa_00000/00001.npy') | Should -BeFalse
    }
}

Describe 'Measure-AvatarThreshold and Measure-AvatarScore -Calibration' {
    BeforeAll {
        $script:runA = @($script:frames | Import-AvatarHeatmap $script:modelA -FrameRate 2)
    }

    It 'returns one calibration per model and fraction, pooled over every frame' {
        $calibrations = @($script:runA | Measure-AvatarThreshold -TopFraction 0.1, 0.2 -GridSize 8, 8 -WarningAction SilentlyContinue)
        $calibrations.Count | Should -Be 2
        $calibrations[0] | Should -BeOfType ([AvatarTools.Core.Scoring.AvatarCalibration])
        $calibrations.Model | Should -Be @('modelA', 'modelA')
        $calibrations.TopFraction | Should -Be @(0.1, 0.2)
        # 7 maps of 8 x 8 pooled; the fraction 0.2 falls on the zeros: tau = 0.
        $calibrations[0].Pixels | Should -Be 448
        $calibrations[1].Threshold | Should -Be 0
        $calibrations[1].PredictedFraction | Should -Be 1
    }

    It 'warns when pixels tying at tau make the predicted share differ from the top fraction' {
        $null = $script:runA | Measure-AvatarThreshold -TopFraction 0.2 -GridSize 8, 8 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match "Model 'modelA' at top fraction 0.2: tau = 0 and 100.00 % of the 448 pooled pixels"
        "$($warnings[0])" | Should -Match '-TieRule Above'
        $null = $script:runA | Measure-AvatarThreshold -TopFraction 0.2 -GridSize 8, 8 -TieRule Above -WarningVariable quiet -WarningAction SilentlyContinue
        # Above 0: the ones of the maps, 16 + 8 + 16 + 0 + 1 + (16 + 16) + 0 = 73 of 448 = 16.29 %: still more than a point
        # from 20 %, so still a warning (now the other way round).
        "$($quiet[0])" | Should -Match '16.29 % of the 448 pooled pixels are above it'
    }

    It 'writes heatmap_threshold.json into a folder and reads it back through -Calibration' {
        $folder = Join-Path $TestDrive 'calibration'
        New-Item -ItemType Directory $folder | Out-Null
        $written = @($script:runA | Measure-AvatarThreshold -TopFraction 0.1 -GridSize 8, 8 -Path $folder -WarningAction SilentlyContinue)
        $file = Join-Path $folder 'heatmap_threshold.json'
        Test-Path $file | Should -BeTrue
        $json = Get-Content $file -Raw | ConvertFrom-Json
        $json.format | Should -Be 'AvatarTools.Calibration'
        $json.calibrations[0].model | Should -Be 'modelA'
        $json.calibrations[0].grid | Should -Be @(8, 8)
        [single] $json.calibrations[0].threshold | Should -Be ([single] $written[0].Threshold)
        $fromFile = $script:runA | Measure-AvatarScore -Calibration $folder -WarningAction SilentlyContinue
        $fromObjects = $script:runA | Measure-AvatarScore -Calibration $written -WarningAction SilentlyContinue
        ($fromFile | ConvertTo-Json) | Should -Be ($fromObjects | ConvertTo-Json)
        $fromFile[0].ThresholdSource | Should -Be 'Calibration'
        $fromFile[0].GridHeight | Should -Be 8
    }

    It 'scores a slice with the calibration of the whole run exactly as the whole run scores it (the README example)' {
        # The README's "worst Multi-Entity frames" pipeline, on this dataset's Single-Sound frames.
        $calibration = $script:runA | Measure-AvatarThreshold -GridSize 8, 8 -WarningAction SilentlyContinue
        $full = $script:runA | Measure-AvatarScore -GridSize 8, 8 -WarningAction SilentlyContinue
        $slice = $script:runA | Where-Object { $_.Frame.Scenarios -contains 'SingleSound' } |
            Measure-AvatarScore -Calibration $calibration -WarningVariable sliceWarnings
        $fullRow = $full | Where-Object Group -eq 'Single-Sound'
        $sliceRow = $slice | Where-Object Group -eq 'Single-Sound'
        foreach ($key in 'Frames', 'CIoU', 'AUC', 'Success50', 'Threshold', 'TopFraction', 'CalibrationFrames') {
            $sliceRow.$key | Should -Be $fullRow.$key -Because "the slice's $key is the full run's"
        }
        @($sliceWarnings).Count | Should -Be 0 -Because 'a given calibration is the whole run''s'
        $worst = $script:runA | Where-Object { $_.Frame.Scenarios -contains 'SingleSound' } |
            Measure-AvatarScore -Calibration $calibration -PerFrame | Sort-Object CIoU | Select-Object -First 1
        $worst.CIoU | Should -Be 0
    }

    It 'warns that tau was calibrated on part of the dataset when a slice is scored on its own, and says how many frames the rows did not see' {
        $rows = Get-AvatarFrame $script:root -Scenario SingleSound | Import-AvatarHeatmap $script:modelA -FrameRate 2 |
            Measure-AvatarScore -GridSize 8, 8 -WarningVariable warnings -WarningAction SilentlyContinue
        $subset = @($warnings | Where-Object { "$_" -match 'calibrated on' })
        $subset.Count | Should -Be 1
        "$($subset[0])" | Should -Match "calibrated on 3 of the 7 labelled frames"
        "$($subset[0])" | Should -Match 'Measure-AvatarThreshold'
        $rows[0].UnseenFrames | Should -Be 4
        ($script:runA | Measure-AvatarScore -GridSize 8, 8 -WarningAction SilentlyContinue)[0].UnseenFrames | Should -Be 0
    }

    It 'reports a model without a calibration as a non-terminating error and scores the others' {
        $calibration = $script:runA | Measure-AvatarThreshold -GridSize 8, 8 -WarningAction SilentlyContinue
        $other = $script:frames | Import-AvatarHeatmap $script:modelB
        $rows = @($other) + @($script:runA) | Measure-AvatarScore -Calibration $calibration -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Match '^CalibrationNotFound'
        ($rows.Model | Select-Object -Unique) | Should -Be 'modelA'
    }

    It 'refuses -Calibration with another threshold policy and a file that does not exist' {
        $calibration = $script:runA | Measure-AvatarThreshold -GridSize 8, 8 -WarningAction SilentlyContinue
        { $script:runA | Measure-AvatarScore -Calibration $calibration -Threshold PerFrame -ErrorAction Stop } |
            Should -Throw -ErrorId 'CalibrationNeedsGlobal,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:runA | Measure-AvatarScore -Calibration (Join-Path $TestDrive 'nothing.json') -ErrorAction Stop } |
            Should -Throw '*does not exist*'
    }

    It 'writes null, not NaN, for the Off-Screen CIoU in JSON' {
        $rows = $script:runA | Measure-AvatarScore @script:fixed
        $json = ($rows | Where-Object Group -eq 'Off-Screen') | ConvertTo-Json -EnumsAsStrings
        $json | Should -Match '"CIoU": null'
        $json | Should -Not -Match 'NaN'
        $json | Should -Match '"ThresholdSource": "Fixed"'
    }
}
