namespace AvatarTools.Core.Inference;

/// <summary>A model input or output as the model declares it: name, element type and shape (symbolic dimensions by name).</summary>
public sealed record ModelTensorInfo(string Name, string ElementType, IReadOnlyList<string> Shape)
{
    public override string ToString() => $"{Name}: {ElementType} [{string.Join(", ", Shape)}]";
}
