# The README's "Beyond the paper's table" pipelines (negatives, intervals, comparison), each block run as written there,
# on the synthetic set; and the negatives' parameters and errors.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:work = Join-Path $TestDrive 'beyond'
    New-Item -ItemType Directory $script:work | Out-Null
    New-AvatarSyntheticSet -Path (Join-Path $script:work 'synthetic') | Out-Null

    # The PowerShell blocks under each "###" heading of the README's "## Beyond the paper's table".
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = ($readme -split '(?m)^## Beyond the paper''s table\s*$', 2)[1]
    $section = ($section -split '(?m)^## ', 2)[0]
    $script:blocks = @{}
    foreach ($part in ($section -split '(?m)^### ') | Select-Object -Skip 1) {
        $title = ($part -split "`n", 2)[0].Trim()
        $script:blocks[$title] = [regex]::Match($part, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
    }

    # SLAVC's detection metrics as BENCHMARKS.md states them, written out here from the statement.
    function Get-SlavcPR($Samples, [double] $Theta, [double] $IoU) {
        $tp = 0; $fp = 0; $fn = 0
        foreach ($s in $Samples) {
            $detected = $s.C -ge $Theta
            if (-not $s.Positive) { if ($detected) { $fp++ } }
            elseif (-not $detected) { $fn++ }
            elseif ($s.CIoU -ge $IoU) { $tp++ }
            else { $fp++ }
        }
        $p = if ($tp + $fp -eq 0) { 1.0 } else { $tp / ($tp + $fp) }
        $r = if ($tp + $fn -eq 0) { 1.0 } else { $tp / ($tp + $fn) }
        , @($p, $r)
    }

    function Get-SlavcAp($Samples, [double] $IoU) {
        # Sort ascending, drop the largest, reverse, every s-th (s = max(1, floor(K/200))); P-hat_j = max over m >= j of P_m.
        $sorted = @($Samples.C | Sort-Object)
        $step = [math]::Max(1, [math]::Floor($sorted.Count / 200))
        $thetas = for ($i = $sorted.Count - 2; $i -ge 0; $i -= $step) { $sorted[$i] }
        $pr = @($thetas | ForEach-Object { , (Get-SlavcPR $Samples $_ $IoU) })
        $ap = 0.0
        for ($j = 0; $j + 1 -lt $pr.Count; $j++) {
            $best = ($pr[$j..($pr.Count - 1)] | ForEach-Object { $_[0] } | Measure-Object -Maximum).Maximum
            $ap += $best * ($pr[$j + 1][1] - $pr[$j][1])
        }
        $ap
    }

    function Get-SlavcMaxF1($Samples, [double] $IoU) {
        $sorted = @($Samples.C | Sort-Object)
        $step = [math]::Max(1, [math]::Floor($sorted.Count / 10))
        $best = 0.0
        for ($i = 0; $i -lt $sorted.Count; $i += $step) {
            $pr = Get-SlavcPR $Samples $sorted[$i] $IoU
            $p = $pr[0]; $r = $pr[1]
            $f1 = if ($p + $r -gt 0) { 2 * $p * $r / ($p + $r) } else { 0.0 }
            $best = [math]::Max($best, $f1)
        }
        $best
    }

    # Runs a README block in the work folder and returns its variables.
    function Invoke-ReadmeBlock([string] $Title) {
        $code = $script:blocks[$Title]
        $code | Should -Not -BeNullOrEmpty -Because "the README has a block under '### $Title'"
        Push-Location $script:work
        try {
            $state = & ([scriptblock]::Create($code + "`nGet-Variable -Scope 0 | ForEach-Object -Begin { `$h = @{} } -Process { `$h[`$_.Name] = `$_.Value } -End { `$h }"))
            $state | Where-Object { $_ -is [hashtable] } | Select-Object -Last 1
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'Beyond the paper''s table, as the README runs it' {
    It 'has the four pipelines' {
        @($script:blocks.Keys | Sort-Object) | Should -Be @('Comparison: is the difference real?', 'Detection: SLAVC''s non-sounding pairs', 'Intervals: how precise is a score?', 'Negatives: does the model stay quiet?')
    }

    It 'scores the negatives at the positives'' tau, AVSync quiet on silence, and keeps the condition through export and import' {
        $state = Invoke-ReadmeBlock 'Negatives: does the model stay quiet?'
        $quiet = @($state.quiet)
        @($quiet.Condition | ForEach-Object { "$_" }) | Should -Be @('Silence', 'Noise', 'OffScreen')
        $positive = $state.rows | Where-Object { $_ -is [AvatarTools.Core.Scoring.AvatarScore] } | Select-Object -First 1
        foreach ($row in $quiet) {
            $row.Threshold | Should -Be $positive.Threshold -Because 'negatives are thresholded at the positives'' tau'
            $row.Repeats | Should -Be 2
            $row.Maps | Should -Be (2 * $positive.Frames)
            $row.ThresholdSource | Should -Be 'Calibrated'
        }
        $silence = $quiet | Where-Object Condition -EQ 'Silence'
        $silence.PIA | Should -Be 0
        $silence.AUCN | Should -Be 100
        $silence.IoU | Should -Be 0 -Because 'the positive maps predict something, the silent ones nothing'
        @($state.rows | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] -and $_.Group -eq 'Off-Screen' }).Count | Should -Be 3
        $noise = $state.negatives | Where-Object Condition -EQ 'Noise'
        @($noise.Seed | Sort-Object -Unique) | Should -Be @(1, 2)

        Test-Path (Join-Path $script:work 'negatives/Silence/audio-condition.json') | Should -BeTrue
        Test-Path (Join-Path $script:work 'negatives/OffScreen-1/audio-condition.json') | Should -BeTrue
        $back = @($state.back)
        $sent = @($state.negatives | Where-Object { $_.Condition -eq 'OffScreen' -and $_.Repeat -eq 0 })
        $back.Count | Should -Be $sent.Count
        for ($i = 0; $i -lt $back.Count; $i++) {
            "$($back[$i].Condition)" | Should -Be 'OffScreen'
            $back[$i].DonorClip | Should -Be $sent[$i].DonorClip
            $back[$i].Model | Should -Be 'AVSync'
            $back[$i].Seed | Should -Be 1
        }
    }

    It 'ranks the positives with the non-sounding pairs and with each negative condition, as BENCHMARKS.md states it' {
        $state = Invoke-ReadmeBlock 'Detection: SLAVC''s non-sounding pairs'
        $pairs = @($state.pairs)
        $pairs.Count | Should -Be 24
        @($pairs | Select-Object -First 12 | Where-Object { $null -ne $_.AudioId }).Count | Should -Be 0
        $negatives = @($state.maps | Where-Object { "$($_.Condition)" -eq 'NonSounding' })
        $negatives.Count | Should -Be 12
        $negatives | ForEach-Object { $_.DonorClip | Should -Not -BeNullOrEmpty; $_.DonorClip | Should -Not -Be $_.VideoId }
        @($negatives.DonorClip) | Should -Be @($pairs | Select-Object -Skip 12 | ForEach-Object AudioId)
        $rows = @($state.detection)
        @($rows | ForEach-Object { "$($_.Condition) $($_.IoUThreshold) $($_.Positives) $($_.Negatives) $($_.Benchmark)" }) |
            Should -Be @('Positive 0.5 12 0 VggSs', 'Positive 0.75 12 0 VggSs', 'NonSounding 0.5 12 12 VggSs', 'NonSounding 0.75 12 12 VggSs')

        # AVATAR, AVSync at the top 5 %: the detection rows against the statement, from the per-frame confidences.
        $perFrame = @($state.avatar | Measure-AvatarScore -Detection -TopFraction 0.05 -PerFrame)
        $positives = @($perFrame | Where-Object { $_ -is [AvatarTools.Core.Scoring.FrameScore] } | ForEach-Object { [pscustomobject]@{ Positive = -not $_.IsOffScreen; CIoU = $_.CIoU; C = $_.Confidence } })
        $silent = @($perFrame | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeFrameScore] } | ForEach-Object { [pscustomobject]@{ Positive = $false; CIoU = 0; C = $_.Confidence } })
        $silent.Count | Should -Be $state.frames.Count
        $quiet = @($state.quiet)
        @($quiet | ForEach-Object { "$($_.Condition)" } | Select-Object -Unique) | Should -Be @('Positive', 'Silence')
        foreach ($iou in 0.5, 0.75) {
            $row = $quiet | Where-Object { "$($_.Condition)" -eq 'Positive' -and $_.IoUThreshold -eq $iou }
            $row.AP | Should -BeGreaterThan 0 -Because 'AVSync finds some sources at IoU 0.5: the check can fail'
            $row.AP | Should -BeLessThan 100
            [math]::Abs($row.AP - (100 * (Get-SlavcAp $positives $iou))) | Should -BeLessThan 1e-9
            [math]::Abs($row.MaxF1 - (100 * (Get-SlavcMaxF1 $positives $iou))) | Should -BeLessThan 1e-9
            $row = $quiet | Where-Object { "$($_.Condition)" -eq 'Silence' -and $_.IoUThreshold -eq $iou }
            $row.Negatives | Should -Be ($silent.Count + @($positives | Where-Object { -not $_.Positive }).Count)
            [math]::Abs($row.AP - (100 * (Get-SlavcAp ($positives + $silent) $iou))) | Should -BeLessThan 1e-9
            [math]::Abs($row.MaxF1 - (100 * (Get-SlavcMaxF1 ($positives + $silent) $iou))) | Should -BeLessThan 1e-9
        }
    }

    It 'gives every row an interval around its estimate' {
        $state = Invoke-ReadmeBlock 'Intervals: how precise is a score?'
        $total = $state.table | Where-Object Group -EQ 'Total'
        $total.CIoULower | Should -BeLessOrEqual $total.CIoU
        $total.CIoUUpper | Should -BeGreaterOrEqual $total.CIoU
        $total.CIoUUpper | Should -BeGreaterThan $total.CIoULower
        $total.BootstrapSeed | Should -Be 1
    }

    It 'compares the models and draws the comparison and the error bars in the report' {
        $state = Invoke-ReadmeBlock 'Comparison: is the difference real?'
        $html = Get-Content (Join-Path $script:work 'report/index.html') -Raw
        $html | Should -Match '<table id="comparison">'
        $html | Should -Match '<tr data-model="AVSync" data-group="Total" data-metric="CIoU">'
        $html | Should -Match 'class="errorbar"'
        $html | Should -Match '95 % clip-bootstrap intervals'
        $html | Should -Match 'data-column="total-ciou">\d+\.\d\d<span class="ci" data-lower="'
        $state.page.Name | Should -Be 'index.html'
    }
}

Describe 'Negative audio parameters' {
    BeforeAll {
        $script:frames = @(Get-AvatarFrame (Join-Path $script:work 'synthetic') | Select-Object -First 6)
    }

    It 'refuses -Seed and -Repeat without a negative condition' {
        { $script:frames | Invoke-AvatarLocalization -Model Center -Seed 3 -ErrorAction Stop } |
            Should -Throw -ErrorId 'RepeatNeedsNegativeAudio*'
    }

    It 'tags each localization with its condition, and reproduces the OffScreen donors from the seed' {
        $a = @($script:frames | Invoke-AvatarLocalization -Model Center -AudioCondition OffScreen -Seed 4)
        $b = @($script:frames | Invoke-AvatarLocalization -Model Center -AudioCondition OffScreen -Seed 4)
        @($a.DonorClip) | Should -Be @($b.DonorClip)
        $a | ForEach-Object { "$($_.Condition)" | Should -Be 'OffScreen'; $_.DonorClip | Should -Not -Be $_.VideoId }
        ($a[0] | Out-String) | Should -Match 'Center \[OffScreen\]'
    }

    It 'scores negatives alone only with the positives'' calibration' {
        $positives = @($script:frames | Invoke-AvatarLocalization -Model Center)
        $silence = @($script:frames | Invoke-AvatarLocalization -Model Center -AudioCondition Silence)
        $none = @($silence | Measure-AvatarScore -ErrorVariable problems -ErrorAction SilentlyContinue)
        $none.Count | Should -Be 0
        "$($problems[0].FullyQualifiedErrorId)" | Should -Match '^NegativesNeedCalibration'
        $calibration = $positives | Measure-AvatarThreshold -WarningAction SilentlyContinue
        $rows = @($silence | Measure-AvatarScore -Calibration $calibration)
        $rows[0] | Should -BeOfType ([AvatarTools.Core.Scoring.NegativeScore])
        $rows[0].ThresholdSource | Should -Be 'Calibration'
        $rows[0].Threshold | Should -Be $calibration.Threshold
        # Center ignores the audio: the silent maps predict exactly the positives' share.
        $perFrame = @($positives + $silence | Measure-AvatarScore -PerFrame)
        $negative = $perFrame | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeFrameScore] }
        $negative | ForEach-Object { $_.IoU | Should -Be 1 }
    }
}

Describe 'Negatives with intervals, in the comparison, and on the image benchmarks' {
    BeforeAll {
        $script:nframes = @(Get-AvatarFrame (Join-Path $script:work 'synthetic'))
        $script:npos = @($script:nframes | Invoke-AvatarLocalization -Model AVSync)
        $script:nneg = @($script:nframes | Invoke-AvatarLocalization -Model AVSync -AudioCondition Noise -Seed 2)
    }

    It 'gives the negatives rows intervals around their estimates from the positive rows'' seed, reproducibly' {
        $rows = @($script:npos + $script:nneg | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 7 -Resamples 500)
        $again = @($script:npos + $script:nneg | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 7 -Resamples 500)
        $negatives = @($rows | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] })
        $total = $negatives | Where-Object Group -EQ 'Total'
        $total.PIALower | Should -BeLessOrEqual $total.PIA
        $total.PIAUpper | Should -BeGreaterOrEqual $total.PIA
        $total.PIAUpper | Should -BeGreaterThan $total.PIALower -Because 'noise makes AVSync predict a share that varies between clips'
        $total.AUCNLower | Should -BeLessOrEqual $total.AUCN
        $total.AUCNUpper | Should -BeGreaterOrEqual $total.AUCN
        $total.IoULower | Should -BeLessOrEqual $total.IoU
        $total.IoUUpper | Should -BeGreaterOrEqual $total.IoU
        $total.BootstrapSeed | Should -Be 7
        $total.ConfidenceLevel | Should -Be 0.9
        ($negatives | Where-Object Group -EQ 'Off-Screen').TNRateLower | Should -Not -BeNullOrEmpty
        $twin = @($again | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] -and $_.Group -eq 'Total' })[0]
        @($twin.PIALower, $twin.PIAUpper, $twin.AUCNLower, $twin.IoUUpper) | Should -Be @($total.PIALower, $total.PIAUpper, $total.AUCNLower, $total.IoUUpper)
        $other = @($script:npos + $script:nneg | Measure-AvatarScore -ConfidenceLevel 0.9 -Seed 8 -Resamples 500 | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeScore] -and $_.Group -eq 'Total' })[0]
        @($other.PIALower, $other.PIAUpper) | Should -Not -Be @($total.PIALower, $total.PIAUpper)
        # Without -Seed, the negatives take the seed drawn for the positive rows.
        $drawn = @($script:npos + $script:nneg | Measure-AvatarScore -ConfidenceLevel 0.9 -Resamples 200)
        @($drawn.BootstrapSeed | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'leaves the negative maps of a -PerFrame run out of Compare-AvatarScore with one warning' {
        $center = @($script:nframes | Invoke-AvatarLocalization -Model Center)
        $scores = @($script:npos + $script:nneg + $center | Measure-AvatarScore -PerFrame)
        @($scores | Where-Object { $_ -is [AvatarTools.Core.Scoring.NegativeFrameScore] }).Count | Should -Be $script:nneg.Count
        $rows = @($scores | Compare-AvatarScore -Reference Center -Seed 1 -Resamples 200 -ErrorVariable problems -WarningVariable warnings -WarningAction SilentlyContinue)
        $problems.Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match "^$($script:nneg.Count) NegativeFrameScore objects \(negative-audio maps\) were left out"
        $clean = @($scores | Where-Object { $_ -is [AvatarTools.Core.Scoring.FrameScore] } | Compare-AvatarScore -Reference Center -Seed 1 -Resamples 200)
        @($rows.Difference) | Should -Be @($clean.Difference)
    }

    It 'gives VGG-SS rows sample-bootstrap intervals, and leaves their pairs out of the table with one warning' {
        $root = Join-Path $script:work 'vggss-intervals'
        $set = New-AvatarSyntheticSet $root -Benchmark VggSs -ClipCount 4
        $maps = @(Get-AvatarFrame $root -TestList $set.PlusSilentList -WarningAction SilentlyContinue | Invoke-AvatarLocalization -Model Center)
        $rows = @($maps | Measure-AvatarScore -ConfidenceLevel 0.95 -WarningVariable warnings -WarningAction SilentlyContinue)
        @($warnings | Where-Object { "$_" -like '-ConfidenceLevel*' }).Count | Should -Be 0
        @($warnings | Where-Object { "$_" -like '4 negative maps of VGG-SS or Flickr-SoundNet samples*' }).Count | Should -Be 1
        $total = $rows | Where-Object Group -EQ 'Total'
        $total.Frames | Should -Be 4
        $total.ConfidenceLevel | Should -Be 0.95
        $total.CIoULower | Should -BeLessOrEqual $total.MeanCIoU
        $total.CIoUUpper | Should -BeGreaterOrEqual $total.MeanCIoU
        $total.Success50Lower | Should -BeLessOrEqual $total.CIoUAt50
        $total.Success50Upper | Should -BeGreaterOrEqual $total.CIoUAt50
    }

    It 'runs a Flickr-SoundNet plus_silent list through the detection view' {
        $root = Join-Path $script:work 'flickr-pairs'
        $set = New-AvatarSyntheticSet $root -Benchmark FlickrSoundNet -ClipCount 4
        $frames = @(Get-AvatarFrame $root -TestList $set.PlusSilentList -WarningAction SilentlyContinue)
        $frames.Count | Should -Be 8
        $rows = @($frames | Invoke-AvatarLocalization -Model Center | Measure-AvatarScore -Detection)
        @($rows | ForEach-Object { "$($_.Condition) $($_.Positives) $($_.Negatives) $($_.Benchmark)" }) |
            Should -Be @('Positive 4 0 FlickrSoundNet', 'Positive 4 0 FlickrSoundNet', 'NonSounding 4 4 FlickrSoundNet', 'NonSounding 4 4 FlickrSoundNet')
    }

    It 'keeps the pairs apart from the positives through Export-AvatarHeatmap and Import-AvatarHeatmap' {
        $root = Join-Path $script:work 'vggss-roundtrip'
        $set = New-AvatarSyntheticSet $root -Benchmark VggSs -ClipCount 3
        $frames = @(Get-AvatarFrame $root -TestList $set.PlusSilentList -WarningAction SilentlyContinue)
        $maps = @($frames | Invoke-AvatarLocalization -Model Center)
        $folder = Join-Path $script:work 'pairs-maps'
        $maps | Export-AvatarHeatmap $folder | Out-Null
        Test-Path (Join-Path $folder 'NonSounding/audio-condition.json') | Should -BeTrue
        $positives = @($frames | Import-AvatarHeatmap $folder)
        $pairs = @($frames | Import-AvatarHeatmap (Join-Path $folder 'NonSounding'))
        @($positives | ForEach-Object { "$($_.Condition)" } | Select-Object -Unique) | Should -Be 'Positive'
        $positives.Count | Should -Be 3
        $pairs.Count | Should -Be 3
        @($pairs.DonorClip) | Should -Be @($frames | Select-Object -Skip 3 | ForEach-Object AudioId)
        @($pairs | ForEach-Object { "$($_.Condition)" } | Select-Object -Unique) | Should -Be 'NonSounding'
    }

    It 'does not offer NonSounding as an -AudioCondition, and leaves the pairs out of another condition with one warning' {
        { $script:nframes | Invoke-AvatarLocalization -Model Center -AudioCondition NonSounding -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        $root = Join-Path $script:work 'vggss-pairs-silence'
        $set = New-AvatarSyntheticSet $root -Benchmark VggSs -ClipCount 3
        $frames = @(Get-AvatarFrame $root -TestList $set.PlusSilentList -WarningAction SilentlyContinue)
        $silent = @($frames | Invoke-AvatarLocalization -Model Center -AudioCondition Silence -WarningVariable warnings -WarningAction SilentlyContinue)
        $silent.Count | Should -Be 3
        @($warnings | Where-Object { "$_" -like '3 frames of non-sounding pairs*' }).Count | Should -Be 1
    }
}

Describe 'Calibration on positives only' {
    It 'leaves negative-audio maps out of Measure-AvatarThreshold' {
        $frames = @(Get-AvatarFrame (Join-Path $script:work 'synthetic') | Select-Object -First 6)
        $positives = @($frames | Invoke-AvatarLocalization -Model Center)
        $loud = @($positives | ForEach-Object { [AvatarTools.Core.Heatmaps.Localization]::new($_.Frame, 'Center', [AvatarTools.Core.Heatmaps.Heatmap]::new(1, 1, [float[]] @(100))).WithCondition('Noise', $null, 0, 0) })
        $alone = $positives | Measure-AvatarThreshold -WarningAction SilentlyContinue
        $mixed = $positives + $loud | Measure-AvatarThreshold -WarningAction SilentlyContinue -Verbose 4>&1
        $calibration = $mixed | Where-Object { $_ -is [AvatarTools.Core.Scoring.AvatarCalibration] }
        $calibration.Threshold | Should -Be $alone.Threshold
        $calibration.Frames | Should -Be $positives.Count
        "$($mixed | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match '6 localizations made with negative audio were left out'
    }
}

Describe 'The comparison and the error bars in a browser' -Tag 'Browser' {
    BeforeAll {
        $script:chromium = foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
            Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
        }
        $script:chromium = @($script:chromium)[0]
    }

    BeforeEach {
        if (-not $script:chromium) {
            if ($env:CI -eq 'true') { throw 'Chromium is required on CI (apt-get install chromium); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium)'
        }
    }

    It 'renders the comparison table and the error bars of a report with intervals' {
        $frames = @(Get-AvatarFrame (Join-Path $script:work 'synthetic') | Select-Object -First 12)
        $scores = @($frames | Invoke-AvatarLocalization -Model Center) + @($frames | Invoke-AvatarLocalization -Model AVSync) | Measure-AvatarScore -PerFrame
        $page = $scores | Export-AvatarReport (Join-Path $TestDrive 'browser-report') -Reference Center -ConfidenceLevel 0.9 -Seed 2 -StripCount 0
        $profile = Join-Path $TestDrive ('chromium-' + [guid]::NewGuid().ToString('N'))
        $arguments = '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$profile", '--dump-dom', ([System.Uri]::new($page.FullName).AbsoluteUri)
        $dom = (& $script:chromium @arguments 2>&1 | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"
        $dom | Should -Match 'id="comparison"'
        $dom | Should -Match 'data-model="AVSync" data-group="Total" data-metric="CIoU"'
        ([regex]::Matches($dom, 'class="errorbar"')).Count | Should -BeGreaterThan 21 -Because 'every success point and table cell has its bar'
        $dom | Should -Match '90 % clip-bootstrap intervals'
    }
}
