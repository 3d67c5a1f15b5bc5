# Measure-AvatarScore -Protocol on hand-made VGG-SS, Flickr-SoundNet and AVATAR frames built through the core, with
# hand-made maps. At 224 x 224 a map of the grid's own size is upsampled as itself by every preset (align corners or
# half-pixel), so a map of ones on a block predicts exactly that block; every expected number is worked out by hand.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    # A sample of an image benchmark: boxes as (x0, y0, x1, y1) cells of the 224 x 224 map.
    function New-ImageFrame([string] $Benchmark, [string] $Id, [string] $Class, [string] $TestList, [int[][]] $Boxes) {
        $instances = foreach ($b in $Boxes) {
            $box = [AvatarTools.Core.Dataset.BoundingBox]::new($b[0], $b[1], $b[2] - $b[0], $b[3] - $b[1])
            [AvatarTools.Core.Dataset.AvatarInstance]::new($Class, 'SingleSound', $box, [double[][]]@(, [double[]]@($b[0], $b[1], $b[2], $b[1], $b[2], $b[3], $b[0], $b[3])))
        }
        $frame = [AvatarTools.Core.Dataset.AvatarFrame]::new($Id, 0, 224, 224, [AvatarTools.Core.Dataset.AvatarInstance[]]@($instances), '', '', '', $null)
        $frame.Benchmark = $Benchmark
        if ($TestList) { $frame.TestList = $TestList }
        $frame
    }

    # A 224 x 224 map of ones on the cells [x0, x1) x [y0, y1), zeros elsewhere.
    function New-BlockMap([int] $X0, [int] $Y0, [int] $X1, [int] $Y1) {
        $values = [float[]]::new(224 * 224)
        for ($y = $Y0; $y -lt $Y1; $y++) { for ($x = $X0; $x -lt $X1; $x++) { $values[$y * 224 + $x] = 1 } }
        [AvatarTools.Core.Heatmaps.Heatmap]::new(224, 224, $values)
    }

    function New-TestLocalization($Frame, $Map, [string] $Model = 'm') {
        [AvatarTools.Core.Heatmaps.Localization]::new($Frame, $Model, $Map)
    }

    # VGG-SS: a (dog, heard) predicts its box (cIoU 1); b (cat, unheard) the other half (cIoU 0).
    $script:vggss = @(
        New-TestLocalization (New-ImageFrame VggSs 'a_000001' 'dog' 'vggss_heard_test' @(, @(0, 0, 112, 224))) (New-BlockMap 0 0 112 224)
        New-TestLocalization (New-ImageFrame VggSs 'b_000001' 'cat' 'vggss_unheard_test' @(, @(0, 0, 112, 224))) (New-BlockMap 112 0 224 224)
    )
    # Flickr: boxes x [0, 10) and [5, 15), y [0, 10): weights 0.5, 1, 0.5 on x 0-4, 5-9, 10-14 (sum G = 100);
    # P = x 0-9, y 0-9: sum P G = 25 + 50 = 75, nothing outside G: cIoU = 0.75.
    $script:flickr = New-TestLocalization (New-ImageFrame FlickrSoundNet '3908875350' 'guitar' 'flickr_test' @(@(0, 0, 10, 10), @(5, 0, 15, 10))) (New-BlockMap 0 0 10 10)
}

Describe 'Measure-AvatarScore -Protocol' {
    It 'scores VGG-SS samples with EzVsl by default, with rows per test list and per class' {
        $rows = @($script:vggss | Measure-AvatarScore -GroupBy Category)
        $rows.Group | Should -Be @('Total', 'Category:cat', 'Category:dog', 'TestList:vggss_heard_test', 'TestList:vggss_unheard_test')
        $rows | ForEach-Object {
            "$($_.Benchmark) $($_.Protocol) $($_.Interpolation) $($_.TieRule) $($_.GridHeight)x$($_.GridWidth)" | Should -Be 'VggSs EzVsl BilinearAlignCorners AtLeast 224x224'
        }
        $rows[0].CIoUAt50 | Should -Be 50
        $rows[0].MeanCIoU | Should -Be 50
        $rows[0].UndefinedFrames | Should -Be 0
        ($rows | Where-Object Group -EQ 'TestList:vggss_heard_test').CIoUAt50 | Should -Be 100
        ($rows | Where-Object GroupKind -EQ 'TestList').GroupName | Should -Be @('vggss_heard_test', 'vggss_unheard_test')
    }

    It 'takes each part of a preset from the parameters given' {
        $row = $script:vggss | Measure-AvatarScore -Protocol Lvs -TieRule AtLeast | Select-Object -First 1
        "$($row.Protocol) $($row.Interpolation) $($row.TieRule) $($row.ThresholdSource)" | Should -Be 'Lvs Bilinear AtLeast PerFrame'
        $row = $script:vggss | Measure-AvatarScore -Protocol SlavcAbsolute -Value 0.75 | Select-Object -First 1
        "$($row.Interpolation) $($row.ThresholdSource) $($row.Threshold)" | Should -Be 'BicubicAlignCorners Fixed 0.75'
    }

    It 'weighs Flickr-SoundNet''s consensus 0.5 and 1 (cIoU 0.75 worked by hand)' {
        $score = $script:flickr | Measure-AvatarScore -Protocol SlavcAbsolute -PerFrame
        $score.CIoU | Should -Be 0.75
        $score.TruthWeight | Should -Be 100
        $score.IntersectionWeight | Should -Be 75
        $row = $script:flickr | Measure-AvatarScore -Protocol SlavcAbsolute | Select-Object -First 1
        "$($row.Benchmark) $($row.Threshold) $($row.CIoUAt50) $($row.MeanCIoU)" | Should -Be 'FlickrSoundNet 0.5 100 75'
    }

    It 'counts a sample with no ground truth and no prediction as undefined and failed' {
        $undefined = New-TestLocalization (New-ImageFrame VggSs 'u_000001' 'dog' $null @(, @(30, 30, 30, 90))) (New-BlockMap 0 0 0 0)
        $row = @($undefined, $script:vggss[0]) | Measure-AvatarScore -Protocol SlavcAbsolute | Select-Object -First 1
        "$($row.Frames) $($row.UndefinedFrames) $($row.CIoUAt50) $($row.AUC)" | Should -Be '2 1 50 50'
    }

    It 'refuses the Global threshold on image samples, naming the model, and still scores the others' {
        $avatarFrame = [AvatarTools.Core.Dataset.AvatarFrame]::new('x_00000', 1, 224, 224,
            [AvatarTools.Core.Dataset.AvatarInstance[]]@([AvatarTools.Core.Dataset.AvatarInstance]::new('violin', 'SingleSound', $null, [double[][]]@(, [double[]]@(0, 0, 112, 0, 112, 224, 0, 224)))),
            '', '', '', 25)
        $rows = @((New-TestLocalization $avatarFrame (New-BlockMap 0 0 112 224) 'ezvsl'), (New-TestLocalization $script:vggss[0].Frame (New-BlockMap 0 0 112 224) 'ezvsl')) |
            Measure-AvatarScore -Threshold Global -GridSize 224, 224 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Match 'ProtocolNotForBenchmark'
        "$($problems[0])" | Should -Match 'ezvsl'
        @($rows | Where-Object Benchmark -EQ 'Avatar').Count | Should -BeGreaterThan 0
    }

    It 'scores AVATAR frames with another protocol on their own grid and says which' {
        $avatarFrame = [AvatarTools.Core.Dataset.AvatarFrame]::new('x_00000', 1, 224, 224,
            [AvatarTools.Core.Dataset.AvatarInstance[]]@([AvatarTools.Core.Dataset.AvatarInstance]::new('violin', 'SingleSound', $null, [double[][]]@(, [double[]]@(0, 0, 112, 0, 112, 224, 0, 224)))),
            '', '', '', 25)
        $row = New-TestLocalization $avatarFrame (New-BlockMap 0 0 112 224) | Measure-AvatarScore -Protocol Lvs | Select-Object -First 1
        "$($row.Benchmark) $($row.Protocol) $($row.ThresholdSource) $($row.TieRule) $($row.GridHeight)x$($row.GridWidth)" | Should -Be 'Avatar Lvs PerFrame Above 360x640'
        $row.CIoUAt50 | Should -BeNullOrEmpty
    }

    It 'says under -Verbose how each benchmark is scored' {
        $verbose = $script:vggss | Measure-AvatarScore -Protocol SlavcRelative -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match 'VggSs: protocol SlavcRelative: BicubicAlignCorners to 224 x 224, per-sample min-max'
    }

    It 'shows the rows as the papers print them within 80 columns' {
        $text = @($script:vggss) + $script:flickr | Measure-AvatarScore | Out-String -Width 80
        $text | Should -Match 'cIoU@0\.5'
        $text | Should -Match 'VGG-SS, m: EzVsl'
        $text | Should -Match 'Flickr-SoundNet, m: EzVsl'
        $text -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}
