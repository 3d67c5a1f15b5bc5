namespace AvatarTools.Core.Features;

/// <summary>How an image is brought to the model's square input.</summary>
public enum ImageResizeMode
{
    /// <summary>Resize to S × S, aspect not kept (EZ-VSL, SLAVC: <c>Resize((224, 224), BICUBIC)</c>).</summary>
    Squash,

    /// <summary>
    /// Resize the short side to S keeping the aspect (long side ⌊S · long / short⌋), then crop the centre S × S
    /// (SSL-TIE, LVS: <c>Resize(224, BICUBIC)</c> then <c>CenterCrop(224)</c>).
    /// </summary>
    ShortSideCenterCrop,
}
