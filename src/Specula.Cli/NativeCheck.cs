using System.Runtime.InteropServices;

namespace Specula.Cli;

/// <summary>
/// The native check engine: <c>specula check</c> compiled ahead of time to machine code (NativeAOT) from the same
/// sources, which a publish for a runtime ships as <c>native/specula</c> beside this app (<c>eng/run.sh</c> builds
/// it). A short <c>specula check</c>, such as one trace validation, then spends a few milliseconds where this
/// runtime spends a quarter of a second loading types and compiling generic code; the process replaces itself with
/// the engine, so arguments, environment, standard streams, signals and the exit code are the engine's own.
/// </summary>
internal static partial class NativeCheck
{
    /// <summary>
    /// The environment variable that chooses: unset or empty uses the engine beside the app when present, <c>0</c>
    /// checks in this process, any other value is the engine's path.
    /// </summary>
    public const string Variable = "SPECULA_NATIVE_CHECK";

    /// <summary>Where the engine lies, relative to the app's folder (named <c>specula</c> so its usage lines read the same).</summary>
    public static readonly string RelativePath = Path.Combine("native", "specula");

    // Help and the parser's diagnostic directives print the command's name, which the engine would spell as its own.
    private static readonly string[] KeptHere = ["--help", "-h", "-?", "/?", "/h"];

    /// <summary>
    /// The engine that should run this command line: only for <c>check</c> (not its help), on Linux or macOS, when
    /// <paramref name="setting"/> allows it and the file exists; null to run it in this process.
    /// </summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="appFolder">The folder of this app.</param>
    /// <param name="setting">The value of <see cref="Variable"/>.</param>
    public static string? Find(IReadOnlyList<string> args, string appFolder, string? setting)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] != "check" || args.Any(a => KeptHere.Contains(a) || a.StartsWith('[')) || setting == "0")
        {
            return null;
        }
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }
        var engine = string.IsNullOrEmpty(setting) ? Path.Combine(appFolder, RelativePath) : setting;
        return File.Exists(engine) ? engine : null;
    }

    /// <summary>
    /// Replaces this process with <paramref name="engine"/> run on <paramref name="args"/>; returns only when that
    /// failed, after saying so on <paramref name="stderr"/> (the caller then checks in this process).
    /// </summary>
    public static void Exec(string engine, IReadOnlyList<string> args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(args);
        // execv wants NUL-terminated UTF-8 strings and a null-terminated array; they are freed only when it fails.
        var argv = new IntPtr[args.Count + 2];
        argv[0] = Marshal.StringToCoTaskMemUTF8("specula");
        for (var i = 0; i < args.Count; i++)
        {
            argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
        }
        var path = Marshal.StringToCoTaskMemUTF8(engine);
        try
        {
            // Output written so far would be lost with this process's buffers; nothing has been written yet.
            _ = Execv(path, argv);
            stderr.WriteLine($"warning: could not start the native check engine {engine} ({Marshal.GetLastPInvokeErrorMessage()}); checking with the managed build.");
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
            foreach (var arg in argv)
            {
                Marshal.FreeCoTaskMem(arg);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int Execv(IntPtr path, IntPtr[] argv);
}
