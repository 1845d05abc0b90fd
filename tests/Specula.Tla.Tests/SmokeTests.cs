namespace Specula.Tla.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Engine_assembly_loads() => Assert.Equal("Specula.Tla", typeof(Specula.Tla.Syntax.SourceText).Assembly.GetName().Name);
}
