# Under -Verbose every cmdlet says what it decided (captured with 4>&1).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'synthetic'
    New-AvatarSyntheticSet -Path $script:root -ClipCount 2 | Out-Null
    $script:frames = @(Get-AvatarFrame $script:root)
    $script:maps = @(foreach ($frame in $script:frames) {
            [AvatarTools.Core.Heatmaps.Localization]::new($frame, 'Uniform', [AvatarTools.Core.Heatmaps.Heatmap]::new(2, 2, [float[]](0, 1, 2, 3)))
        })

    function Get-VerboseText([scriptblock] $Pipeline) {
        $lines = @(& $Pipeline 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $lines -join "`n"
    }
}

Describe 'Verbose output' {
    It 'Get-AvatarFrame: the layout found, where frame rates come from, the clips selected and the frames left out' {
        $text = Get-VerboseText { Get-AvatarFrame $script:root -Scenario MultiEntity -Verbose }
        $text | Should -Match ([regex]::Escape("Dataset $script:root`: 2 clips;"))
        $text | Should -Match 'extracted frames in frames/'
        $text | Should -Match 'frame rates from (frame_rates\.csv|each mp4''s header)'
        $text | Should -Match '2 of 2 clips selected'
        $kept = @($script:frames | Where-Object Scenarios -Contains 'MultiEntity').Count
        $text | Should -Match ('{0} frame files read .*: {1} frames returned, {2} left out by the filters, 0 not read' -f $script:frames.Count, $kept, ($script:frames.Count - $kept))
    }

    It 'Select-CrossEvent: how many clips are cross-event, and which' {
        $text = Get-VerboseText { $script:frames | Select-CrossEvent -Verbose }
        $cross = @($script:frames | Select-CrossEvent | ForEach-Object VideoId | Sort-Object -Unique)
        $text | Should -Match ('{0} of 2 clips are cross-event' -f $cross.Count)
        foreach ($clip in $cross) { $text | Should -Match ([regex]::Escape($clip)) }
    }

    It 'Invoke-AvatarLocalization: the model found and how it runs' {
        $text = Get-VerboseText { $script:frames | Select-Object -First 2 | Invoke-AvatarLocalization Center -Verbose }
        $text | Should -Match 'Model: the built-in model Center'
        $text | Should -Match 'on CPU; batches of 4'
        $text | Should -Match '2 frames; [\d.]+ s in ONNX Runtime'
    }

    It 'Export-AvatarHeatmap and Import-AvatarHeatmap: the folder, the layout and the counts' {
        $folder = Join-Path $TestDrive 'maps'
        $text = Get-VerboseText { $script:maps | Export-AvatarHeatmap $folder -Verbose }
        $text | Should -Match ([regex]::Escape("Writing heatmaps to $folder (<clip_id>/<frame>.npy, replacing files that exist)"))
        $text | Should -Match ('{0} heatmaps written' -f $script:maps.Count)
        $text = Get-VerboseText { $script:frames | Import-AvatarHeatmap $folder -Model Saved -Verbose }
        $text | Should -Match "Reading the heatmaps of model 'Saved' from"
        $text | Should -Match ('{0} heatmaps read for model ''Saved''; 0 frames got none' -f $script:frames.Count)
    }

    It 'Measure-AvatarScore: the tau chosen and the frames of the dataset it did not see' {
        $text = Get-VerboseText { $script:maps | Select-Object -First 3 | Measure-AvatarScore -Verbose -WarningAction SilentlyContinue }
        $text | Should -Match 'Uniform: tau = [\d.E-]+ at top fraction 0\.1 \(calibrated on this input, 3 frames'
        $text | Should -Match ('Uniform: scored on 3 frames; {0} labelled frames of its dataset\(s\) were not in the input' -f ($script:frames.Count - 3))
    }

    It 'Export-AvatarOverlay and Export-AvatarReport: the thresholds and the output folder' {
        $text = Get-VerboseText { $script:maps | Export-AvatarOverlay (Join-Path $TestDrive 'pictures') -Verbose }
        $text | Should -Match 'Uniform: predicted region at tau = [\d.E-]+ \(top fraction 0\.1 over its \d+ heatmaps here\)'
        $report = Join-Path $TestDrive 'report'
        $text = Get-VerboseText { $script:maps | Export-AvatarReport $report -StripCount 0 -Verbose }
        $text | Should -Match ([regex]::Escape("Writing the report to $report from $($script:maps.Count) localizations, 0 score rows and 0 frame scores (the localizations are scored here at top fraction 0.1)"))
        $text | Should -Match 'Wrote .*index\.html, scores\.csv and frames\.csv'
    }

    It 'New-AvatarSyntheticSet: what it wrote and in which layout' {
        $text = Get-VerboseText { New-AvatarSyntheticSet (Join-Path $TestDrive 'tiny') -ClipCount 1 -MetadataOnly -Verbose }
        $text | Should -Match 'Wrote 1 clips \(\d+ labelled frames\) to .*tiny in the Extracted layout, metadata only'
    }
}
