# Shared by the Pester tests: imports the built module and writes small hand-made datasets.

function Import-AvatarToolsUnderTest {
    # The tests never write into the user's real media cache (build.ps1 -Task Test points it into out/test-results).
    if (-not $env:AVATARTOOLS_CACHE) {
        $env:AVATARTOOLS_CACHE = Join-Path ([System.IO.Path]::GetTempPath()) "avatartools-pester-cache-$PID"
    }
    $module = $env:AVATARTOOLS_MODULE
    if (-not $module) {
        $module = Join-Path $PSScriptRoot '../../out/AvatarTools/AvatarTools.psd1'
    }
    Import-Module $module -Force -ErrorAction Stop
}

function Write-TestFrame {
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $VideoId,
        [Parameter(Mandatory)] [int] $Index,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Annotations,
        [int] $Width = 640,
        [int] $Height = 360,
        [string] $RawJson
    )
    $folder = Join-Path $Root "metadata/$VideoId"
    New-Item -ItemType Directory -Force $folder | Out-Null
    $file = Join-Path $folder ('{0:D5}.json' -f $Index)
    if ($RawJson) {
        Set-Content -LiteralPath $file -Value $RawJson -NoNewline
    }
    else {
        @{ original_width = $Width; original_height = $Height; annotations = @($Annotations); extra_key = 'ignored' } |
            ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $file
    }
    $file
}

function New-TestAnnotation {
    param([string] $Category, [string] $Task, [double[][]] $Polygons = @(), [double[]] $Box)
    $annotation = @{ audio_visual_category = $Category; task = $Task; segmentation = @($Polygons | ForEach-Object { , @($_) }) }
    if ($Box) { $annotation.bbox = $Box }
    $annotation
}

# Three clips: a plain one, a cross-event one (a new category in its third frame) and one whose first
# frame is Off-Screen only and whose later frame brings a new category (cross-event too).
function New-TestDataset {
    param([Parameter(Mandatory)] [string] $Root)
    $square = [double[]](10, 10, 50, 10, 50, 50, 10, 50)
    $violin = New-TestAnnotation 'playing violin' 'Single-Sound' @(, $square) (10, 10, 40, 40)
    $dog = New-TestAnnotation 'dog barking' 'Multi-Entity' @(, $square) (10, 10, 40, 40)
    $piano = New-TestAnnotation 'playing piano' 'Mixed-Sound' @(, $square)
    $speech = New-TestAnnotation 'male speech' 'Mixed-Sound' @(, [double[]](100, 100, 200, 100, 150, 180))
    $offscreen = New-TestAnnotation 'car engine' 'Off-Screen'

    Write-TestFrame $Root 'b-clip_x_00010' 3 @($violin, $offscreen) | Out-Null
    Write-TestFrame $Root 'b-clip_x_00010' 40 @($violin) | Out-Null
    Write-TestFrame $Root 'b-clip_x_00010' 80 @($violin, $offscreen) | Out-Null

    Write-TestFrame $Root 'a_cross-1_00000' 12 @($dog) | Out-Null
    Write-TestFrame $Root 'a_cross-1_00000' 2 @($dog) | Out-Null
    Write-TestFrame $Root 'a_cross-1_00000' 30 @($piano, $speech) -Width 320 -Height 180 | Out-Null

    Write-TestFrame $Root 'c_offfirst_00020' 5 @($offscreen) | Out-Null
    Write-TestFrame $Root 'c_offfirst_00020' 50 @($violin) | Out-Null
    Set-Content (Join-Path $Root 'frame_rates.csv') "clip_id,fps`nb-clip_x_00010,25`na_cross-1_00000,10`n"
}

# Loads a library the tests use themselves (ImageSharp to decode the PNGs the module wrote) into this session.
# The module's own copy lives in its private load context and is not visible to scripts, by design; the tests
# load the version pinned in Directory.Packages.props from the NuGet packages folder, which the build restored.
function Import-TestLibrary {
    param([Parameter(Mandatory)] [string] $Package)
    $pins = [xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Packages.props') -Raw)
    $version = ($pins.Project.ItemGroup.PackageVersion | Where-Object Include -EQ $Package).Version
    if (-not $version) { throw "$Package is not pinned in Directory.Packages.props." }
    $packages = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $folder = Join-Path $packages "$($Package.ToLowerInvariant())/$version/lib"
    $framework = 'net8.0', 'net6.0', 'netcoreapp3.1', 'netstandard2.1', 'netstandard2.0' |
        Where-Object { Test-Path (Join-Path $folder "$_/$Package.dll") } | Select-Object -First 1
    if (-not $framework) { throw "$Package $version was not restored to $folder (run dotnet restore)." }
    Add-Type -Path (Join-Path $folder "$framework/$Package.dll")
}
