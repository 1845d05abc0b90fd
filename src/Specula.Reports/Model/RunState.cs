namespace Specula.Reports.Model;

/// <summary>run.json (<c>specula.run/v1</c>): the checkpoint <c>--resume</c> reads.</summary>
/// <param name="Schema">Always <see cref="SchemaV1"/>.</param>
/// <param name="RunId">The run's identifier.</param>
/// <param name="Target">The system being modelled.</param>
/// <param name="Reasoner">The reasoner in use.</param>
/// <param name="Budget">What the run may spend.</param>
/// <param name="State">Running or done.</param>
/// <param name="Round">The round reached.</param>
/// <param name="Phase">The phase reached.</param>
public sealed record RunState(string Schema, string RunId, RunTarget Target, ReasonerInfo Reasoner, RunBudget Budget, RunStatus State, int Round, string Phase)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string SchemaV1 = "specula.run/v1";

    /// <summary>Writes run.json atomically, so a kill in the middle leaves the previous checkpoint whole.</summary>
    public void Write(string path) => VersionedJsonFile.WriteAtomically(path, this, ReportsJson.Indented.RunState);

    /// <summary>Reads run.json; a missing file, broken JSON or an unknown schema is a <see cref="FileError"/>.</summary>
    public static ReadResult<RunState> Read(string path) => VersionedJsonFile.Read(path, SchemaV1, ReportsJsonContext.Default.RunState);
}
