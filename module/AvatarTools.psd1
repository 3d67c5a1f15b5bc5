@{
    RootModule           = 'AvatarTools.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5a0f4c1e-7d7b-4d47-9a51-2f1f0c7c3a21'
    Author               = 'AvatarTools contributors'
    CompanyName          = 'AvatarTools'
    Copyright            = '(c) AvatarTools contributors. MIT licence.'
    Description          = 'Evaluate audio-visual localization models on AVATAR, the video-centric benchmark of "What''s Making That Sound Right Now?" (ICCV 2025): read the benchmark, run ONNX models with the baselines'' exact preprocessing, and score them with the official protocol.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('AvatarTools.format.ps1xml')
    CmdletsToExport      = @(
        'Get-AvatarFrame'
        'Select-CrossEvent'
        'New-AvatarSyntheticSet'
        'Import-AvatarHeatmap'
        'Export-AvatarHeatmap'
        'Measure-AvatarScore'
        'Measure-AvatarThreshold'
        'Compare-AvatarScore'
        'Invoke-AvatarLocalization'
        'Export-AvatarOverlay'
        'Export-AvatarReport'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AVATAR', 'audio-visual', 'localization', 'benchmark', 'evaluation', 'onnx')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/avatartools/AvatarTools'
            ReleaseNotes = 'First release: dataset reader, cross-event selection, synthetic benchmark.'
        }
    }
}
