# Intervals, paired comparisons and the detection view as a user runs them, on the hand-made dataset of TestHelpers
# (8 labelled frames in 3 clips: 7 on-screen frames in 3 clips, 1 Off-Screen frame in clip c_offfirst_00020). The numbers
# themselves are checked against independent computations in the xUnit tests (ClipBootstrapTests, PairedComparisonTests,
# DetectionMetricsTests); here: what the cmdlets return, how they fail, and that they agree with each other.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'avatar'
    New-TestDataset -Root $script:root
    $script:frames = @(Get-AvatarFrame $script:root)

    # A 2 x 2 map per frame; $Values[k] for frame k (in the order Get-AvatarFrame returns them).
    function New-TestRun([string] $Model, [scriptblock] $Values) {
        $k = 0
        foreach ($frame in $script:frames) {
            [AvatarTools.Core.Heatmaps.Localization]::new($frame, $Model, [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]](& $Values $k)))
            $k++
        }
    }
    $script:a = @(New-TestRun 'A' { param($k) 0, (1 + $k % 3), 2, 3 })
    $script:b = @(New-TestRun 'B' { param($k) 3, 2, (1 + $k % 2), 0 })
}

Describe 'Measure-AvatarScore -ConfidenceLevel' {
    BeforeAll {
        $script:rows = @($script:a | Measure-AvatarScore -ConfidenceLevel 0.9 -Resamples 500 -Seed 5)
    }

    It 'adds the level, the seed and bounds around the estimate to every row' {
        $script:rows.Count | Should -BeGreaterThan 3
        foreach ($row in $script:rows) {
            $row | Should -BeOfType ([AvatarTools.Core.Scoring.AvatarScore])
            $row.ConfidenceLevel | Should -Be 0.9
            $row.BootstrapSeed | Should -Be 5
            if ($row.Clips -ge 2) {
                $row.CIoULower | Should -BeLessOrEqual ($row.CIoU + 1e-9)
                $row.CIoUUpper | Should -BeGreaterOrEqual ($row.CIoU - 1e-9)
                $row.AUCLower | Should -BeLessOrEqual ($row.AUC + 1e-9)
                $row.Success50Upper | Should -BeGreaterOrEqual ($row.Success50 - 1e-9)
                $row.Resamples | Should -BeGreaterThan 0
            }
        }
        $total = $script:rows | Where-Object Group -EQ 'Total'
        $total.Clips | Should -Be 3
        $total.Resamples | Should -Be 500
    }

    It 'gives no interval to a group of one clip (the Off-Screen frame)' {
        $off = $script:rows | Where-Object Group -EQ 'Off-Screen'
        $off.Clips | Should -Be 1
        $off.TNRate | Should -Not -BeNullOrEmpty
        $off.TNRateLower | Should -BeNullOrEmpty
        $off.Resamples | Should -BeNullOrEmpty
    }

    It 'reproduces the intervals with the same seed and reports a drawn seed' {
        $again = @($script:a | Measure-AvatarScore -ConfidenceLevel 0.9 -Resamples 500 -Seed 5)
        ($again | ForEach-Object { '{0}:{1}:{2}' -f $_.Group, $_.CIoULower, $_.AUCUpper }) |
            Should -Be ($script:rows | ForEach-Object { '{0}:{1}:{2}' -f $_.Group, $_.CIoULower, $_.AUCUpper })
        $verbose = $script:a | Measure-AvatarScore -ConfidenceLevel 0.95 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $drawn = @($script:a | Measure-AvatarScore -ConfidenceLevel 0.95)[0].BootstrapSeed
        $drawn | Should -Not -BeNullOrEmpty
        ($verbose.Message -join "`n") | Should -Match 'percentile clip bootstrap at level 0\.95, 2000 replicates, seed -?\d+'
    }

    It 'refuses bootstrap settings without a level, and a level with -PerFrame or -Detection' {
        { $script:a | Measure-AvatarScore -Resamples 500 } | Should -Throw -ErrorId 'BootstrapNeedsConfidenceLevel,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:a | Measure-AvatarScore -Seed 1 } | Should -Throw -ErrorId 'BootstrapNeedsConfidenceLevel,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:a | Measure-AvatarScore -ConfidenceLevel 0.95 -PerFrame } | Should -Throw -ErrorId 'IntervalsNeedSummaryRows,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:a | Measure-AvatarScore -ConfidenceLevel 0.95 -Detection } | Should -Throw -ErrorId 'IntervalsNeedSummaryRows,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:a | Measure-AvatarScore -ConfidenceLevel 1.5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AvatarTools.Commands.MeasureAvatarScoreCommand'
        { $script:a | Measure-AvatarScore -ConfidenceLevel 0.9 -Resamples 10 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AvatarTools.Commands.MeasureAvatarScoreCommand'
    }
}

Describe 'Compare-AvatarScore' {
    BeforeAll {
        $script:perFrame = @($script:a + $script:b | Measure-AvatarScore -PerFrame)
    }

    It 'returns per group and metric the difference of the two models'' rows, with an interval and a p-value' {
        $comparisons = @($script:perFrame | Compare-AvatarScore -Reference A -Seed 2 -Resamples 500)
        $rows = @($script:a + $script:b | Measure-AvatarScore)
        $comparisons | Should -Not -BeNullOrEmpty
        foreach ($comparison in $comparisons) {
            $comparison | Should -BeOfType ([AvatarTools.Core.Scoring.ScoreComparison])
            $comparison.Model | Should -Be 'B'
            $comparison.Reference | Should -Be 'A'
            $metric = "$($comparison.Metric)"
            $mine = ($rows | Where-Object { $_.Model -eq 'B' -and $_.Group -eq $comparison.Group }).$metric
            $theirs = ($rows | Where-Object { $_.Model -eq 'A' -and $_.Group -eq $comparison.Group }).$metric
            $comparison.Value | Should -Be $mine
            $comparison.ReferenceValue | Should -Be $theirs
            $comparison.Difference | Should -Be ($mine - $theirs)
            $comparison.PValue | Should -BeGreaterThan 0
            $comparison.PValue | Should -BeLessOrEqual 1
            $comparison.Seed | Should -Be 2
        }
        # Three clips: 2^3 = 8 sign patterns, enumerated exactly.
        ($comparisons | Where-Object Group -EQ 'Total')[0].PValueExact | Should -BeTrue
        ($comparisons | Where-Object Group -EQ 'Off-Screen').Metric | Should -Be 'TNRate'
    }

    It 'gives 0, an interval of width 0 and p = 1 for a model compared with itself' {
        $copy = @($script:a | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_.Frame, 'A again', $_.Heatmap) })
        $comparisons = @($script:a + $copy | Measure-AvatarScore -PerFrame | Compare-AvatarScore A -Seed 1)
        $comparisons | Should -Not -BeNullOrEmpty
        foreach ($comparison in $comparisons) {
            $comparison.Difference | Should -Be 0
            $comparison.PValue | Should -Be 1
            if ($comparison.Clips -ge 2) {
                $comparison.Lower | Should -Be 0
                $comparison.Upper | Should -Be 0
            }
        }
    }

    It 'reports frames scored for only one model, listing them, and still compares the other models' {
        $partial = @($script:b | Select-Object -Skip 1 | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_.Frame, 'C', $_.Heatmap) })
        $missing = $script:b[0].Frame
        $comparisons = @($script:a + $script:b + $partial | Measure-AvatarScore -PerFrame -WarningAction SilentlyContinue |
                Compare-AvatarScore A -Seed 1 -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'FramesNotShared,AvatarTools.Commands.CompareAvatarScoreCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($problems[0])" | Should -Match ([regex]::Escape(('{0}/{1:D5} (only A)' -f $missing.VideoId, $missing.FrameIndex)))
        ($comparisons.Model | Select-Object -Unique) | Should -Be @('B')
    }

    It 'stops when the reference is not in the input or only one model is' {
        { $script:perFrame | Compare-AvatarScore -Reference Nope } | Should -Throw -ErrorId 'ReferenceNotFound,AvatarTools.Commands.CompareAvatarScoreCommand'
        { $script:perFrame | Where-Object Model -EQ A | Compare-AvatarScore -Reference A } | Should -Throw -ErrorId 'ComparisonNeedsTwoModels,AvatarTools.Commands.CompareAvatarScoreCommand'
    }
}

Describe 'Measure-AvatarScore -Detection' {
    It 'ranks the frames by the mean of the top quarter of each map on the grid, on-screen frames as positives' {
        # A constant map has that constant as its confidence, whatever the grid and the interpolation (up to the float32
        # rounding of the bilinear weights).
        $constant = @(New-TestRun 'Flat' { param($k) $v = 0.5 + $k; $v, $v, $v, $v })
        $perFrame = @($constant | Measure-AvatarScore -PerFrame -Detection -WarningAction SilentlyContinue)
        for ($k = 0; $k -lt $perFrame.Count; $k++) {
            [math]::Round($perFrame[$k].Confidence, 5) | Should -Be (0.5 + $k)
        }
        $rows = @($constant | Measure-AvatarScore -Detection -WarningAction SilentlyContinue)
        $rows | ForEach-Object { $_ | Should -BeOfType ([AvatarTools.Core.Scoring.DetectionScore]) }
        $rows.IoUThreshold | Should -Be @(0.5, 0.75)
        $rows.Positives | Should -Be @(7, 7)
        $rows.Negatives | Should -Be @(1, 1)
        $rows[0].Model | Should -Be 'Flat'
        @($constant | Measure-AvatarScore -PerFrame -WarningAction SilentlyContinue)[0].Confidence | Should -BeNullOrEmpty
    }
}
