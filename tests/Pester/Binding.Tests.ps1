# Pipeline binding: CSV rows and objects select clips and frames by VideoId and FrameIndex; a folder that is not a dataset
# is one non-terminating error; input of the wrong type is one error per command.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:parent = Join-Path $TestDrive 'parent'
    $script:first = Join-Path $script:parent 'a-set'
    $script:second = Join-Path $script:parent 'c-set'
    New-TestDataset -Root $script:first
    New-TestDataset -Root $script:second
    New-Item -ItemType Directory (Join-Path $script:parent 'b-not-a-set') | Out-Null
    $script:frames = @(Get-AvatarFrame $script:first)
    $script:maps = @(foreach ($frame in $script:frames) {
            [AvatarTools.Core.Heatmaps.Localization]::new($frame, 'Uniform', [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]](0, 1, 2, 3)))
        })

    function Invoke-Collecting([scriptblock] $Pipeline) {
        $ErrorActionPreference = 'Continue'
        $WarningPreference = 'Continue'
        $all = @(& $Pipeline 2>&1 3>&1)
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
            Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        }
    }
}

Describe 'VideoId and FrameIndex bind by property name' {
    It 'reads the clips a CSV of ids names (Import-Csv ids.csv | Get-AvatarFrame)' {
        $ids = Join-Path $TestDrive 'ids.csv'
        'VideoId', 'a_cross-1_00000', 'c-offscreen_00005' | Set-Content -LiteralPath $ids
        $frames = @(Import-Csv $ids | Get-AvatarFrame $script:first -ErrorAction Stop)
        $expected = @($script:frames | Where-Object { $_.VideoId -in 'a_cross-1_00000', 'c-offscreen_00005' })
        $expected.Count | Should -BeGreaterThan 2
        @($frames | ForEach-Object ToString) | Should -Be @($expected | ForEach-Object ToString)
    }

    It 'reads the very frames that rows with VideoId and FrameIndex name (per-frame scores, localizations)' {
        $picked = @($script:maps | Measure-AvatarScore -PerFrame | Select-Object -Skip 1 -First 3)
        $frames = @($picked | Get-AvatarFrame $script:first -ErrorAction Stop)
        @($frames | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex }) | Should -Be @($picked | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex })
        @($script:maps[0] | Get-AvatarFrame $script:first).Count | Should -Be 1
    }

    It 'takes a clip id from data as it is, not as a wildcard pattern' {
        $bracketed = Join-Path $TestDrive 'bracketed'
        Write-TestFrame $bracketed 'br[1]_00001' 1 @(New-TestAnnotation 'plain' 'Single-Sound' @(, [double[]](1, 1, 5, 1, 5, 5))) | Out-Null
        Write-TestFrame $bracketed 'br1_00001' 1 @(New-TestAnnotation 'plain' 'Single-Sound' @(, [double[]](1, 1, 5, 1, 5, 5))) | Out-Null
        @([pscustomobject]@{ VideoId = 'br[1]_00001' } | Get-AvatarFrame $bracketed).VideoId | Should -Be @('br[1]_00001')
        @([pscustomobject]@{ VideoId = 'br*' } | Get-AvatarFrame $bracketed).Count | Should -Be 0
        @(Get-AvatarFrame $bracketed -VideoId 'br*').Count | Should -Be 2 -Because 'a value typed on the command line is a pattern'
    }
}

Describe 'Several dataset folders in one pipeline' {
    It 'reads every dataset and makes each folder that is not one a single non-terminating error' {
        $run = Invoke-Collecting { Get-ChildItem $script:parent -Directory | Get-AvatarFrame }
        $run.Output.Count | Should -Be (2 * $script:frames.Count)
        @($run.Output.DatasetPath | Sort-Object -Unique) | Should -Be @($script:first, $script:second)
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'NotAnAvatarDataset,AvatarTools.Commands.GetAvatarFrameCommand'
        "$($run.Errors[0])" | Should -Match 'b-not-a-set'
        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -Match '^1 of \d+ frame files and dataset folders were not read: NotAnAvatarDataset ×1'
    }

    It 'still stops at the folder under -ErrorAction Stop' {
        { Get-ChildItem $script:parent -Directory | Get-AvatarFrame -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnAvatarDataset,AvatarTools.Commands.GetAvatarFrameCommand'
    }
}

Describe 'Input of the wrong type' {
    It '<Name> gives one error naming what it takes, and one closing warning' -ForEach @(
        @{ Name = 'Measure-AvatarScore'; Takes = 'Localization objects'; Run = { $script:frames | Measure-AvatarScore } }
        @{ Name = 'Measure-AvatarThreshold'; Takes = 'Localization objects'; Run = { $script:frames | Measure-AvatarThreshold } }
        @{ Name = 'Export-AvatarHeatmap'; Takes = 'Localization objects'; Run = { $script:frames | Export-AvatarHeatmap (Join-Path $TestDrive 'maps') } }
        @{ Name = 'Export-AvatarOverlay'; Takes = 'Localization objects'; Run = { $script:frames | Export-AvatarOverlay (Join-Path $TestDrive 'pictures') } }
        @{ Name = 'Compare-AvatarScore'; Takes = 'FrameScore objects'; Run = { $script:maps | Compare-AvatarScore Uniform } }
        @{ Name = 'Select-CrossEvent'; Takes = 'AvatarFrame objects'; Run = { $script:maps | Select-CrossEvent } }
        @{ Name = 'Import-AvatarHeatmap'; Takes = 'AvatarFrame objects'; Run = { $script:maps | Import-AvatarHeatmap $TestDrive } }
        @{ Name = 'Invoke-AvatarLocalization'; Takes = 'AvatarFrame objects'; Run = { $script:maps | Invoke-AvatarLocalization Center } }
        @{ Name = 'Export-AvatarReport'; Takes = 'Localization, AvatarScore, FrameScore, ScoreComparison and NegativeScore objects'; Run = { $script:frames | Export-AvatarReport (Join-Path $TestDrive 'report') } }
    ) {
        $run = Invoke-Collecting $Run
        $wrong = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -match '^(WrongInputType|UnsupportedReportInput),' })
        $wrong.Count | Should -Be 1 -Because 'one error per command, not one per object'
        @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'InputObjectNotBound*' }).Count | Should -Be 0
        "$($wrong[0])" | Should -Match ([regex]::Escape("$Name takes $Takes"))
        "$($wrong[0])" | Should -Match 'got AvatarTools\.Core\.'
        $run.Warnings.Count | Should -Be 1
        $run.Warnings[0].Message | Should -Match ('{0} of {0} .* (WrongInputType|UnsupportedReportInput) ×{0};' -f $script:frames.Count)
    }

    It 'still does its work on the objects of the right type among them' {
        $run = Invoke-Collecting { @($script:frames[0], $script:frames[1]) + $script:maps | Measure-AvatarScore -PerFrame }
        $run.Errors.Count | Should -Be 1
        $run.Output.Count | Should -Be $script:maps.Count
        $run.Warnings[-1].Message | Should -Match ('^2 of {0} items were skipped: WrongInputType ×2;' -f ($script:maps.Count + 2))
    }

    It 'names a CSV row as a PSCustomObject' {
        $run = Invoke-Collecting { [pscustomobject]@{ Name = 'x' } | Measure-AvatarScore }
        "$($run.Errors[0])" | Should -Match 'got System\.Management\.Automation\.PSCustomObject'
    }
}

Describe 'Compare-AvatarScore''s closing warning' {
    It 'counts the frame scores of a model it could not compare' {
        $reference = @($script:maps | Measure-AvatarScore -PerFrame)
        $other = @($script:maps | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_.Frame, 'Other', $_.Heatmap) } | Measure-AvatarScore -PerFrame -TopFraction 0.2)
        $run = Invoke-Collecting { $reference + $other | Compare-AvatarScore Uniform -Seed 1 }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ReferenceFractionNotFound,AvatarTools.Commands.CompareAvatarScoreCommand'
        $run.Warnings[-1].Message | Should -Be ('{0} of {1} frame scores were not compared: ReferenceFractionNotFound ×{0}; see the errors above.' -f $other.Count, ($reference.Count + $other.Count))
    }
}
