# Loads AvatarTools behind its own assembly load context. AvatarTools.Loader.dll, beside this file, is the only
# assembly of the module in PowerShell's default context: it creates the module's AssemblyLoadContext and loads
# the cmdlets (bin/AvatarTools.dll), the core and every library they use there, so that another module (or a
# script's Add-Type) carrying a different version of ONNX Runtime, ImageSharp, CsvHelper, Google.Protobuf,
# MathNet.Numerics or System.Numerics.Tensors cannot break this one, nor this one break it.

$isReload = $true
if (-not ('AvatarTools.Loader.LoadContext' -as [type])) {
    $isReload = $false
    Add-Type -Path ([System.IO.Path]::Combine($PSScriptRoot, 'AvatarTools.Loader.dll'))
}

$cmdletAssembly = [AvatarTools.Loader.LoadContext]::Initialize()
$cmdletModule = Import-Module -Assembly $cmdletAssembly -PassThru

# PowerShell resolves type literals against its default load context and against the assemblies imported as
# modules. Importing the core as well (it has no commands) keeps [AvatarTools.Core.Scoring.AvatarScore] and
# the other public types of the core resolvable in the session, the same types as the objects the cmdlets emit.
$coreAssembly = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdletAssembly).LoadFromAssemblyName(
    [System.Reflection.AssemblyName]::new('AvatarTools.Core'))
Import-Module -Assembly $coreAssembly

if ($isReload) {
    # Import-Module -Assembly of an assembly imported before returns the cached module without adding its
    # cmdlets to this (new) module's exports (PowerShell/PowerShell#20710), so a second Import-Module -Force
    # would export nothing. Add them as the first import does.
    $addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
        'AddExportedCmdlet',
        [System.Reflection.BindingFlags]'Instance, NonPublic'
    )
    foreach ($command in $cmdletModule.ExportedCommands.Values) {
        $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $command))
    }
}
