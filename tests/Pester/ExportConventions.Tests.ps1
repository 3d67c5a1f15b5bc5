# The Export-* cmdlets behave as PowerShell's own: overwrite, -NoClobber, -PassThru, one -WhatIf line per folder.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'synthetic'
    New-AvatarSyntheticSet -Path $script:root -ClipCount 3 | Out-Null
    $script:frames = @(Get-AvatarFrame $script:root)
    $script:localizations = @($script:frames | Invoke-AvatarLocalization -Model Center)

    # The lines a pipeline prints to the host (where -WhatIf writes), through a transcript.
    function Get-HostLines([scriptblock] $Pipeline) {
        $transcript = Join-Path $TestDrive ('transcript-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
        try { & $Pipeline | Out-Null } finally { Stop-Transcript | Out-Null }
        @(Get-Content -LiteralPath $transcript)
    }

    function Invoke-Collecting([scriptblock] $Pipeline) {
        $ErrorActionPreference = 'Continue'
        $all = @(& $Pipeline 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

Describe '<Name>' -ForEach @(
    @{ Name = 'Export-AvatarHeatmap'; Write = { param($l, $p) $l | Export-AvatarHeatmap $p @args }; First = { param($p, $l) Join-Path $p ('{0}/{1:D5}.npy' -f $l.VideoId, $l.FrameIndex) } }
    @{ Name = 'Export-AvatarOverlay'; Write = { param($l, $p) $l | Export-AvatarOverlay $p -Threshold 0.5 @args }; First = { param($p, $l) Join-Path $p ('Center/{0}/{1:D5}.png' -f $l.VideoId, $l.FrameIndex) } }
) {
    It 'writes nothing to the pipeline by default' {
        $out = Join-Path $TestDrive "$Name-quiet"
        @(& $Write $script:localizations $out).Count | Should -Be 0
        Test-Path (& $First $out $script:localizations[0]) | Should -BeTrue
    }

    It 'passes the input localizations on with -PassThru' {
        $out = Join-Path $TestDrive "$Name-passthru"
        $passed = @(& $Write $script:localizations $out -PassThru)
        $passed.Count | Should -Be $script:localizations.Count
        [object]::ReferenceEquals($passed[0], $script:localizations[0]) | Should -BeTrue
    }

    It 'overwrites an existing file by default' {
        $out = Join-Path $TestDrive "$Name-overwrite"
        $file = & $First $out $script:localizations[0]
        New-Item -ItemType Directory -Force (Split-Path $file) | Out-Null
        Set-Content -LiteralPath $file 'old'
        $result = Invoke-Collecting { & $Write $script:localizations $out }
        $result.Errors.Count | Should -Be 0
        (Get-Content -LiteralPath $file -Raw) | Should -Not -Match '^old'
    }

    It 'refuses an existing file with -NoClobber (OutputExists, ResourceExists) and writes the others' {
        $out = Join-Path $TestDrive "$Name-noclobber"
        $file = & $First $out $script:localizations[0]
        New-Item -ItemType Directory -Force (Split-Path $file) | Out-Null
        Set-Content -LiteralPath $file 'old'
        $result = Invoke-Collecting { & $Write $script:localizations $out -NoClobber }
        $result.Errors.Count | Should -Be 1
        ($result.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'OutputExists'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $result.Errors[0].Exception.Message | Should -BeLike "*$([System.IO.Path]::GetFileName($file))*-NoClobber*"
        (Get-Content -LiteralPath $file -Raw).Trim() | Should -Be 'old'
        @(Get-ChildItem $out -Recurse -File).Count | Should -Be $script:localizations.Count
    }

    It 'prints one -WhatIf line for the folder, not one per file, and writes nothing' {
        $out = Join-Path $TestDrive "$Name-whatif"
        $lines = Get-HostLines { & $Write $script:localizations $out -WhatIf }
        $whatIf = @($lines | Where-Object { $_ -like 'What if:*' })
        $script:localizations.Count | Should -BeGreaterThan 1
        $whatIf.Count | Should -Be 1
        $whatIf[0] | Should -BeLike "*$out*"
        Test-Path (& $First $out $script:localizations[0]) | Should -BeFalse
    }
}

Describe 'Export-AvatarReport over an earlier report' {
    It 'leaves exactly the new report''s files and keeps the user''s' {
        $out = Join-Path $TestDrive 'report-rerun'
        $script:localizations | Export-AvatarReport $out -StripCount 3 | Out-Null
        @(Get-ChildItem (Join-Path $out 'images') -Filter *.png).Count | Should -Be 3
        Set-Content (Join-Path $out 'notes.txt') 'mine'
        $script:localizations | Export-AvatarReport $out -StripCount 1 | Out-Null
        @(Get-ChildItem (Join-Path $out 'images')).Name | Should -BeLike 'strip-1-*.png'
        $script:localizations | Export-AvatarReport $out -EmbedImages | Out-Null
        @(Get-ChildItem $out).Name | Sort-Object | Should -Be @('frames.csv', 'index.html', 'notes.txt', 'scores.csv')
    }

    It 'refuses a folder that holds a report with -NoClobber and leaves it as it was' {
        $out = Join-Path $TestDrive 'report-noclobber'
        $script:localizations | Export-AvatarReport $out -Title 'first' | Out-Null
        $caught = $null
        try { $script:localizations | Export-AvatarReport $out -Title 'second' -NoClobber -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        ($caught.FullyQualifiedErrorId -split ',')[0] | Should -Be 'OutputExists'
        $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Content (Join-Path $out 'index.html') -Raw) | Should -Match '<title>first</title>'
    }

    It 'prints one -WhatIf line and writes nothing' {
        $out = Join-Path $TestDrive 'report-whatif'
        $lines = Get-HostLines { $script:localizations | Export-AvatarReport $out -WhatIf }
        @($lines | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 1
        Test-Path $out | Should -BeFalse
    }
}
