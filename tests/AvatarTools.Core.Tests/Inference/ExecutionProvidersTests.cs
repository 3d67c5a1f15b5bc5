using AvatarTools.Core.Inference;
using Xunit;

namespace AvatarTools.Core.Tests.Inference;

public sealed class ExecutionProvidersTests
{
    [Theory]
    [InlineData("CPU")]
    [InlineData("cpu")]
    [InlineData(" Cpu ")]
    [InlineData("CPUExecutionProvider")]
    public void ANameIsResolvedAsTheBuildSpellsIt(string requested) => Assert.Equal("CPU", ExecutionProviders.Resolve(requested));

    [Fact]
    public void AProviderNotInTheBuildNamesWhatIs()
    {
        var error = Assert.Throws<AvatarDataException>(() => ExecutionProviders.Resolve("NoSuchAccelerator"));
        Assert.Equal("ExecutionProviderNotAvailable", error.ErrorId);
        Assert.Equal(AvatarErrorKind.NotAvailable, error.Kind);
        Assert.Contains("'NoSuchAccelerator'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CPU", error.Message, StringComparison.Ordinal);
    }
}
