# The README's "The paper's three tables from one ONNX export": the block run as written there, in a fresh folder.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:work = Join-Path $TestDrive 'three'
    New-Item -ItemType Directory $script:work | Out-Null
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = ($readme -split '(?m)^## The paper''s three tables from one ONNX export\s*$', 2)[1]
    $section = ($section -split '(?m)^## ', 2)[0]
    $script:code = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)```').Groups[1].Value
    Push-Location $script:work
    try {
        . ([scriptblock]::Create($script:code))
        $script:rows = @{ Avatar = $avatar; VggSs = $vggss; Flickr = $flickr
            FlickrMaps = @(Get-AvatarFrame ./flickr -TestList ./flickr/flickr_test.csv | Invoke-AvatarLocalization Center) }
    }
    finally {
        Pop-Location
    }
}

Describe 'The paper''s three tables, as the README runs them' {
    It 'gives the AVATAR table with the Avatar protocol' {
        $total = $script:rows.Avatar | Where-Object Group -eq 'Total'
        $total.Benchmark | Should -Be 'Avatar'
        @($script:rows.Avatar.Group) | Should -Contain 'Cross-event'
        @($script:rows.Avatar.Group) | Should -Contain 'Off-Screen'
    }

    It 'gives VGG-SS rows with the EzVsl protocol, per test list' {
        $total = $script:rows.VggSs | Where-Object Group -eq 'Total'
        ($total.Benchmark, $total.Protocol) | Should -Be @('VggSs', 'EzVsl')
        $total.Frames | Should -Be 12
        @($script:rows.VggSs.Group) | Should -Contain 'TestList:vggss_test'
        $total.MeanCIoU | Should -BeGreaterThan 0
        # Every sample is on the list, so the list's row is the Total row.
        $list = $script:rows.VggSs | Where-Object Group -eq 'TestList:vggss_test'
        ($list.Frames, $list.MeanCIoU, $list.CIoUAt50, $list.AUC) | Should -Be @($total.Frames, $total.MeanCIoU, $total.CIoUAt50, $total.AUC)
    }

    It 'gives Flickr-SoundNet rows with the protocol asked for' {
        $total = $script:rows.Flickr | Where-Object Group -eq 'Total'
        ($total.Benchmark, $total.Protocol) | Should -Be @('FlickrSoundNet', 'Lvs')
        $total.MeanCIoU | Should -BeGreaterThan 0
        # The protocol changed the numbers: EzVsl (the default) scores the same maps otherwise.
        $ezvsl = $script:rows.FlickrMaps | Measure-AvatarScore | Where-Object Group -eq 'Total'
        $ezvsl.Protocol | Should -Be 'EzVsl'
        $ezvsl.MeanCIoU | Should -Not -Be $total.MeanCIoU
    }

    It 'writes one report with a table per benchmark' {
        $html = Get-Content (Join-Path $script:work 'three-tables/index.html') -Raw
        $html | Should -Match 'VGG-SS'
        $html | Should -Match 'Flickr-SoundNet'
        $html | Should -Match 'Cross-event'
    }
}
