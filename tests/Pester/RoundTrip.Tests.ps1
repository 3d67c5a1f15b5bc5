# Objects round-trip through CSV and JSON: readable values in every cell, and Export-AvatarReport takes the rows back.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'avatar'
    New-TestDataset -Root $script:root
    $script:frames = @(Get-AvatarFrame $script:root)
    # Maps that differ from frame to frame, so that the scores differ too.
    $i = 0
    $script:maps = @(foreach ($frame in $script:frames) {
            $i++
            [AvatarTools.Core.Heatmaps.Localization]::new($frame, 'Ramp', [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]](0, $i, ((2 * $i) % 5), 3)))
        })
    $script:objects = [ordered]@{
        AvatarFrame       = $script:frames
        Localization      = $script:maps
        FrameScore        = @($script:maps | Measure-AvatarScore -PerFrame)
        AvatarScore       = @($script:maps | Measure-AvatarScore -CrossEvent -GroupBy Category)
        AvatarCalibration = @($script:maps | Measure-AvatarThreshold)
        DetectionScore    = @($script:maps | Measure-AvatarScore -Detection)
    }
    # A type name in a cell: System.String[], AvatarTools.Core.Dataset.AvatarScenario[], List`1[...], ...
    $script:typeName = 'System\.|AvatarTools\.Core\.|\w\[\]|`1\['

    # The files two reports wrote, side by side.
    function Get-ReportNumbers([string] $Folder) {
        [pscustomobject]@{
            Scores = Get-Content -Raw -LiteralPath (Join-Path $Folder 'scores.csv')
            Frames = Get-Content -Raw -LiteralPath (Join-Path $Folder 'frames.csv')
        }
    }
}

Describe 'Export-Csv of the module''s objects' {
    It 'writes a readable value in every cell of <_>' -ForEach @('AvatarFrame', 'Localization', 'FrameScore', 'AvatarScore', 'AvatarCalibration', 'DetectionScore') {
        $rows = @($script:objects[$_] | ConvertTo-Csv | ConvertFrom-Csv)
        $rows.Count | Should -Be @($script:objects[$_]).Count
        foreach ($row in $rows) {
            foreach ($property in $row.PSObject.Properties) {
                $property.Value | Should -Not -Match $script:typeName -Because "the $($property.Name) cell of a $_ row"
            }
        }
    }

    It 'writes lists as JSON arrays of names and enums by name' {
        $frame = $script:frames | Where-Object { $_.Scenarios.Count -ge 2 } | Select-Object -First 1
        $row = $frame | ConvertTo-Csv | ConvertFrom-Csv
        @($row.Scenarios | ConvertFrom-Json) | Should -Be @($frame.Scenarios | ForEach-Object ToString)
        @($row.Categories | ConvertFrom-Json) | Should -Be @($frame.Categories)
        @($row.Instances | ConvertFrom-Json) | Should -Be @($frame.Instances | ForEach-Object ToString)
        $row.Benchmark | Should -Be 'Avatar'
        $score = $script:objects.FrameScore[0] | ConvertTo-Csv | ConvertFrom-Csv
        $score.ThresholdSource | Should -Be 'Calibrated'
        $score.TieRule | Should -Be 'AtLeast'
    }

    It 'keeps the lists usable as lists in PowerShell' {
        $frame = $script:frames | Where-Object { $_.Scenarios.Count -ge 2 } | Select-Object -First 1
        $frame.Scenarios -contains "$($frame.Scenarios[1])" | Should -BeTrue
        $absent = 'SingleSound', 'MixedSound', 'MultiEntity', 'OffScreen' | Where-Object { $_ -notin @($frame.Scenarios | ForEach-Object ToString) } | Select-Object -First 1
        $frame.Scenarios -contains $absent | Should -BeFalse
        @($script:frames | Where-Object Scenarios -Contains 'MultiEntity').Count | Should -BeGreaterThan 0
        $frame.Scenarios.Length | Should -Be $frame.Scenarios.Count
    }
}

Describe 'Export-AvatarReport reads rows back with Import-Csv' {
    BeforeAll {
        $script:direct = Join-Path $TestDrive 'direct'
        $script:objects.AvatarScore + $script:objects.FrameScore | Export-AvatarReport $script:direct | Out-Null
        $script:expected = Get-ReportNumbers $script:direct
        $script:scoresCsv = Join-Path $TestDrive 'scores.csv'
        $script:framesCsv = Join-Path $TestDrive 'frame-scores.csv'
        $script:objects.AvatarScore | Export-Csv $script:scoresCsv
        $script:objects.FrameScore | Export-Csv $script:framesCsv
    }

    It 'gives the same numbers from <Name>' -ForEach @(
        @{ Name = 'Export-Csv of the scores and frame scores'; Rows = { @(Import-Csv $script:scoresCsv) + @(Import-Csv $script:framesCsv) } }
        @{ Name = 'its own scores.csv and frames.csv'; Rows = { @(Import-Csv (Join-Path $script:direct 'scores.csv')) + @(Import-Csv (Join-Path $script:direct 'frames.csv')) } }
    ) {
        $rows = & $Rows
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $rows | Export-AvatarReport $folder -ErrorAction Stop | Out-Null
        $again = Get-ReportNumbers $folder
        $again.Scores | Should -BeExactly $script:expected.Scores
        $again.Frames | Should -BeExactly $script:expected.Frames
    }

    It 'summarises frame-score rows alone into the rows Measure-AvatarScore gives' {
        $folder = Join-Path $TestDrive 'from-frames'
        Import-Csv (Join-Path $script:direct 'frames.csv') | Export-AvatarReport $folder -ErrorAction Stop | Out-Null
        $fromFrames = Import-Csv (Join-Path $folder 'scores.csv')
        $plain = @($script:maps | Measure-AvatarScore)
        foreach ($score in $plain) {
            $row = $fromFrames | Where-Object group -EQ $score.Group
            [double] $row.frames | Should -Be $score.Frames
            if ($null -ne $score.CIoU) { [double] $row.ciou | Should -Be $score.CIoU }
            if ($null -ne $score.TNRate) { [double] $row.tn_rate | Should -Be $score.TNRate }
        }
    }

    It 'reads VGG-SS rows back as VGG-SS rows, with their protocol, columns and intervals' {
        $root = Join-Path $TestDrive 'vggss'
        New-AvatarSyntheticSet $root -Benchmark VggSs -ClipCount 5 | Out-Null
        $vggss = @(Get-AvatarFrame $root | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 3 -Resamples 200)
        $direct = Join-Path $TestDrive 'vggss-direct'
        $vggss | Export-AvatarReport $direct | Out-Null
        $csv = Join-Path $TestDrive 'vggss.csv'
        $vggss | Export-Csv $csv
        foreach ($source in @((Join-Path $direct 'scores.csv'), $csv)) {
            $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            Import-Csv $source | Export-AvatarReport $folder -ErrorAction Stop | Out-Null
            Get-Content (Join-Path $folder 'scores.csv') -Raw | Should -BeExactly (Get-Content (Join-Path $direct 'scores.csv') -Raw)
            $page = Get-Content (Join-Path $folder 'index.html') -Raw
            $page | Should -Match 'id="benchmark-vggss"'
            # The intervals come back too: the same page, error bars and all.
            $page | Should -Match '<span class="ci" data-lower="[0-9.]+" data-upper="[0-9.]+"'
            $page | Should -BeExactly (Get-Content (Join-Path $direct 'index.html') -Raw)
        }
    }

    It 'names a field it cannot read and goes on with the other rows' {
        $rows = @(Import-Csv $script:scoresCsv)
        $rows[0].Frames = 'many'
        $folder = Join-Path $TestDrive 'bad-row'
        $rows | Export-AvatarReport $folder -ErrorVariable problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidReportRow,AvatarTools.Commands.ExportAvatarReportCommand'
        "$($problems[0])" | Should -Match "frames field 'many'"
        @(Import-Csv (Join-Path $folder 'scores.csv')).Count | Should -Be ($rows.Count - 1)
    }
}

Describe 'ConvertTo-Json -EnumsAsStrings' {
    It 'writes <_> with names and values, no type names' -ForEach @('AvatarFrame', 'FrameScore', 'AvatarScore', 'AvatarCalibration') {
        $json = $script:objects[$_][0] | ConvertTo-Json -EnumsAsStrings -Depth 5
        $json | Should -Not -Match $script:typeName
        $back = $json | ConvertFrom-Json
        switch ($_) {
            'AvatarFrame' {
                @($back.Scenarios) | Should -Be @($script:frames[0].Scenarios | ForEach-Object ToString)
                $back.Instances[0].Category | Should -Be $script:frames[0].Instances[0].Category
                $back.Instances[0].Scenario | Should -Be "$($script:frames[0].Instances[0].Scenario)"
            }
            'AvatarScore' { $back.ThresholdSource | Should -Be 'Calibrated'; $back.Interpolation | Should -Be 'Bilinear'; $back.Group | Should -Be 'Total' }
            default { $back.TieRule | Should -Be 'AtLeast' }
        }
    }
}
