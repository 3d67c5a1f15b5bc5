# Get-AvatarFrame, New-AvatarSyntheticSet and Invoke-AvatarLocalization on the image benchmarks (VGG-SS, Flickr-SoundNet).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-AvatarToolsUnderTest
    $script:vggss = New-AvatarSyntheticSet (Join-Path $TestDrive 'vggss') -Benchmark VggSs -ClipCount 6 -Seed 4
    $script:flickr = New-AvatarSyntheticSet (Join-Path $TestDrive 'flickr') -Benchmark FlickrSoundNet -ClipCount 4 -Seed 4
}

Describe 'New-AvatarSyntheticSet -Benchmark' {
    It 'writes a VGG-SS set in the baselines'' layout' {
        $script:vggss | Should -BeOfType ([AvatarTools.Core.Synthetic.ImageBenchmarkSetResult])
        $script:vggss.SampleCount | Should -Be 6
        foreach ($name in 'vggss.json', 'vggss_test.csv', 'vggss_heard_test.csv', 'vggss_unheard_test.csv') {
            Join-Path $script:vggss.Root $name | Should -Exist
        }
        foreach ($id in $script:vggss.SampleIds) {
            Join-Path $script:vggss.Root "frames/$id.jpg" | Should -Exist
            Join-Path $script:vggss.Root "audio/$id.wav" | Should -Exist
        }
        $script:vggss.EmptyGroundTruthIds.Count | Should -Be 1
    }

    It 'writes a Flickr-SoundNet set with one XML per image' {
        @(Get-ChildItem (Join-Path $script:flickr.Root 'Annotations') -Filter *.xml).Count | Should -Be 4
        Join-Path $script:flickr.Root 'flickr_test.csv' | Should -Exist
    }

    It 'refuses the options of AVATAR sets' {
        { New-AvatarSyntheticSet (Join-Path $TestDrive 'x') -Benchmark VggSs -MetadataOnly -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSyntheticOptions,AvatarTools.Commands.NewAvatarSyntheticSetCommand'
    }

    It 'writes nothing under -WhatIf' {
        New-AvatarSyntheticSet (Join-Path $TestDrive 'whatif') -Benchmark FlickrSoundNet -WhatIf
        Join-Path $TestDrive 'whatif' | Should -Not -Exist
    }
}

Describe 'Get-AvatarFrame on a VGG-SS folder' {
    BeforeAll {
        $script:frames = @(Get-AvatarFrame $script:vggss.Root -WarningVariable script:warnings -WarningAction SilentlyContinue)
    }

    It 'recognises the layout and streams every sample in the file''s order' {
        $script:frames.Count | Should -Be 6
        ($script:frames.VideoId) | Should -Be @($script:vggss.SampleIds)
        $script:frames | ForEach-Object {
            $_.Benchmark | Should -Be 'VggSs'
            $_.Width | Should -Be 224
            $_.Height | Should -Be 224
            $_.FrameIndex | Should -Be 0
            $_.TestList | Should -BeNullOrEmpty
            $_.ImagePath | Should -Exist
        }
    }

    It 'holds each box as an instance of the sample''s class, clipped as the baselines clip it' {
        $json = Get-Content -Raw (Join-Path $script:vggss.Root 'vggss.json') | ConvertFrom-Json
        for ($i = 0; $i -lt $json.Count; $i++) {
            $frame = $script:frames[$i]
            $frame.Instances.Count | Should -Be $json[$i].bbox.Count
            for ($b = 0; $b -lt $json[$i].bbox.Count; $b++) {
                # The rule written out: clip to [0, 1], times 224, truncate.
                $cell = foreach ($v in $json[$i].bbox[$b]) { [int][Math]::Truncate([Math]::Min([Math]::Max([double]$v, 0), 1) * 224) }
                $box = $frame.Instances[$b].BoundingBox
                $frame.Instances[$b].Category | Should -Be $json[$i].class
                $frame.Instances[$b].Scenario | Should -Be 'SingleSound'
                $box.X | Should -Be $cell[0]
                $box.Y | Should -Be $cell[1]
                $box.Width | Should -Be ([Math]::Max($cell[2] - $cell[0], 0))
                $box.Height | Should -Be ([Math]::Max($cell[3] - $cell[1], 0))
                $frame.Instances[$b].Polygons[0] | Should -Be @($box.X, $box.Y, ($box.X + $box.Width), $box.Y, ($box.X + $box.Width), ($box.Y + $box.Height), $box.X, ($box.Y + $box.Height))
            }
        }
    }

    It 'warns about the sample whose ground truth is empty after clipping, and still streams it' {
        $empty = $script:vggss.EmptyGroundTruthIds[0]
        $script:frames.VideoId | Should -Contain $empty
        @($script:warnings | Where-Object { "$_" -like "*'$empty' has an empty ground truth*" }).Count | Should -Be 1
    }

    It 'takes a test list: only its samples, named on each frame' {
        $list = Join-Path $script:vggss.Root 'vggss_heard_test.csv'
        $ids = @(Get-Content $list)
        $heard = @(Get-AvatarFrame $script:vggss.Root -TestList $list -WarningAction SilentlyContinue)
        $heard.VideoId | Should -Be $ids
        $heard.TestList | Sort-Object -Unique | Should -Be 'vggss_heard_test'
    }

    It 'warns about listed ids without an annotation' {
        $list = Join-Path $TestDrive 'mine.csv'
        Set-Content $list -Value @($script:vggss.SampleIds[0], 'missing_000001')
        $null = Get-AvatarFrame $script:vggss.Root -TestList $list -WarningVariable listWarnings -WarningAction SilentlyContinue
        @($listWarnings | Where-Object { "$_" -like '*1 of the 2 ids of mine.csv have no annotation*missing_000001*' }).Count | Should -Be 1
    }

    It 'reads an annotation that lies elsewhere with -Annotation (-Benchmark implied by a file)' {
        $elsewhere = Join-Path $TestDrive 'elsewhere'
        New-Item -ItemType Directory $elsewhere | Out-Null
        $moved = Join-Path $elsewhere 'my-vggss.json'
        Copy-Item (Join-Path $script:vggss.Root 'vggss.json') $moved
        $copy = Join-Path $TestDrive 'vggss-media'
        New-Item -ItemType Directory $copy | Out-Null
        Copy-Item -Recurse (Join-Path $script:vggss.Root 'frames'), (Join-Path $script:vggss.Root 'audio') $copy
        $frames = @(Get-AvatarFrame $copy -Annotation $moved -WarningAction SilentlyContinue)
        $frames.Count | Should -Be 6
        $frames[0].MetadataPath | Should -Be $moved
        @(Get-AvatarFrame $copy -Benchmark VggSs -Annotation $moved -VideoId $frames[0].VideoId -WarningAction SilentlyContinue).Count | Should -Be 1
    }

    It 'filters by -Category and -VideoId' {
        $class = $script:frames[0].Categories[0]
        $byClass = @(Get-AvatarFrame $script:vggss.Root -Category $class -WarningAction SilentlyContinue)
        $byClass.Count | Should -Be @($script:frames | Where-Object { $_.Categories -contains $class }).Count
        @(Get-AvatarFrame $script:vggss.Root -LiteralVideoId $script:frames[2].VideoId -WarningAction SilentlyContinue).VideoId | Should -Be $script:frames[2].VideoId
    }

    It 'reports a malformed entry as an error naming the file, and streams the others' {
        $bad = Join-Path $TestDrive 'vggss-bad'
        New-Item -ItemType Directory $bad | Out-Null
        Set-Content (Join-Path $bad 'vggss.json') -Value '[{"file": "a_000001", "class": "c", "bbox": [[0, 0, 1]]}, {"file": "b_000001", "class": "c", "bbox": [[0, 0, 1, 1]]}]'
        $frames = @(Get-AvatarFrame $bad -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $frames.VideoId | Should -Be 'b_000001'
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidVggSsSample,AvatarTools.Commands.GetAvatarFrameCommand'
        "$($errors[0])" | Should -BeLike "*vggss.json: entry 0 ('a_000001') box 0*"
    }

    It 'stops for a vggss.json that is not a JSON array' {
        $bad = Join-Path $TestDrive 'vggss-notarray'
        New-Item -ItemType Directory $bad | Out-Null
        Set-Content (Join-Path $bad 'vggss.json') -Value '{"file": 1}'
        { Get-AvatarFrame $bad -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidVggSsJson,AvatarTools.Commands.GetAvatarFrameCommand'
    }

    It 'refuses -TestList and -Annotation on AVATAR' {
        $avatar = Join-Path $TestDrive 'avatar'
        New-TestDataset -Root $avatar
        { Get-AvatarFrame $avatar -TestList (Join-Path $script:vggss.Root 'vggss_test.csv') -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnImageBenchmark,AvatarTools.Commands.GetAvatarFrameCommand'
        @(Get-AvatarFrame $avatar -Benchmark Avatar).Count | Should -BeGreaterThan 0
    }

    It 'takes a missing .json -Annotation for VGG-SS''s and says so' {
        $missing = Join-Path $TestDrive 'no-such-vggss.json'
        $thrown = $null
        try { Get-AvatarFrame $script:vggss.Root -Annotation $missing -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'AnnotationNotFound,AvatarTools.Commands.GetAvatarFrameCommand'
        "$thrown" | Should -BeLike "*no-such-vggss.json: does not exist; VGG-SS's annotation is the file vggss.json*"
    }

    It 'stops for a missing annotation of a named benchmark' {
        { Get-AvatarFrame $script:flickr.Root -Benchmark VggSs -ErrorAction Stop } |
            Should -Throw -ErrorId 'AnnotationNotFound,AvatarTools.Commands.GetAvatarFrameCommand'
    }
}

Describe 'Get-AvatarFrame on a Flickr-SoundNet folder' {
    It 'recognises Annotations/ and reads every annotator''s boxes by floor(224 v / 256)' {
        $frames = @(Get-AvatarFrame $script:flickr.Root)
        $frames.Count | Should -Be 4
        foreach ($frame in $frames) {
            $frame.Benchmark | Should -Be 'FlickrSoundNet'
            $frame.YouTubeId | Should -BeNullOrEmpty
            $xml = [xml](Get-Content -Raw $frame.MetadataPath)
            $boxes = @(foreach ($child in $xml.DocumentElement.ChildNodes) { foreach ($b in $child.ChildNodes) { if ($b.Name -eq 'bbox') { , @($b.ChildNodes | Select-Object -Skip 1 | ForEach-Object { [Math]::Floor(224 * [int]$_.InnerText / 256) }) } } })
            $frame.Instances.Count | Should -Be $boxes.Count
            for ($i = 0; $i -lt $boxes.Count; $i++) {
                $box = $frame.Instances[$i].BoundingBox
                @($box.X, $box.Y, ($box.X + $box.Width), ($box.Y + $box.Height)) | Should -Be $boxes[$i]
                $frame.Instances[$i].Category | Should -Be 'sound source'
            }
        }
    }

    It 'takes flickr_test.csv (id,number rows) and SLAVC''s video,audio,label lists' {
        $list = Join-Path $script:flickr.Root 'flickr_test.csv'
        $frames = @(Get-AvatarFrame $script:flickr.Root -TestList $list)
        $frames.VideoId | Should -Be @(Get-Content $list | ForEach-Object { ($_ -split ',')[0] })
        $frames.TestList | Sort-Object -Unique | Should -Be 'flickr_test'
        $ids = $script:flickr.SampleIds
        $silent = Join-Path $TestDrive 'flickr_test_plus_silent.csv'
        Set-Content $silent -Value @('video,audio,label', "$($ids[1]),$($ids[1]),1", "$($ids[1]),$($ids[0]),0", "$($ids[0]),$($ids[0]),1")
        (Get-AvatarFrame $script:flickr.Root -TestList $silent).VideoId | Should -Be @($ids[1], $ids[0])
    }

    It 'takes -Benchmark FlickrSoundNet with the annotation folder elsewhere' {
        $frames = @(Get-AvatarFrame $TestDrive -Benchmark FlickrSoundNet -Annotation (Join-Path $script:flickr.Root 'Annotations') -WarningVariable w -WarningAction SilentlyContinue)
        $frames.Count | Should -Be 4
        # The images are looked for under -Path: none there, one warning names them.
        @($w | Where-Object { "$_" -like '4 sample(s) have no image*' }).Count | Should -Be 1
    }

    It 'reports a malformed XML file and streams the others' {
        $bad = Join-Path $TestDrive 'flickr-bad'
        Copy-Item -Recurse $script:flickr.Root $bad
        Set-Content (Join-Path $bad "Annotations/$($script:flickr.SampleIds[0]).xml") -Value '<annotation><object><bbox><a/><b>1.5</b><c>1</c><d>2</d><e>3</e></bbox></object></annotation>'
        $frames = @(Get-AvatarFrame $bad -ErrorVariable errors -ErrorAction SilentlyContinue)
        $frames.Count | Should -Be 3
        $errors[0].FullyQualifiedErrorId | Should -Be 'InvalidFlickrAnnotation,AvatarTools.Commands.GetAvatarFrameCommand'
    }
}

Describe 'Invoke-AvatarLocalization on the image benchmarks' {
    It 'runs a built-in model on a VGG-SS set with EZ-VSL''s 3 s window' {
        $frames = @(Get-AvatarFrame $script:vggss.Root -WarningAction SilentlyContinue)
        $localizations = @($frames | Invoke-AvatarLocalization Center -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $localizations.Count | Should -Be 6
        $localizations.VideoId | Should -Be $frames.VideoId
        $localizations | ForEach-Object { $_.Heatmap.Width | Should -Be 7 }
    }

    It 'refuses a video-level model per frame with VideoModelOnImageBenchmark' {
        $frames = @(Get-AvatarFrame $script:flickr.Root | Select-Object -First 2)
        $localizations = @($frames | Invoke-AvatarLocalization AVSync -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $localizations.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'VideoModelOnImageBenchmark,*'
    }
}

Describe 'Completion of -Benchmark' {
    It 'offers the benchmarks of Get-AvatarFrame and New-AvatarSyntheticSet' {
        foreach ($line in 'Get-AvatarFrame ./x -Benchmark ', 'New-AvatarSyntheticSet ./x -Benchmark ') {
            $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $offered | Sort-Object | Should -Be @('Avatar', 'FlickrSoundNet', 'VggSs')
        }
        $line = 'Get-AvatarFrame ./x -Benchmark F'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'FlickrSoundNet'
    }
}

Describe 'Completion of -VideoId and -Category on an image benchmark' {
    It 'offers the sample ids and classes of the folder on the command line' {
        $line = "Get-AvatarFrame '$($script:vggss.Root)' -VideoId "
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Sort-Object | Should -Be @($script:vggss.SampleIds | Sort-Object)
        $line = "Get-AvatarFrame '$($script:vggss.Root)' -Category "
        $classes = (Get-Content -Raw (Join-Path $script:vggss.Root 'vggss.json') | ConvertFrom-Json).class | Sort-Object -Unique
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.ListItemText
        $offered | Sort-Object | Should -Be @($classes)
    }
}
