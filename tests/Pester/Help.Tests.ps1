# The help as Get-Help renders it: found (the MAML beside the module, not PowerShell's generated stub), clean text,
# readable type names, a default value for every parameter, and the about topics.
BeforeDiscovery {
    $manifest = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/AvatarTools.psd1')
    $script:cmdlets = foreach ($cmdlet in $manifest.CmdletsToExport) { @{ Cmdlet = $cmdlet } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $PSStyle.OutputRendering = 'PlainText'

    function Get-RenderedHelp([string] $Name) {
        Get-Help $Name -Full | Out-String -Width 4000
    }

    function Get-DefaultValue([string] $Cmdlet, [string] $Parameter) {
        [string](Get-Help $Cmdlet -Parameter $Parameter).defaultValue
    }
}

Describe 'Cmdlet help' {
    It '<Cmdlet> has the help written for it' -ForEach $script:cmdlets {
        $source = Import-PowerShellDataFile (Join-Path $PSScriptRoot "../../src/AvatarTools/Help/$Cmdlet.psd1")
        (Get-Help $Cmdlet).Synopsis | Should -Be $source.Synopsis
        @((Get-Help $Cmdlet).examples.example).Count | Should -Be @($source.Examples).Count
    }

    It '<Cmdlet> renders apostrophes once and no generic type arity' -ForEach $script:cmdlets {
        $text = Get-RenderedHelp $Cmdlet
        $text | Should -Not -Match "\w''\w" -Because 'a doubled apostrophe is a quoting slip in the help source'
        $text | Should -Not -Match '`\d'
    }

    It '<Cmdlet> shows a default value for every parameter' -ForEach $script:cmdlets {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $Cmdlet).Parameters.Keys | Where-Object { $_ -notin $common }) {
            Get-DefaultValue $Cmdlet $name | Should -Not -BeNullOrEmpty -Because "-$name of $Cmdlet has a default (or None)"
        }
    }

    It 'shows the inner type of a nullable parameter in the syntax: -Preset <ModelPreset>' {
        $syntax = (Get-Help Invoke-AvatarLocalization).syntax | Out-String -Width 4000
        $syntax | Should -Match '\[-Preset <ModelPreset>\]'
        (Get-Help Invoke-AvatarLocalization -Parameter Preset).type.name | Should -Be 'ModelPreset'
    }

    # The expected defaults are the ones the README and the AVATAR spec state (the official evaluator's grid,
    # the top 10 %, a batch of 4 frames, the CPU provider), not read back from the cmdlets.
    It 'shows the documented default of -<Parameter> of <Cmdlet>: <Expected>' -ForEach @(
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'TopFraction'; Expected = '0.1' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'GridSize'; Expected = '360, 640' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'Threshold'; Expected = 'Global' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'Interpolation'; Expected = 'Bilinear' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'OffScreenRule'; Expected = 'AnyPixel' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'OffScreenArea'; Expected = '0.01' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'CrossEvent'; Expected = 'False' }
        @{ Cmdlet = 'Measure-AvatarScore'; Parameter = 'Localization'; Expected = 'None' }
        @{ Cmdlet = 'Invoke-AvatarLocalization'; Parameter = 'BatchSize'; Expected = '4' }
        @{ Cmdlet = 'Invoke-AvatarLocalization'; Parameter = 'ExecutionProvider'; Expected = 'CPU' }
        @{ Cmdlet = 'Invoke-AvatarLocalization'; Parameter = 'AudioWindow'; Expected = 'The model''s: 10 s, the whole clip' }
        @{ Cmdlet = 'Export-AvatarReport'; Parameter = 'Title'; Expected = 'AVATAR evaluation' }
        @{ Cmdlet = 'Export-AvatarOverlay'; Parameter = 'TopFraction'; Expected = '0.1' }
        @{ Cmdlet = 'New-AvatarSyntheticSet'; Parameter = 'ClipCount'; Expected = '12 (5,000 with -MetadataOnly)' }
        @{ Cmdlet = 'New-AvatarSyntheticSet'; Parameter = 'Seed'; Expected = '1' }
        @{ Cmdlet = 'Get-AvatarFrame'; Parameter = 'Path'; Expected = 'None' }
    ) {
        Get-DefaultValue $Cmdlet $Parameter | Should -BeExactly $Expected
    }

    It 'marks the examples that need the user''s own files in their title and says which files' {
        $examples = @((Get-Help Invoke-AvatarLocalization -Examples).examples.example)
        $examples[2].title | Should -Match '\(needs your own files\)'
        ($examples[2].remarks | Out-String) | Should -Match 'Needs your own files: \./AVATAR'
        $examples[0].title | Should -Not -Match 'needs your own files'
    }
}

Describe 'About topics' {
    It 'about_AvatarTools is found' {
        Get-Help about_AvatarTools | Out-String | Should -Match 'AVATAR'
    }

    It 'about_AvatarTools_OnnxExport shows the export of every preset''s model' {
        $text = Get-Help about_AvatarTools_OnnxExport | Out-String
        foreach ($preset in 'EzVsl', 'Slavc', 'SslTie', 'Lvs') {
            $text | Should -Match "-Preset $preset\b"
        }
        foreach ($word in 'torch.onnx.export', 'dynamic_axes', 'opset_version', 'input_names', 'output_names', 'nn.Module', '\[N, ?T, ?3,') {
            $text | Should -Match $word
        }
        $text | Should -Match 'not run here|was not run'
    }
}
