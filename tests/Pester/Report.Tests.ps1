# Pictures and the HTML report, as a user makes and opens them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    Import-TestLibrary SixLabors.ImageSharp
    $script:root = Join-Path $TestDrive 'synthetic'
    New-AvatarSyntheticSet -Path $script:root -ClipCount 8 | Out-Null
    $script:frames = @(Get-AvatarFrame $script:root)
    $script:localizations = @($script:frames | Invoke-AvatarLocalization -Model Center) + @($script:frames | Invoke-AvatarLocalization -Model AVSync)
    $script:scores = @($script:localizations | Measure-AvatarScore -CrossEvent)
    $script:reportFolder = Join-Path $TestDrive 'report'
    $script:index = $script:localizations | Export-AvatarReport $script:reportFolder -Title 'Pester report'

    function Get-PngSize([string] $Path) {
        $info = [SixLabors.ImageSharp.Image]::Identify($Path)
        '{0}x{1}' -f $info.Width, $info.Height
    }

    function Get-Chromium {
        foreach ($name in 'chromium', 'chromium-browser', 'google-chrome') {
            $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            if ($command) { return $command.Source }
        }
    }

    function Invoke-Chromium([string[]] $Arguments) {
        $profile = Join-Path $TestDrive ('chromium-' + [guid]::NewGuid().ToString('N'))
        $common = '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$profile"
        & $script:chromium @common @Arguments 2>&1 | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }
    }
    $script:chromium = Get-Chromium
    $script:pageUri = [System.Uri]::new($script:index.FullName).AbsoluteUri
}

Describe 'Export-AvatarReport' {
    It 'writes index.html, scores.csv and frames.csv and returns the page' {
        $script:index | Should -BeOfType [System.IO.FileInfo]
        $script:index.FullName | Should -Be (Join-Path $script:reportFolder 'index.html')
        Join-Path $script:reportFolder 'scores.csv' | Should -Exist
        Join-Path $script:reportFolder 'frames.csv' | Should -Exist
    }

    It 'writes scores.csv with the numbers Measure-AvatarScore gives' {
        $rows = Import-Csv (Join-Path $script:reportFolder 'scores.csv')
        foreach ($score in $script:scores | Where-Object Group -ne 'Off-Screen') {
            $row = $rows | Where-Object { $_.model -eq $score.Model -and $_.group -eq $score.Group }
            [double]$row.ciou | Should -BeExactly $score.CIoU
            [double]$row.auc | Should -BeExactly $score.AUC
        }
        $off = $rows | Where-Object { $_.model -eq 'AVSync' -and $_.group -eq 'Off-Screen' }
        [double]$off.tn_rate | Should -BeExactly ($script:scores | Where-Object { $_.Model -eq 'AVSync' -and $_.Group -eq 'Off-Screen' }).TNRate
    }

    It 'writes one frames.csv row per frame and model' {
        @(Import-Csv (Join-Path $script:reportFolder 'frames.csv')).Count | Should -Be (2 * $script:frames.Count)
    }

    It 'puts the scores in the page''s table, two decimals as printed' {
        $html = Get-Content $script:index.FullName -Raw
        $xml = [xml]($html -replace '^<!DOCTYPE html>\s*', '')
        $table = $xml.SelectSingleNode("//*[local-name()='table' and @id='scores']")
        $table | Should -Not -BeNullOrEmpty
        $text = $table.InnerText
        foreach ($score in $script:scores | Where-Object { $_.Group -in 'Total', 'Single-Sound', 'Multi-Entity' }) {
            $text | Should -Match ([regex]::Escape($score.CIoU.ToString('F2', [cultureinfo]::InvariantCulture)))
        }
    }

    It 'draws the success curves as inline SVG' {
        (Get-Content $script:index.FullName -Raw) | Should -Match '<svg'
    }
}

Describe 'Export-AvatarOverlay' {
    It 'writes one picture per frame at the frame''s size and passes the localizations on with -PassThru' {
        $out = Join-Path $TestDrive 'overlays'
        $passed = @($script:localizations | Where-Object Model -eq 'AVSync' | Export-AvatarOverlay $out -PassThru)
        $passed.Count | Should -Be $script:frames.Count
        foreach ($frame in $script:frames | Select-Object -First 3) {
            $png = Join-Path $out ('AVSync/{0}/{1:D5}.png' -f $frame.VideoId, $frame.FrameIndex)
            $png | Should -Exist
            Get-PngSize $png | Should -Be ('{0}x{1}' -f $frame.Width, $frame.Height)
        }
    }

    It 'writes one strip per clip with -Strip, the same bytes every time' {
        $first = Join-Path $TestDrive 'strips1'
        $second = Join-Path $TestDrive 'strips2'
        $script:localizations | Export-AvatarOverlay $first -Strip | Out-Null
        $script:localizations | Export-AvatarOverlay $second -Strip | Out-Null
        $strips = @(Get-ChildItem (Join-Path $first 'strips') -Filter *.png)
        $strips.Count | Should -Be @($script:frames.VideoId | Select-Object -Unique).Count
        foreach ($strip in $strips) {
            (Get-FileHash $strip.FullName).Hash | Should -Be (Get-FileHash (Join-Path $second "strips/$($strip.Name)")).Hash
        }
    }

    It 'uses an absolute threshold with -Threshold and streams' {
        $out = Join-Path $TestDrive 'fixed'
        $first = $script:localizations | Export-AvatarOverlay $out -Threshold 0.5 -PassThru | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
        @(Get-ChildItem $out -Recurse -Filter *.png).Count | Should -Be 1
    }
}

Describe 'The report in a browser' -Tag 'Browser' {
    BeforeEach {
        if (-not $script:chromium) {
            if ($env:CI -eq 'true') { throw 'Chromium is required on CI (apt-get install chromium); .ci/run installs it.' }
            Set-ItResult -Skipped -Because 'Chromium is not installed (apt-get install chromium)'
        }
    }

    It 'renders a page that is not blank' {
        $shot = Join-Path $TestDrive 'report.png'
        Invoke-Chromium @('--window-size=1280,1600', "--screenshot=$shot", $script:pageUri) | Out-Null
        $shot | Should -Exist
        $image = [SixLabors.ImageSharp.Image]::Load[SixLabors.ImageSharp.PixelFormats.Rgb24]($shot)
        try {
            $colours = [System.Collections.Generic.HashSet[int]]::new()
            for ($y = 0; $y -lt $image.Height; $y += 7) {
                for ($x = 0; $x -lt $image.Width; $x += 7) {
                    $p = $image[$x, $y]
                    $null = $colours.Add(($p.R -shl 16) -bor ($p.G -shl 8) -bor $p.B)
                }
            }
            $colours.Count | Should -BeGreaterThan 20 -Because 'a rendered table, curves and strips have many colours'
        }
        finally {
            $image.Dispose()
        }
    }

    It 'shows the numbers Measure-AvatarScore produced in the rendered table' {
        $dom = (Invoke-Chromium @('--dump-dom', $script:pageUri)) -join "`n"
        $dom | Should -Match 'id="scores"'
        foreach ($score in $script:scores | Where-Object Group -eq 'Total') {
            $dom | Should -Match ([regex]::Escape($score.CIoU.ToString('F2', [cultureinfo]::InvariantCulture)))
        }
        $tn = ($script:scores | Where-Object { $_.Model -eq 'AVSync' -and $_.Group -eq 'Off-Screen' }).TNRate
        $dom | Should -Match ([regex]::Escape($tn.ToString('F2', [cultureinfo]::InvariantCulture)))
    }
}
