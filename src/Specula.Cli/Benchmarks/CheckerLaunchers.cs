using System.Globalization;
using System.Reflection.PortableExecutable;

namespace Specula.Cli.Benchmarks;

/// <summary>Runs this very <c>specula</c> as a child process (its apphost, or <c>dotnet specula.dll</c>).</summary>
internal static class SpeculaLauncher
{
    /// <summary>Whether children start through the apphost (a published build) rather than <c>dotnet specula.dll</c>.</summary>
    public static bool IsAppHost => Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "dotnet") != "dotnet";

    /// <summary>
    /// Whether this build's code was compiled ahead of time (a ReadyToRun publish, as <c>eng/run.sh</c> makes), so
    /// that start-up figures say which build they measured.
    /// </summary>
    public static bool IsReadyToRun()
    {
        using var stream = File.OpenRead(typeof(SpeculaLauncher).Assembly.Location);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>
    /// Which build a child <c>specula check</c> runs, for the figures' heading: ReadyToRun or JIT-only, and whether it
    /// replaces itself with the native check engine (see <see cref="NativeCheck"/>).
    /// </summary>
    public static string DescribeBuild()
    {
        var build = IsReadyToRun() ? "a ReadyToRun build" : "a JIT-only build (eng/run.sh publishes a ReadyToRun one)";
        var engine = NativeCheck.Find(["check", "Spec.tla"], AppContext.BaseDirectory, Environment.GetEnvironmentVariable(NativeCheck.Variable));
        return engine is null ? build + ", `check` in the managed app" : $"{build}, `check` on the native engine {engine} (NativeAOT)";
    }

    /// <summary><c>specula check</c> of <paramref name="spec"/> with <paramref name="config"/>, measured.</summary>
    public static ProcessMeasurement Check(string spec, string config, int workers, TimeSpan maxTime, CancellationToken cancellationToken) =>
        Run(["check", spec, "--config", config, "--workers", workers.ToString(CultureInfo.InvariantCulture)], Path.GetDirectoryName(spec)!, maxTime, cancellationToken);

    /// <summary><c>specula --version</c>, measured: the runtime's start with no TLA+ work.</summary>
    public static ProcessMeasurement Version(TimeSpan maxTime, CancellationToken cancellationToken) =>
        Run(["--version"], Environment.CurrentDirectory, maxTime, cancellationToken);

    private static ProcessMeasurement Run(string[] arguments, string workingDirectory, TimeSpan maxTime, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        string[] prefix = IsAppHost ? [] : [typeof(SpeculaLauncher).Assembly.Location];
        return MeasuredProcess.Run(host, [.. prefix, .. arguments], workingDirectory, maxTime, cancellationToken);
    }
}

/// <summary>How to start TLC: java and a classpath holding <c>tlc2.TLC</c>.</summary>
/// <param name="Java">The <c>java</c> executable.</param>
/// <param name="ClassPath">The class path (a <c>tla2tools.jar</c>, or a folder of classes and jars).</param>
/// <param name="Source">The environment variable it came from.</param>
internal sealed record TlcLauncher(string Java, string ClassPath, string Source)
{
    /// <summary>
    /// TLC as <c>specula check --backend tlc</c> finds it (<c>TLA2TOOLS_JAR</c> with the Community Modules jar, else
    /// <c>TLA2TOOLS_CP</c>), with java from <c>JAVA_HOME</c> or the path; null when neither is set.
    /// </summary>
    public static TlcLauncher? FromEnvironment() =>
        Tlc.TlcInstallation.Locate(null, null, out _) is { } tlc ? new TlcLauncher(tlc.Java, tlc.ClassPath, tlc.Source) : null;

    /// <summary>One line saying which TLC runs, or why none does.</summary>
    public static string Describe(TlcLauncher? tlc, bool disabled) => tlc switch
    {
        not null => $"TLC: {tlc.Java} -cp {(tlc.ClassPath.Length > 80 ? tlc.ClassPath[..77] + "..." : tlc.ClassPath)} (from {tlc.Source}); runs side by side.",
        null when disabled => "TLC: not run (--no-tlc); no comparison.",
        null => "TLC: not found; set TLA2TOOLS_JAR to a tla2tools.jar (or TLA2TOOLS_CP to a classpath) to compare. Skipping the comparison.",
    };

    /// <summary>TLC's model check of <paramref name="spec"/> with <paramref name="config"/> in a fresh JVM, measured.</summary>
    /// <param name="spec">The root module; TLC runs in its folder.</param>
    /// <param name="config">The configuration file.</param>
    /// <param name="workers">TLC's <c>-workers</c>.</param>
    /// <param name="maxTime">When to kill it.</param>
    /// <param name="cancellationToken">Kills it when cancelled.</param>
    /// <param name="options">More TLC options, put before the spec.</param>
    public ProcessMeasurement Check(string spec, string config, int workers, TimeSpan maxTime, CancellationToken cancellationToken,
        IReadOnlyList<string>? options = null)
    {
        var metadir = Directory.CreateTempSubdirectory("specula-bench-tlc-").FullName;
        try
        {
            string[] arguments =
            [
                "-XX:+UseParallelGC", "-cp", ClassPath, "tlc2.TLC", "-workers", workers.ToString(CultureInfo.InvariantCulture),
                "-metadir", metadir, "-cleanup", "-config", config, .. options ?? [], Path.GetFileName(spec),
            ];
            return MeasuredProcess.Run(Java, arguments, Path.GetDirectoryName(spec)!, maxTime, cancellationToken);
        }
        finally
        {
            Directory.Delete(metadir, recursive: true);
        }
    }
}
