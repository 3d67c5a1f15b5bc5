<#
.SYNOPSIS
    Writes the MAML help of the AvatarTools cmdlets from the help sources beside this script.
.DESCRIPTION
    Each <Verb-Noun>.psd1 here holds the words (synopsis, description, one description per parameter,
    examples, inputs, outputs); the syntax, types, positions, pipeline binding and default values come
    from the built module itself, so they cannot drift. A default that depends on other input (a count
    that differs with a switch, "the model's") is written in the source's Defaults table instead; an
    example that needs the user's own files (the AVATAR download, an exported model) says which in
    UserFiles. Fails when an exported cmdlet has no source, a parameter has no description, a Defaults
    entry names no parameter, or an initialiser holds a "not given" value outside the parameter's
    ValidateRange that the Defaults table does not explain. Run by build.ps1 in a fresh pwsh against
    the built module.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$problems = [System.Collections.Generic.List[string]]::new()

function Write-Para([string] $Text) {
    foreach ($para in ($Text -split "\r?\n\s*\r?\n")) {
        $writer.WriteElementString('para', $maml, ($para -replace '\s*\r?\n\s*', ' ').Trim())
    }
}

# The type as a reader expects it: Nullable<T> shows T, a generic shows Name[Arguments], arrays keep [].
function Get-TypeDisplayName([type] $Type) {
    $underlying = [System.Nullable]::GetUnderlyingType($Type)
    if ($underlying) {
        return Get-TypeDisplayName $underlying
    }
    if ($Type.IsArray) {
        return (Get-TypeDisplayName $Type.GetElementType()) + '[' + (',' * ($Type.GetArrayRank() - 1)) + ']'
    }
    if ($Type.IsGenericType) {
        $arguments = $Type.GetGenericArguments() | ForEach-Object { Get-TypeDisplayName $_ }
        return ($Type.Name -replace '`\d+$', '') + '[' + ($arguments -join ', ') + ']'
    }
    $Type.Name
}

# The default value Get-Help shows: the source's Defaults entry when there is one; 'None' for a parameter
# that is mandatory wherever it appears; otherwise the value the cmdlet's property initialiser leaves in a new
# instance ('None' when that is null, empty or NaN, i.e. "not given").
function Get-DefaultValueText($Parameter, $Instance, $Defaults, [string] $CmdletName) {
    if ($Defaults.ContainsKey($Parameter.Name)) {
        return [string]$Defaults[$Parameter.Name]
    }
    $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    if ($attributes.Count -and -not ($attributes | Where-Object { -not $_.Mandatory })) {
        return 'None'
    }
    $value = $Instance.GetType().GetProperty($Parameter.Name).GetValue($Instance)
    if ($value -is [System.Management.Automation.SwitchParameter]) {
        return [string]$value.IsPresent
    }
    $texts = @(foreach ($item in @($value)) {
            if ($null -eq $item -or ($item -is [double] -and [double]::IsNaN($item))) { continue }
            $text = [System.Convert]::ToString($item, [System.Globalization.CultureInfo]::InvariantCulture)
            if ($text) { $text }
        })
    $range = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] } | Select-Object -First 1
    if ($range -and $range.MinRange -is [System.IComparable] -and $texts.Count -eq 1 -and $value -is [System.IComparable] -and
        $value.GetType() -eq $range.MinRange.GetType() -and ($value.CompareTo($range.MinRange) -lt 0 -or $value.CompareTo($range.MaxRange) -gt 0)) {
        $problems.Add("$CmdletName -$($Parameter.Name) starts as $($texts[0]), outside its ValidateRange: give its default in Defaults")
    }
    if ($texts.Count) { $texts -join ', ' } else { 'None' }
}

function Write-ParameterElement($Parameter, $Attribute, [string] $Description, [string] $DefaultValue) {
    $writer.WriteStartElement('parameter', $command)
    $writer.WriteAttributeString('required', ([string]$Attribute.Mandatory).ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', 'true')
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $writer.WriteAttributeString('globbing', ([string]$globbing).ToLowerInvariant())
    $pipeline = if ($Attribute.ValueFromPipeline -and $Attribute.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' }
        elseif ($Attribute.ValueFromPipeline) { 'True (ByValue)' }
        elseif ($Attribute.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
    $writer.WriteAttributeString('pipelineInput', $pipeline)
    $writer.WriteAttributeString('position', $(if ($Attribute.Position -ge 0) { [string]$Attribute.Position } else { 'named' }))
    $writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $writer.WriteElementString('name', $maml, $Parameter.Name)
    $writer.WriteStartElement('description', $maml); Write-Para $Description; $writer.WriteEndElement()
    $typeName = Get-TypeDisplayName $Parameter.ParameterType
    if ($Parameter.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
        $writer.WriteStartElement('parameterValue', $command)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteString($typeName)
        $writer.WriteEndElement()
    }
    $writer.WriteStartElement('type', $dev); $writer.WriteElementString('name', $maml, $typeName); $writer.WriteEndElement()
    if ($DefaultValue) {
        $writer.WriteElementString('defaultValue', $dev, $DefaultValue)
    }
    $writer.WriteEndElement()
}

$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems')
$writer.WriteAttributeString('schema', 'maml')
foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
    $sourceFile = Join-Path $PSScriptRoot "$name.psd1"
    if (-not (Test-Path $sourceFile)) { $problems.Add("$name has no help source ($name.psd1)"); continue }
    $source = Import-PowerShellDataFile $sourceFile
    $cmdlet = Get-Command $name
    $verb, $noun = $name -split '-', 2
    $instance = [System.Activator]::CreateInstance($cmdlet.ImplementingType)
    $defaults = if ($source.ContainsKey('Defaults')) { $source.Defaults } else { @{} }
    foreach ($key in $defaults.Keys | Where-Object { -not $cmdlet.Parameters.ContainsKey($_) }) {
        $problems.Add("$name.psd1 gives a default for -$key, which $name does not have")
    }

    $writer.WriteStartElement('command', 'command', $command)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('details', $command)
    $writer.WriteElementString('name', $command, $name)
    $writer.WriteStartElement('description', $maml); Write-Para $source.Synopsis; $writer.WriteEndElement()
    $writer.WriteElementString('verb', $command, $verb)
    $writer.WriteElementString('noun', $command, $noun)
    $writer.WriteEndElement()
    $writer.WriteStartElement('description', $maml); Write-Para $source.Description; $writer.WriteEndElement()

    $writer.WriteStartElement('syntax', $command)
    foreach ($set in $cmdlet.ParameterSets) {
        $writer.WriteStartElement('syntaxItem', $command)
        $writer.WriteElementString('name', $maml, $name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $parameter = $cmdlet.Parameters[$p.Name]
            $attribute = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ParameterSetName -eq $set.Name -or $_.ParameterSetName -eq '__AllParameterSets') } | Select-Object -First 1
            Write-ParameterElement $parameter $attribute ($source.Parameters[$p.Name]) $null
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('parameters', $command)
    foreach ($parameter in $cmdlet.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name) {
        $description = $source.Parameters[$parameter.Name]
        if (-not $description) { $problems.Add("$name -$($parameter.Name) has no description"); $description = '' }
        $attribute = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } | Select-Object -First 1
        Write-ParameterElement $parameter $attribute $description (Get-DefaultValueText $parameter $instance $defaults $name)
    }
    $writer.WriteEndElement()

    foreach ($kind in 'inputTypes', 'returnValues') {
        $key = if ($kind -eq 'inputTypes') { 'Inputs' } else { 'Outputs' }
        $writer.WriteStartElement($kind, $command)
        foreach ($entry in @($source[$key])) {
            $writer.WriteStartElement($(if ($kind -eq 'inputTypes') { 'inputType' } else { 'returnValue' }), $command)
            $writer.WriteStartElement('type', $dev)
            $writer.WriteElementString('name', $maml, $entry.Type)
            $writer.WriteEndElement()
            $writer.WriteStartElement('description', $maml); Write-Para $entry.Description; $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('examples', $command)
    $number = 0
    foreach ($example in $source.Examples) {
        $number++
        $writer.WriteStartElement('example', $command)
        $title = if ($example['UserFiles']) { "$($example.Title) (needs your own files)" } else { $example.Title }
        $writer.WriteElementString('title', $maml, "-------------------------- Example ${number}: $title --------------------------")
        $writer.WriteElementString('code', $dev, $example.Code.Trim())
        $remarks = if ($example['UserFiles']) { "Needs your own files: $($example['UserFiles'])`n`n$($example.Remarks)" } else { $example.Remarks }
        $writer.WriteStartElement('remarks', $dev); Write-Para $remarks; $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    if ($number -lt 2) { $problems.Add("$name has $number example(s); at least two are expected") }
    $writer.WriteEndElement()

    $writer.WriteStartElement('relatedLinks', $maml)
    foreach ($link in @($source.Links) + 'about_AvatarTools' | Select-Object -Unique) {
        $writer.WriteStartElement('navigationLink', $maml)
        $writer.WriteElementString('linkText', $maml, $link)
        $writer.WriteElementString('uri', $maml, '')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($problems.Count) {
    throw "The help is incomplete:`n  $($problems -join "`n  ")"
}
