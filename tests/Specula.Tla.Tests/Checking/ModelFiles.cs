using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Checking;

/// <summary>Small models written to a test's folder and checked as <c>specula check</c> checks them.</summary>
internal static class ModelFiles
{
    /// <summary>
    /// Writes <paramref name="module"/> as <c>name.tla</c> with <paramref name="config"/> as <c>name.cfg</c> (and the
    /// modules it uses) into <paramref name="folder"/>, loads it, asserts that every property is checked, and checks it
    /// with its temporal properties and no deadlock check.
    /// </summary>
    public static CheckResult Check(string folder, string name, string module, string config, params (string Name, string Text)[] others)
    {
        foreach (var (otherName, text) in others)
        {
            File.WriteAllText(Path.Combine(folder, otherName + ".tla"), text);
        }
        File.WriteAllText(Path.Combine(folder, name + ".tla"), module);
        File.WriteAllText(Path.Combine(folder, name + ".cfg"), config);
        var loaded = ModelLoader.Load(Path.Combine(folder, name + ".tla"));
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Model!.UncheckedProperties);
        return ModelChecker.Run(loaded.Model.CreateStateSpace(), new CheckOptions { CheckDeadlock = false, Temporal = loaded.Model.Temporal });
    }
}
