using System.Globalization;
using Specula.Repos;
using Specula.Repos.Git;

namespace Specula.Cli.Commands;

/// <summary>Prints clone and fetch progress as a few lines (a quarter at a time), not a line per packet.</summary>
internal sealed class RepositoryProgressPrinter(TextWriter stdout, string what) : IProgress<RepoProgress>
{
    private readonly Lock _gate = new();
    private string? _phase;
    private int _quarter = -1;

    public void Report(RepoProgress value)
    {
        if (value.Phase == "checkout" || value.TotalObjects == 0)
        {
            return;
        }
        var quarter = (int)(4L * value.ReceivedObjects / value.TotalObjects);
        lock (_gate)
        {
            if (value.Phase == _phase && quarter <= _quarter)
            {
                return;
            }
            if (value.Phase != _phase)
            {
                _phase = value.Phase;
                stdout.WriteLine($"{value.Phase} {SecretRedactor.RedactCommon(what)}");
            }
            _quarter = quarter;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.ReceivedObjects}/{value.TotalObjects} objects, {value.ReceivedBytes / 1024.0:0.0} KiB"));
        }
    }
}
