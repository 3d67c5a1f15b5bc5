# What a script sees: one closing warning per command that skipped input, and the README's "In scripts" example.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:clean = Join-Path $TestDrive 'clean'
    New-AvatarSyntheticSet -Path $script:clean -ClipCount 2 | Out-Null
    $script:broken = Join-Path $TestDrive 'broken'
    New-AvatarSyntheticSet -Path $script:broken -ClipCount 2 | Out-Null
    $script:files = @(Get-ChildItem (Join-Path $script:broken 'metadata') -Recurse -Filter *.json | Sort-Object FullName)
    Set-Content -LiteralPath $script:files[0].FullName '{ "original_width": 640,'
    $unknown = Get-Content -LiteralPath $script:files[1].FullName -Raw | ConvertFrom-Json
    $unknown.annotations[0].task = 'Sideways-Sound'
    $unknown | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $script:files[1].FullName

    # The pwsh that runs these tests, for a child process (dotnet pwsh runs pwsh.dll under dotnet).
    $script:pwsh = [Environment]::ProcessPath
    $script:pwshArguments = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($script:pwsh) -eq 'dotnet') { $script:pwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }
    $script:manifest = (Get-Module AvatarTools).Path

    # The first PowerShell code block under the README's "## In scripts" heading.
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = ($readme -split '(?m)^## In scripts\s*$', 2)[1]
    $script:example = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
}

Describe 'The closing warning' {
    It 'sums up the frame files Get-AvatarFrame did not read, once, over all it read' {
        $frames = @(Get-AvatarFrame $script:broken -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        $frames.Count | Should -Be ($script:files.Count - 2)
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Be ('2 of {0} frame files were not read: InvalidFrameJson ×1, UnknownTask ×1; see the errors above.' -f $script:files.Count)
    }

    It 'is not written when nothing was skipped' {
        Get-AvatarFrame $script:clean -WarningVariable warnings | Out-Null
        $warnings.Count | Should -Be 0
    }

    It 'counts what each command wrote, e.g. heatmaps refused by -NoClobber' {
        $localizations = @(Get-AvatarFrame $script:clean | Select-Object -First 3 | Invoke-AvatarLocalization -Model Center)
        $out = Join-Path $TestDrive 'maps'
        $localizations[0] | Export-AvatarHeatmap $out
        $localizations | Export-AvatarHeatmap $out -NoClobber -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Be '1 of 3 heatmaps were not written: OutputExists ×1; see the errors above.'
    }
}

Describe 'The README''s script' {
    BeforeAll {
        $script:example | Should -Not -BeNullOrEmpty
        $script:scriptFile = Join-Path $TestDrive 'evaluate.ps1'
        Set-Content -LiteralPath $script:scriptFile $script:example

        # Runs the script as a user would, the module imported first, in a child process whose exit code is the script's.
        function Invoke-Example([string] $Dataset, [string] $Csv) {
            $command = "Import-Module '$script:manifest'; & '$script:scriptFile' -Dataset '$Dataset' -Csv '$Csv'; exit `$LASTEXITCODE"
            $output = & $script:pwsh @script:pwshArguments -NoProfile -NonInteractive -Command $command 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
    }

    It 'exits 0 and writes both models'' rows when nothing was skipped' {
        $csv = Join-Path $TestDrive 'clean.csv'
        $run = Invoke-Example $script:clean $csv
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $rows = @(Import-Csv $csv)
        @($rows.Model | Sort-Object -Unique) | Should -Be @('AVSync', 'Center')
        @($rows | Where-Object Group -EQ 'Total').Count | Should -Be 2
    }

    It 'exits 1 when frames were skipped and still writes what it could' {
        $csv = Join-Path $TestDrive 'broken.csv'
        $run = Invoke-Example $script:broken $csv
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'frame files were not read: InvalidFrameJson ×1, UnknownTask ×1'
        $total = @(Import-Csv $csv | Where-Object Group -EQ 'Total')
        $total.Count | Should -Be 2
        $total | ForEach-Object { [int] $_.Frames | Should -Be ($script:files.Count - 2) }
    }

    It 'exits 1 when the dataset is missing' {
        $csv = Join-Path $TestDrive 'missing.csv'
        $run = Invoke-Example (Join-Path $TestDrive 'no-such-set') $csv
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'DatasetNotFound|does not exist|not found'
    }
}
