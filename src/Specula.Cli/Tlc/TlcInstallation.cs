using System.IO.Compression;

namespace Specula.Cli.Tlc;

/// <summary>
/// Where real TLC is: the Java launcher and the class path holding <c>tlc2.TLC</c> and, for specs that extend
/// <c>Json</c>, <c>IOUtils</c> and the other Community Modules, the Community Modules jar.
/// </summary>
/// <param name="Java">The <c>java</c> executable (from <c>JAVA_HOME</c>, else the one on <c>PATH</c>).</param>
/// <param name="Jar">The <c>tla2tools.jar</c>; null when TLC comes from a class path (<c>TLA2TOOLS_CP</c>).</param>
/// <param name="CommunityModulesJar">The Community Modules jar put beside it on the class path; null when none.</param>
/// <param name="BaseClassPath">The class path without the Community Modules jar: the jar, or <c>TLA2TOOLS_CP</c>.</param>
/// <param name="Source">Where it was found, for messages (an option or an environment variable).</param>
internal sealed record TlcInstallation(string Java, string? Jar, string? CommunityModulesJar, string BaseClassPath, string Source)
{
    /// <summary>The environment variable naming <c>tla2tools.jar</c>.</summary>
    public const string JarVariable = "TLA2TOOLS_JAR";

    /// <summary>The environment variable giving a whole class path instead (TLC built from source, with its libraries).</summary>
    public const string ClassPathVariable = "TLA2TOOLS_CP";

    /// <summary>The environment variable naming the Community Modules jar.</summary>
    public const string CommunityModulesVariable = "TLA_COMMUNITY_MODULES_JAR";

    /// <summary>How to set TLC up, for help texts and the messages that say TLC was not found.</summary>
    public const string Setup = $"set {JarVariable} to a tla2tools.jar and {CommunityModulesVariable} to a CommunityModules jar "
        + $"(found beside tla2tools.jar when named CommunityModules*.jar), or {ClassPathVariable} to a class path holding both";

    /// <summary>The class path TLC runs with.</summary>
    public string ClassPath => CommunityModulesJar is null ? BaseClassPath : BaseClassPath + Path.PathSeparator + CommunityModulesJar;

    /// <summary>
    /// Whether TLC can load the Community Modules: a Community Modules jar is on the class path, or the jar itself
    /// holds them (some builds bundle them); a class path from <c>TLA2TOOLS_CP</c> is taken on trust.
    /// </summary>
    public bool HasCommunityModules => CommunityModulesJar is not null || Jar is null || HoldsCommunityModules(Jar);

    /// <summary>Finds TLC from the options, then the environment.</summary>
    /// <param name="jar">The <c>--tlc-jar</c> option, or null.</param>
    /// <param name="communityModules">The <c>--community-modules</c> option, or null.</param>
    /// <param name="error">Why TLC cannot run, when it cannot.</param>
    /// <returns>The installation, or null with <paramref name="error"/> set.</returns>
    public static TlcInstallation? Locate(string? jar, string? communityModules, out string? error) =>
        Locate(jar, communityModules, Environment.GetEnvironmentVariable, out error);

    /// <summary>Finds TLC from the options, then <paramref name="environment"/>.</summary>
    /// <param name="jar">The <c>--tlc-jar</c> option, or null.</param>
    /// <param name="communityModules">The <c>--community-modules</c> option, or null.</param>
    /// <param name="environment">The environment variables (the process's, or a test's).</param>
    /// <param name="error">Why TLC cannot run, when it cannot.</param>
    /// <returns>The installation, or null with <paramref name="error"/> set.</returns>
    public static TlcInstallation? Locate(string? jar, string? communityModules, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var source = jar is null ? JarVariable : "--tlc-jar";
        jar ??= environment(JarVariable);
        var communitySource = communityModules is null ? CommunityModulesVariable : "--community-modules";
        communityModules ??= environment(CommunityModulesVariable);
        if (!string.IsNullOrWhiteSpace(communityModules) && !File.Exists(communityModules))
        {
            error = $"no Community Modules jar at '{communityModules}' ({communitySource}).";
            return null;
        }
        var community = string.IsNullOrWhiteSpace(communityModules) ? null : Path.GetFullPath(communityModules);
        var java = JavaLauncher(environment);
        if (string.IsNullOrWhiteSpace(jar))
        {
            if (environment(ClassPathVariable) is { Length: > 0 } classPath)
            {
                error = null;
                return new TlcInstallation(java, null, community, classPath, ClassPathVariable);
            }
            error = $"TLC needs tla2tools.jar: give --tlc-jar, or {Setup}.";
            return null;
        }
        if (!File.Exists(jar))
        {
            error = $"no tla2tools.jar at '{jar}' ({source}).";
            return null;
        }
        jar = Path.GetFullPath(jar);
        error = null;
        return new TlcInstallation(java, jar, community ?? BesideJar(jar), jar, source);
    }

    /// <summary>One line saying which TLC runs and whether it has the Community Modules.</summary>
    public string Describe()
    {
        var classPath = ClassPath.Length > 100 ? ClassPath[..97] + "..." : ClassPath;
        var modules = CommunityModulesJar is not null ? $"Community Modules {Path.GetFileName(CommunityModulesJar)}"
            : Jar is null ? "Community Modules as the class path has them"
            : HasCommunityModules ? "Community Modules inside the jar"
            : $"NO Community Modules: specs extending IOUtils and the like cannot run ({Setup})";
        return $"TLC: {Java} -cp {classPath} (from {Source}); {modules}.";
    }

    private static string JavaLauncher(Func<string, string?> environment)
    {
        var javaHome = environment("JAVA_HOME");
        return !string.IsNullOrEmpty(javaHome) && File.Exists(Path.Combine(javaHome, "bin", "java")) ? Path.Combine(javaHome, "bin", "java") : "java";
    }

    /// <summary>
    /// A CommunityModules jar in the folder of <paramref name="jar"/> (the Toolbox and most TLC set-ups keep the two
    /// together), unless the jar already holds the modules; the newest by name when there are several.
    /// </summary>
    private static string? BesideJar(string jar)
    {
        if (HoldsCommunityModules(jar) || Path.GetDirectoryName(jar) is not { } folder)
        {
            return null;
        }
        return Directory.EnumerateFiles(folder, "CommunityModules*.jar")
            .Where(path => !Path.GetFileName(path).Contains("sources", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
    }

    private static bool HoldsCommunityModules(string jar)
    {
        try
        {
            using var archive = ZipFile.OpenRead(jar);
            // IOUtils, not Json: tla2tools.jar has its own Json.tla, but IOUtils only comes with the Community Modules.
            return archive.GetEntry("tlc2/overrides/IOUtils.class") is not null || archive.GetEntry("IOUtils.tla") is not null;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
