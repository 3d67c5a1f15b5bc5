# Every example of the help either runs on data the module makes itself (New-AvatarSyntheticSet, the built-in
# models) or says in its help source (UserFiles) which of the user's own files it needs. Each runnable example
# runs alone in a fresh folder, as a reader trying it would: the first one that reads ./synthetic in an empty
# folder, where its first line writes the set; the later ones beside a link to that set, as in a folder where an
# earlier example has written it already (the set is deterministic: the same seed writes the same bytes).
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/AvatarTools.psd1')
    $script:examples = foreach ($cmdlet in $manifest.CmdletsToExport) {
        $source = Import-PowerShellDataFile (Join-Path $PSScriptRoot "../../src/AvatarTools/Help/$cmdlet.psd1")
        $number = 0
        foreach ($example in $source.Examples) {
            $number++
            @{ Cmdlet = $cmdlet; Number = $number; Title = $example.Title; Code = $example.Code; UserFiles = $example['UserFiles'] }
        }
    }
    $script:runnable = @($script:examples | Where-Object { -not $_.UserFiles })
    $script:counts = foreach ($cmdlet in $manifest.CmdletsToExport) {
        @{ Cmdlet = $cmdlet; Runnable = @($script:runnable | Where-Object { $_.Cmdlet -eq $cmdlet }).Count }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    # The line every example that reads the synthetic benchmark starts with.
    $script:makeSynthetic = 'if (-not (Test-Path ./synthetic)) { New-AvatarSyntheticSet ./synthetic | Out-Null }'

    function Invoke-Example {
        param([string] $Code, [string] $Folder)
        Push-Location $Folder
        try {
            $ErrorActionPreference = 'Stop'
            $output = & ([scriptblock]::Create($Code)) 6>$null
            # Formatting is part of running an example at the prompt.
            $null = $output | Out-String
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'Help examples' {
    It '<Cmdlet> has at least two examples that run on data the module makes' -ForEach $script:counts {
        $Runnable | Should -BeGreaterOrEqual 2
    }

    It '<Cmdlet> example <Number> names the user''s files it needs, or needs none: <Title>' -ForEach $script:examples {
        if ($UserFiles) {
            $Code | Should -Match '\./AVATAR\b|\.onnx\b|\./heatmaps/' -Because 'an example marked as needing the user''s files uses some'
        }
        else {
            $Code | Should -Not -MatchExactly '\./AVATAR\b|\.onnx\b' -Because 'an example on the user''s own data says so in UserFiles'
            if ($Code -match '\./synthetic\b') {
                $Code.Trim() | Should -BeLike "$script:makeSynthetic*" -Because 'an example that reads ./synthetic writes it first when it is missing'
            }
        }
    }
}

Describe 'Help examples, each alone in a fresh folder' {
    BeforeAll {
        $script:synthetic = $null
    }

    It '<Cmdlet> example <Number> runs: <Title>' -ForEach $script:runnable {
        if ($Code -match '-Layout Release' -and -not (Get-Command ffmpeg -CommandType Application -ErrorAction SilentlyContinue) -and $env:CI -ne 'true') {
            Set-ItResult -Skipped -Because 'the release layout needs ffmpeg (apt-get install ffmpeg)'
            return
        }
        $folder = Join-Path $TestDrive "$Cmdlet-$Number"
        New-Item -ItemType Directory $folder | Out-Null
        $readsSynthetic = $Code.Trim().StartsWith($script:makeSynthetic)
        if ($readsSynthetic -and $script:synthetic) {
            New-Item -ItemType ($IsWindows ? 'Junction' : 'SymbolicLink') -Path (Join-Path $folder 'synthetic') -Target $script:synthetic | Out-Null
        }
        Invoke-Example $Code $folder
        if ($readsSynthetic -and -not $script:synthetic) {
            $script:synthetic = Join-Path $folder 'synthetic'
        }
    }
}
