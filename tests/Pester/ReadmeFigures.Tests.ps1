# The README's figures for the built-in models on the synthetic benchmark ("The built-in models"), recomputed on the
# extracted layout, so the table a new user compares with cannot drift from what the module prints.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = ($readme -split '(?m)^### The built-in models\s*$', 2)[1]
    $script:section = ($section -split '(?m)^## ', 2)[0]
    $script:set = Join-Path $TestDrive 'synthetic'
    New-AvatarSyntheticSet $script:set | Out-Null
    $script:frames = @(Get-AvatarFrame $script:set)

    # One model's figures in the README's column order: Total CIoU, Total AUC, Single, Mixed, Multi CIoU, TN%, Cross-event CIoU (Δ).
    function Get-Figures([object[]] $Rows) {
        $row = { param($group) $Rows | Where-Object Group -eq $group }
        $cross = & $row 'Cross-event'
        $delta = '{0:+0.00;−0.00}' -f [math]::Round($cross.Delta, 2, [MidpointRounding]::AwayFromZero)
        @(
            (& $row 'Total').CIoU, (& $row 'Total').AUC, (& $row 'Single-Sound').CIoU, (& $row 'Mixed-Sound').CIoU,
            (& $row 'Multi-Entity').CIoU, (& $row 'Off-Screen').TNRate
        ).ForEach({ '{0:0.00}' -f $_ }) + ('{0:0.00} ({1})' -f $cross.CIoU, $delta)
    }
}

Describe 'The README''s figures for the built-in models' {
    It 'prints the Center row the module computes (Center reads no media, so both layouts give it)' {
        $rows = $script:frames | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -CrossEvent
        $line = ([regex]::Match($script:section, '(?m)^\| Center \|(.*)\|\s*$')).Groups[1].Value
        $printed = @($line -split '\|' | ForEach-Object Trim)
        $printed | Should -Be (Get-Figures $rows)
    }

    It 'quotes the AVSync figures of the extracted layout the module computes' {
        $rows = $script:frames | Invoke-AvatarLocalization -Model AVSync | Measure-AvatarScore -CrossEvent
        $quoted = [regex]::Match($script:section, "extracted layout's JPEG frames give AVSync ([^)]*\))").Groups[1].Value
        $quoted | Should -Not -BeNullOrEmpty
        $quoted -replace '\s+', ' ' | Should -Be ((Get-Figures $rows) -join ' / ')
    }
}
