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
    }
}

Describe 'Format views' {
    It 'shows <Type> as a table within <Width> columns, with a header and a row per object' -ForEach @(
        foreach ($type in 'AvatarFrame', 'AvatarInstance', 'Localization', 'AvatarScore', 'FrameScore') {
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

    It 'names the model and threshold above each group of AvatarScore rows' {
        ($script:objects.AvatarScore | Out-String -Width 80) | Should -Match 'Model: Uniform, top 10'
    }
}
