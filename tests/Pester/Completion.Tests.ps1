# Tab completion as a user gets it: TabExpansion2 on a command line with the cursor at its end.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    $script:root = Join-Path $TestDrive 'avatar'
    New-TestDataset -Root $script:root
}

Describe 'Completion of enum and set parameters' {
    It 'completes -Scenario of Get-AvatarFrame with the scenario names' {
        $offered = Get-Completion 'Get-AvatarFrame -Scenario '
        foreach ($name in 'SingleSound', 'MixedSound', 'MultiEntity', 'OffScreen') {
            $offered | Should -Contain $name
        }
        Get-Completion 'Get-AvatarFrame -Scenario Mu' | Should -Be @('MultiEntity')
        Get-Completion 'Get-AvatarFrame -Scenario MixedSound, O' | Should -Be @('OffScreen')
    }

    It 'completes -Preset of Invoke-AvatarLocalization with the presets' {
        $offered = Get-Completion 'Invoke-AvatarLocalization -Model Center -Preset '
        foreach ($name in 'EzVsl', 'Slavc', 'SslTie', 'Lvs') {
            $offered | Should -Contain $name
        }
        Get-Completion 'Invoke-AvatarLocalization -Preset Ss' | Should -Be @('SslTie')
    }

    It 'completes -Threshold, -Interpolation, -Protocol and -GroupBy of Measure-AvatarScore' {
        Get-Completion 'Measure-AvatarScore -Threshold ' | Sort-Object | Should -Be @('Fixed', 'Global', 'PerFrame')
        Get-Completion 'Measure-AvatarScore -Threshold F' | Should -Be @('Fixed')
        Get-Completion 'Measure-AvatarScore -Interpolation ' | Sort-Object | Should -Be @('Bicubic', 'BicubicAlignCorners', 'Bilinear', 'BilinearAlignCorners')
        Get-Completion 'Measure-AvatarScore -Interpolation Bic' | Sort-Object | Should -Be @('Bicubic', 'BicubicAlignCorners')
        Get-Completion 'Measure-AvatarScore -Protocol ' | Sort-Object | Should -Be @('Avatar', 'EzVsl', 'Lvs', 'SlavcAbsolute', 'SlavcRelative')
        Get-Completion 'Measure-AvatarScore -Protocol Sl' | Sort-Object | Should -Be @('SlavcAbsolute', 'SlavcRelative')
        Get-Completion 'Measure-AvatarScore -GroupBy ' | Should -Be @('Category', 'Video')
        Get-Completion 'Compare-AvatarScore -GroupBy ' | Should -Be @('Category', 'Video')
    }
}

Describe 'Completion of -Model and -ExecutionProvider' {
    BeforeAll {
        $script:models = New-Item -ItemType Directory (Join-Path $TestDrive 'models')
        Set-Content (Join-Path $script:models 'x.onnx') 'not read by completion'
        Set-Content (Join-Path $script:models 'notes.txt') 'not a model'
    }

    BeforeEach {
        Push-Location $script:models
    }

    AfterEach {
        Pop-Location
    }

    It 'offers the built-in models and the .onnx files of the current folder' {
        $offered = Get-Completion 'Invoke-AvatarLocalization -Model '
        $offered | Should -Contain 'Center'
        $offered | Should -Contain 'AVSync'
        $offered | Should -Contain './x.onnx'
        $offered | Should -Not -Contain './notes.txt'
    }

    It 'filters by what was typed' {
        Get-Completion 'Invoke-AvatarLocalization -Model Ce' | Should -Be @('Center')
        Get-Completion 'Invoke-AvatarLocalization -Model av' | Should -Be @('AVSync')
        Get-Completion 'Invoke-AvatarLocalization -Model x' | Should -Be @('./x.onnx')
        Get-Completion 'Get-AvatarFrame . | Invoke-AvatarLocalization C' | Should -Contain 'Center'
    }

    It 'offers the execution providers, CPU among them' {
        Get-Completion 'Invoke-AvatarLocalization -Model Center -ExecutionProvider ' | Should -Contain 'CPU'
        Get-Completion 'Invoke-AvatarLocalization -Model Center -ExecutionProvider cp' | Should -Be @('CPU')
    }
}

Describe 'Completion of -VideoId and -Category from the dataset on the command line' {
    It 'completes -VideoId from the clips of -Path' {
        Get-Completion "Get-AvatarFrame -Path $script:root -VideoId a_" | Should -Be @('a_cross-1_00000')
        Get-Completion "Get-AvatarFrame -Path $script:root -VideoId " | Should -Be @('a_cross-1_00000', 'b-clip_x_00010', 'c_offfirst_00020')
    }

    It 'reads the dataset from a positional path and from -LiteralPath too' {
        Get-Completion "Get-AvatarFrame $script:root -VideoId c" | Should -Be @('c_offfirst_00020')
        Get-Completion "Get-AvatarFrame -LiteralPath $script:root -VideoId b" | Should -Be @('b-clip_x_00010')
    }

    It 'completes -Category with quotes around names with spaces' {
        Get-Completion "Get-AvatarFrame -Path $script:root -Category playing" | Should -Be @("'playing piano'", "'playing violin'")
        Get-Completion "Get-AvatarFrame -Path $script:root -Category 'dog" | Should -Be @("'dog barking'")
        $all = Get-Completion "Get-AvatarFrame -Path $script:root -Category "
        $all | Should -Be @("'car engine'", "'dog barking'", "'male speech'", "'playing piano'", "'playing violin'")
    }

    It 'escapes wildcard characters in what it offers for a pattern parameter, and not for -LiteralVideoId' {
        $root = Join-Path $TestDrive 'brackets'
        $square = [double[]](10, 10, 50, 10, 50, 50, 10, 50)
        Write-TestFrame $root 'k[1]_00000' 3 @(New-TestAnnotation 'bell [church]' 'Single-Sound' @(, $square)) | Out-Null
        Set-Content (Join-Path $root 'frame_rates.csv') "clip_id,fps`nk[1]_00000,25`n"
        $offered = Get-Completion "Get-AvatarFrame -Path $root -VideoId k"
        $offered | Should -Be @("'k``[1``]_00000'")
        Get-Completion "Get-AvatarFrame -Path $root -LiteralVideoId k[" | Should -Be @('k[1]_00000')
        $category = Get-Completion "Get-AvatarFrame -Path $root -Category bell"
        $category | Should -Be @("'bell ``[church``]'")
        # What is offered selects the clip and the category when run.
        $frames = @(Invoke-Expression "Get-AvatarFrame -Path '$root' -VideoId $offered -Category $category")
        $frames.Count | Should -Be 1
        $frames[0].VideoId | Should -Be 'k[1]_00000'
    }

    It 'offers nothing when no dataset is named' {
        Get-Completion 'Get-AvatarFrame -VideoId a_' | Should -BeNullOrEmpty
    }
}
