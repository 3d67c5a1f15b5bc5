namespace AvatarTools.Core.Inference;

/// <summary>
/// Opens what a user names as a model: a built-in name (Center, AVSync), or an ONNX file described by its
/// JSON sidecar, a preset, or both (the sidecar refines the preset); validated against the description.
/// </summary>
public static class ModelLoader
{
    public static ModelSession Open(string nameOrPath, ModelPreset? preset, InferenceOptions options)
    {
        var builtIn = BuiltInModels.Names.FirstOrDefault(name => string.Equals(name, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null && !File.Exists(nameOrPath))
        {
            return ModelSessionOpener.Open(BuiltInModels.Get(builtIn), options);
        }
        var path = Path.GetFullPath(nameOrPath);
        if (!File.Exists(path))
        {
            throw new AvatarDataException("ModelNotFound", AvatarErrorKind.NotFound, path,
                $"no such model file; give an .onnx file or a built-in model ({string.Join(", ", BuiltInModels.Names)})");
        }
        var sidecar = ModelSidecar.Find(path);
        if (sidecar is null && preset is null)
        {
            throw new AvatarDataException("ModelDescriptionMissing", AvatarErrorKind.InvalidArgument, path,
                $"says nothing of its inputs: give -Preset ({string.Join(", ", Enum.GetNames<ModelPreset>())}) or write a sidecar {Path.GetFileName(path)}.json next to it");
        }
        var description = sidecar is not null
            ? ModelSidecar.Load(sidecar)
            : ModelPresets.Get(preset!.Value.ToString()) with { Name = Path.GetFileNameWithoutExtension(path) };
        return ModelSessionOpener.Open(path, description, options);
    }

    /// <summary>Where the model given as <paramref name="nameOrPath"/> comes from and what describes its inputs, for -Verbose.</summary>
    public static string Source(string nameOrPath, ModelPreset? preset)
    {
        var builtIn = BuiltInModels.Names.FirstOrDefault(name => string.Equals(name, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null && !File.Exists(nameOrPath))
        {
            return $"the built-in model {builtIn}";
        }
        var path = Path.GetFullPath(nameOrPath);
        return ModelSidecar.Find(path) is { } sidecar
            ? $"{path}, described by its sidecar {sidecar}" + (preset is null ? "" : $" (the sidecar wins over -Preset {preset})")
            : $"{path}, described by the preset {preset}";
    }
}
