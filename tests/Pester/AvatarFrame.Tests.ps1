BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:root = Join-Path $TestDrive 'avatar'
    New-TestDataset -Root $script:root
}

Describe 'The module' {
    It 'has a manifest that exports exactly the listed cmdlets' {
        $module = Get-Module AvatarTools
        $manifest = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'AvatarTools.psd1')
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        $manifest.CmdletsToExport | Should -Contain 'Get-AvatarFrame'
        $manifest.CmdletsToExport | Should -Contain 'Select-CrossEvent'
    }

    It 'has help with a synopsis, a description, every parameter and two examples for <_>' -ForEach @(
        (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/AvatarTools.psd1')).CmdletsToExport
    ) {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*Get-|^\s*\w+-\w+ \['
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.Parameters.Parameter | Where-Object Name -eq $parameter
            ($entry.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $_ needs a description"
        }
    }
}

Describe 'Get-AvatarFrame' {
    It 'streams every labelled frame ordered by clip id (ordinal) then frame index' {
        $frames = Get-AvatarFrame $script:root
        $frames.Count | Should -Be 8
        ($frames | ForEach-Object { '{0}/{1}' -f $_.VideoId, $_.FrameIndex }) | Should -Be @(
            'a_cross-1_00000/2', 'a_cross-1_00000/12', 'a_cross-1_00000/30',
            'b-clip_x_00010/3', 'b-clip_x_00010/40', 'b-clip_x_00010/80',
            'c_offfirst_00020/5', 'c_offfirst_00020/50')
    }

    It 'exposes the public properties with their types' {
        $frame = Get-AvatarFrame $script:root -VideoId 'b-clip_x_00010' | Select-Object -Last 1
        $frame.VideoId | Should -BeOfType [string]
        $frame.FrameIndex | Should -Be 80
        $frame.Width | Should -Be 640
        $frame.Height | Should -Be 360
        $frame.Scenarios | Should -Be @([AvatarTools.Core.Dataset.AvatarScenario]::SingleSound, [AvatarTools.Core.Dataset.AvatarScenario]::OffScreen)
        $frame.IsOffScreen | Should -BeFalse
        $frame.Categories | Should -Be @('car engine', 'playing violin')
        $frame.Instances.Count | Should -Be 2
        $frame.Instances[0].Polygons[0] | Should -Be @(10, 10, 50, 10, 50, 50, 10, 50)
        $frame.Instances[0].BoundingBox.Width | Should -Be 40
        $frame.Instances[1].Polygons.Count | Should -Be 0
        $frame.Time | Should -Be (80 / 25)
        $frame.ImagePath | Should -BeLike '*b-clip_x_00010*00080.jpg'
        $frame.DatasetPath | Should -Be ((Resolve-Path $script:root).ProviderPath)
    }

    It 'leaves Time empty when the frame rate is unknown' {
        (Get-AvatarFrame $script:root -VideoId 'c_*' | Select-Object -First 1).Time | Should -BeNullOrEmpty
    }

    It 'marks frames with no on-screen instance as Off-Screen' {
        $off = Get-AvatarFrame $script:root | Where-Object IsOffScreen
        @($off).Count | Should -Be 1
        $off.VideoId | Should -Be 'c_offfirst_00020'
    }

    It 'filters by -Scenario (any of the given values)' {
        @(Get-AvatarFrame $script:root -Scenario MultiEntity).Count | Should -Be 2
        @(Get-AvatarFrame $script:root -Scenario MixedSound, OffScreen).Count | Should -Be 4
    }

    It 'filters by -Category and -VideoId with wildcards' {
        @(Get-AvatarFrame $script:root -Category 'playing*').Count | Should -Be 5
        @(Get-AvatarFrame $script:root -Category 'DOG BARKING').Count | Should -Be 2
        @(Get-AvatarFrame $script:root -VideoId 'a_*', 'c_*').Count | Should -Be 5
    }

    It 'reads naturally with Where-Object' {
        @(Get-AvatarFrame $script:root | Where-Object { $_.Scenarios -contains 'MultiEntity' }).Count | Should -Be 2
        @(Get-AvatarFrame $script:root | Where-Object Categories -Contains 'male speech').Count | Should -Be 1
    }

    It 'binds the path from the pipeline and by property name' {
        @($script:root | Get-AvatarFrame).Count | Should -Be 8
        @(Get-Item $script:root | Get-AvatarFrame).Count | Should -Be 8
        @([pscustomobject]@{ Path = $script:root } | Get-AvatarFrame).Count | Should -Be 8
        @(Get-AvatarFrame -LiteralPath $script:root).Count | Should -Be 8
    }

    It 'stops cleanly under Select-Object -First 1' {
        $first = Get-AvatarFrame $script:root | Select-Object -First 1
        $first.FrameIndex | Should -Be 2
    }

    It 'fails with DatasetNotFound for a path that does not exist' {
        { Get-AvatarFrame (Join-Path $TestDrive 'nowhere') -ErrorAction Stop } |
            Should -Throw -ErrorId 'DatasetNotFound,AvatarTools.Commands.GetAvatarFrameCommand'
    }

    It 'fails with NotAnAvatarDataset for a folder without metadata/' {
        $empty = New-Item -ItemType Directory (Join-Path $TestDrive 'empty')
        { Get-AvatarFrame $empty.FullName -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnAvatarDataset,AvatarTools.Commands.GetAvatarFrameCommand'
    }
}

Describe 'Get-AvatarFrame on bad files' {
    BeforeAll {
        $script:bad = Join-Path $TestDrive 'bad'
        $good = New-TestAnnotation 'playing violin' 'Single-Sound' @(, [double[]](1, 1, 5, 1, 5, 5))
        Write-TestFrame $script:bad 'ok_clip_00001' 1 @($good) | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 2 @() -RawJson '{ "original_width": 640, ' | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 3 @() -RawJson '{ "original_height": 360, "annotations": [] }' | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 4 @(New-TestAnnotation 'x' 'Single Sound') | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 5 @(New-TestAnnotation 'x' 'Single-Sound' @(, [double[]](1, 2, 3))) | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 6 @($good) -Width 0 | Out-Null
        Write-TestFrame $script:bad 'ok_clip_00001' 7 @($good) | Out-Null
    }

    It 'reports each bad frame as an error naming the file and still returns the others' {
        $frames = Get-AvatarFrame $script:bad -ErrorVariable errors -ErrorAction SilentlyContinue
        @($frames).FrameIndex | Should -Be @(1, 7)
        $errors.Count | Should -Be 5
        $ids = $errors | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$', '' }
        $ids | Should -Be @('InvalidFrameJson', 'MissingFrameKey', 'UnknownTask', 'InvalidPolygon', 'InvalidFrameSize')
        $errors[0].ToString() | Should -BeLike '*00002.json*'
        $errors[2].ToString() | Should -BeLike "*'Single-Sound', 'Mixed-Sound', 'Multi-Entity', 'Off-Screen'*"
        $errors[3].ToString() | Should -BeLike '*odd number of coordinates*'
        $errors[4].CategoryInfo.Category | Should -Be 'InvalidData'
    }
}

Describe 'Select-CrossEvent' {
    It 'keeps the frames of cross-event clips, including one that starts Off-Screen' {
        $cross = Get-AvatarFrame $script:root | Select-CrossEvent
        ($cross.VideoId | Select-Object -Unique) | Should -Be @('a_cross-1_00000', 'c_offfirst_00020')
        $cross.Count | Should -Be 5
    }

    It 'returns the other clips with -Complement' {
        $other = Get-AvatarFrame $script:root | Select-CrossEvent -Complement
        ($other.VideoId | Select-Object -Unique) | Should -Be @('b-clip_x_00010')
    }

    It 'gives the same answer for input in any order' {
        $shuffled = Get-AvatarFrame $script:root | Get-Random -Count 8 -SetSeed 7
        $cross = $shuffled | Select-CrossEvent
        ($cross.VideoId | Sort-Object -Unique) | Should -Be @('a_cross-1_00000', 'c_offfirst_00020')
    }

    It 'decides on the input frames when a clip arrives only in part' {
        # Without its third frame, a_cross-1 brings no new category: not cross-event.
        $partial = Get-AvatarFrame $script:root -VideoId 'a_*' | Where-Object FrameIndex -lt 30 | Select-CrossEvent
        $partial | Should -BeNullOrEmpty
    }

    It 'streams clip by clip when input is grouped' {
        $frames = Get-AvatarFrame $script:root
        $log = [System.Collections.Generic.List[string]]::new()
        & { foreach ($frame in $frames) { $log.Add("in $($frame.VideoId)"); $frame } } |
            Select-CrossEvent | ForEach-Object { $log.Add("out $($_.VideoId)") }
        # The first clip's frames come out before the next clip's frames go in.
        $log.IndexOf('out a_cross-1_00000') | Should -BeLessThan $log.IndexOf('in b-clip_x_00010')
        $log.IndexOf('out a_cross-1_00000') | Should -BeGreaterThan -1
    }
}
