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
    It 'has the three pipelines' {
        @($script:blocks.Keys | Sort-Object) | Should -Be @('Comparison: is the difference real?', 'Intervals: how precise is a score?', 'Negatives: does the model stay quiet?')
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
