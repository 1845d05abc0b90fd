namespace Specula.Cli.Tlc;

/// <summary>Where real TLC is: the Java launcher, <c>tla2tools.jar</c> and, optionally, the Community Modules jar.</summary>
/// <param name="Java">The <c>java</c> executable (from <c>JAVA_HOME</c>, else the one on <c>PATH</c>).</param>
/// <param name="Jar">The <c>tla2tools.jar</c> (option, else <c>TLA2TOOLS_JAR</c>).</param>
/// <param name="CommunityModulesJar">The CommunityModules jar put beside it on the class path; null when none.</param>
internal sealed record TlcInstallation(string Java, string Jar, string? CommunityModulesJar)
{
    /// <summary>The environment variable naming <c>tla2tools.jar</c>.</summary>
    public const string JarVariable = "TLA2TOOLS_JAR";

    /// <summary>The environment variable naming the Community Modules jar.</summary>
    public const string CommunityModulesVariable = "TLA_COMMUNITY_MODULES_JAR";

    /// <summary>The class path TLC runs with.</summary>
    public string ClassPath => CommunityModulesJar is null ? Jar : Jar + Path.PathSeparator + CommunityModulesJar;

    /// <summary>Finds TLC from the options, then the environment.</summary>
    /// <param name="jar">The <c>--tlc-jar</c> option, or null.</param>
    /// <param name="communityModules">The <c>--community-modules</c> option, or null.</param>
    /// <param name="error">Why TLC cannot run, when it cannot.</param>
    /// <returns>The installation, or null with <paramref name="error"/> set.</returns>
    public static TlcInstallation? Locate(string? jar, string? communityModules, out string? error)
    {
        jar ??= Environment.GetEnvironmentVariable(JarVariable);
        communityModules ??= Environment.GetEnvironmentVariable(CommunityModulesVariable);
        if (string.IsNullOrWhiteSpace(jar))
        {
            error = $"the TLC backend needs tla2tools.jar: set {JarVariable} or give --tlc-jar.";
            return null;
        }
        if (!File.Exists(jar))
        {
            error = $"no tla2tools.jar at '{jar}'.";
            return null;
        }
        if (!string.IsNullOrWhiteSpace(communityModules) && !File.Exists(communityModules))
        {
            error = $"no Community Modules jar at '{communityModules}'.";
            return null;
        }
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        var java = !string.IsNullOrEmpty(javaHome) && File.Exists(Path.Combine(javaHome, "bin", "java")) ? Path.Combine(javaHome, "bin", "java") : "java";
        error = null;
        return new TlcInstallation(java, Path.GetFullPath(jar), string.IsNullOrWhiteSpace(communityModules) ? null : Path.GetFullPath(communityModules));
    }
}
