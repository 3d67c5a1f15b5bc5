# The default views of every public type read well at 80 and 120 columns.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'avatar'
    New-TestDataset -Root $script:root
    $frames = @(Get-AvatarFrame $script:root)
    $maps = foreach ($frame in $frames) {
        [AvatarTools.Core.Heatmaps.Localization]::new($frame, 'Uniform', [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]](0, 1, 2, 3)))
    }
    $script:objects = @{
        AvatarFrame    = $frames
        AvatarInstance = $frames.Instances
        Localization   = $maps
        AvatarScore    = @($maps | Measure-AvatarScore -CrossEvent)
        FrameScore     = @($maps | Measure-AvatarScore -PerFrame)
        AvatarScoreInterval = @($maps | Measure-AvatarScore -CrossEvent -ConfidenceLevel 0.95 -Seed 1)
        ScoreComparison = @($maps + @($maps | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_.Frame, 'Uniform copy', $_.Heatmap) }) |
                Measure-AvatarScore -PerFrame | Compare-AvatarScore Uniform -Seed 1)
        DetectionScore = @($maps | Measure-AvatarScore -Detection)
        NegativeScore = @($maps + @($maps | ForEach-Object { $_.WithCondition('Silence') }) | Measure-AvatarScore | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] })
        NegativeScoreInterval = @($maps + @($maps | ForEach-Object { $_.WithCondition('Silence') }) | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 1 | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] })
        AvatarScoreImageInterval = @(& {
                $vggss = Join-Path $TestDrive 'vggss-views'
                New-AvatarSyntheticSet $vggss -Benchmark VggSs -ClipCount 4 -WarningAction SilentlyContinue | Out-Null
                Get-AvatarFrame $vggss -WarningAction SilentlyContinue | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 1 -WarningAction SilentlyContinue
            })
        NegativeFrameScore = @($maps + @($maps | ForEach-Object { $_.WithCondition('Silence') }) | Measure-AvatarScore -PerFrame | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeFrameScore] })
        AvatarCalibration = @($maps | Measure-AvatarThreshold -TopFraction 0.1, 0.2)
        SyntheticSetResult = @(New-AvatarSyntheticSet (Join-Path $TestDrive 'a-synthetic-set-in-a-folder-whose-name-is-long-enough-to-overflow') -ClipCount 2 -MetadataOnly)
        ImageBenchmarkSetResult = @(New-AvatarSyntheticSet (Join-Path $TestDrive 'an-image-benchmark-in-a-folder-whose-name-is-long-enough-to-overflow') -Benchmark VggSs -WarningAction SilentlyContinue)
    }
    # Every type the module's cmdlets declare as output (and the instances they nest) has its case here.
    $script:declared = @(Get-Command -Module AvatarTools | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -like 'AvatarTools.*' } | ForEach-Object Name | Sort-Object -Unique)
}

Describe 'Format views' {
    It 'shows <Type> as a table within <Width> columns, with a header and a row per object' -ForEach @(
        foreach ($type in 'AvatarFrame', 'AvatarInstance', 'Localization', 'AvatarScore', 'FrameScore', 'AvatarScoreInterval', 'ScoreComparison', 'DetectionScore', 'NegativeScore', 'NegativeScoreInterval', 'AvatarScoreImageInterval', 'NegativeFrameScore', 'AvatarCalibration', 'SyntheticSetResult', 'ImageBenchmarkSetResult') {
            foreach ($width in 80, 120) { @{ Type = $type; Width = $width } }
        }
    ) {
        $objects = $script:objects[$Type]
        $text = $objects | Out-String -Width $Width
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
        $lines | Where-Object { $_ -match '^-{3,}' } | Should -Not -BeNullOrEmpty -Because 'a table view has a header rule'
        $lines.Count | Should -BeGreaterOrEqual @($objects).Count
    }

    It 'covers every public type the cmdlets output' {
        $script:declared | Should -Not -BeNullOrEmpty
        foreach ($type in $script:declared) {
            $script:objects.Keys | Should -Contain $type -Because "$type is an output type of the module"
        }
    }

    It 'names the model and threshold above each group of AvatarScore rows' {
        ($script:objects.AvatarScore | Out-String -Width 80) | Should -Match 'Model: Uniform, top 10'
    }

    It 'shows the intervals of rows that have them, and says what they are' {
        $text = $script:objects.AvatarScoreInterval | Out-String -Width 80
        $text | Should -Match 'Model: Uniform, top 10 % \(tau = [^)]+\); 95 % clip-bootstrap CI'
        $text | Should -Match '\bCI\b'
        ($script:objects.ScoreComparison | Out-String -Width 80) | Should -Match 'Uniform copy minus Uniform, top 10 %; 95 % paired bootstrap CI'
        ($script:objects.NegativeScoreInterval | Out-String -Width 80) | Should -Match 'Uniform, Silence, top 10 % \(tau = [^)]+\); 90 % clip-bootstrap CI'
        $image = $script:objects.AvatarScoreImageInterval | Out-String -Width 80
        $image | Should -Match 'VGG-SS, Center: EzVsl; 90 % sample-bootstrap CI'
        $image | Should -Match '\d+\.\d-\d+\.\d'
    }
}
