using System.Collections.Immutable;
using System.Text;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Config;

/// <summary>A name given in a <c>.cfg</c> file (an invariant, the next-state action, ...) and where it is written.</summary>
/// <param name="Name">The definition's name as written.</param>
/// <param name="Location">Where the name is written.</param>
public sealed record ConfigName(string Name, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A boolean setting such as <c>CHECK_DEADLOCK FALSE</c> and where it is written.</summary>
/// <param name="Value">The value given.</param>
/// <param name="Location">Where the value is written.</param>
public sealed record ConfigFlag(bool Value, SourceLocation Location);

/// <summary>
/// An entry <c>N = v</c> of a CONSTANT(S) section: the constant (or definition) <c>N</c> gets value <c>v</c>. With
/// <see cref="Arguments"/>, one point of a constant operator defined pointwise (<c>F(1, 2) = 3</c>); with
/// <see cref="Module"/>, a definition of that module replaced by a value (<c>N = [M] v</c>).
/// </summary>
/// <param name="Name">The constant, e.g. <c>N</c>, or <c>I!N</c> for a name reached through an instance.</param>
/// <param name="Arguments">Arguments of a pointwise operator definition; empty for a plain constant.</param>
/// <param name="Value">The value assigned.</param>
/// <param name="Module">The module named in <c>[M]</c>, or null for the main module.</param>
/// <param name="Location">Where the constant's name is written.</param>
public sealed record ConstantAssignment(
    string Name,
    ImmutableArray<ConfigValue> Arguments,
    ConfigValue Value,
    string? Module,
    SourceLocation Location)
{
    /// <summary>True for <c>a = a</c>: the constant is the model value of its own name.</summary>
    public bool IsModelValueOfItsName => Arguments.IsEmpty && Value is ConfigModelValue m && m.Name == Name;

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder(Name);
        if (!Arguments.IsEmpty)
        {
            ConfigSet.FormatList(builder, "(", Arguments, ")");
        }
        builder.Append(" = ");
        if (Module is not null)
        {
            builder.Append('[').Append(Module).Append("] ");
        }
        Value.Format(builder);
        return builder.ToString();
    }
}

/// <summary>
/// An entry <c>Op &lt;- Def</c> of a CONSTANT(S) section: the constant or definition <c>Op</c> is replaced by the
/// definition <c>Def</c> (of the main module); with <see cref="Module"/>, <c>Op &lt;- [M] Def</c> replaces
/// <c>Op</c> in module <c>M</c>.
/// </summary>
/// <param name="Name">The constant or definition replaced.</param>
/// <param name="Definition">The name of the definition that replaces it.</param>
/// <param name="Module">The module named in <c>[M]</c>, or null for the main module.</param>
/// <param name="Location">Where the replaced name is written.</param>
/// <param name="DefinitionLocation">Where the replacing definition's name is written.</param>
public sealed record ConstantOverride(
    string Name,
    string Definition,
    string? Module,
    SourceLocation Location,
    SourceLocation DefinitionLocation)
{
    /// <inheritdoc />
    public override string ToString() =>
        Module is null ? $"{Name} <- {Definition}" : $"{Name} <- [{Module}] {Definition}";
}

/// <summary>
/// A TLC model configuration, as read from a <c>.cfg</c> file: what to check and with which constants. Immutable;
/// entries keep the order in which they are written, and every one carries its source location. Names are not
/// resolved against the specification here; that is the checker's job.
/// </summary>
/// <param name="Path">The file as named by the caller.</param>
public sealed record ModelConfig(string Path)
{
    /// <summary>SPECIFICATION: the temporal formula <c>Init /\ [][Next]_vars /\ ...</c> to check, or null.</summary>
    public ConfigName? Specification { get; init; }

    /// <summary>INIT: the initial predicate, or null (given with <see cref="Next"/> instead of <see cref="Specification"/>).</summary>
    public ConfigName? Init { get; init; }

    /// <summary>NEXT: the next-state action, or null.</summary>
    public ConfigName? Next { get; init; }

    /// <summary>CONSTANT(S) entries <c>N = v</c>, <c>F(a) = v</c> and <c>N = [M] v</c>, in written order.</summary>
    public ImmutableArray<ConstantAssignment> Constants { get; init; } = [];

    /// <summary>CONSTANT(S) entries <c>Op &lt;- Def</c> and <c>Op &lt;- [M] Def</c>, in written order.</summary>
    public ImmutableArray<ConstantOverride> Overrides { get; init; } = [];

    /// <summary>INVARIANT(S): state predicates to check in every reachable state.</summary>
    public ImmutableArray<ConfigName> Invariants { get; init; } = [];

    /// <summary>PROPERTY/PROPERTIES: temporal properties to check.</summary>
    public ImmutableArray<ConfigName> Properties { get; init; } = [];

    /// <summary>CONSTRAINT(S): state constraints bounding the explored state space.</summary>
    public ImmutableArray<ConfigName> Constraints { get; init; } = [];

    /// <summary>ACTION_CONSTRAINT(S): action constraints bounding the explored transitions.</summary>
    public ImmutableArray<ConfigName> ActionConstraints { get; init; } = [];

    /// <summary>POSTCONDITION(S): constant-level predicates checked after model checking ends.</summary>
    public ImmutableArray<ConfigName> PostConditions { get; init; } = [];

    /// <summary>SYMMETRY: the definition of a set of permutations of model values, or null.</summary>
    public ConfigName? Symmetry { get; init; }

    /// <summary>VIEW: the state function whose value identifies states, or null.</summary>
    public ConfigName? View { get; init; }

    /// <summary>ALIAS: the record-valued state function used to print counterexample states, or null.</summary>
    public ConfigName? Alias { get; init; }

    /// <summary>The CHECK_DEADLOCK setting as written, or null when absent.</summary>
    public ConfigFlag? CheckDeadlockSetting { get; init; }

    /// <summary>Whether deadlock is reported: the CHECK_DEADLOCK value, or TLC's default, true.</summary>
    public bool CheckDeadlock => CheckDeadlockSetting?.Value ?? true;

    /// <summary>_PERIODIC: TLC's undocumented, experimental periodic action, or null.</summary>
    public ConfigName? Periodic { get; init; }

    /// <summary>_RL_REWARD: TLC's undocumented, experimental reward of its reinforcement-learning simulator, or null.</summary>
    public ConfigName? RLReward { get; init; }

    /// <summary>_POSSIBLE: TLC's undocumented, experimental "possibly reachable" predicates.</summary>
    public ImmutableArray<ConfigName> Possible { get; init; } = [];

    /// <summary>
    /// The value of a main-module constant <c>N = v</c> as TLC uses it: the last plain assignment of that name, or null
    /// when there is none (or when it is overridden with <c>&lt;-</c>, which wins in TLC).
    /// </summary>
    public ConfigValue? ValueOf(string name)
    {
        if (Overrides.Any(o => o.Module is null && o.Name == name))
        {
            return null;
        }
        for (var i = Constants.Length - 1; i >= 0; i--)
        {
            var c = Constants[i];
            if (c.Module is null && c.Arguments.IsEmpty && c.Name == name)
            {
                return c.Value;
            }
        }
        return null;
    }

    /// <summary>
    /// The configuration as canonical <c>.cfg</c> text that TLC and <see cref="ModelConfigReader"/> read back to the same
    /// configuration: one section per keyword, one entry per line, assignments before overrides, comments dropped.
    /// </summary>
    public string Format()
    {
        var builder = new StringBuilder();
        if (!Constants.IsEmpty || !Overrides.IsEmpty)
        {
            builder.Append(ConfigKeywords.Constants).Append('\n');
            foreach (var constant in Constants)
            {
                builder.Append("    ").Append(constant).Append('\n');
            }
            foreach (var replacement in Overrides)
            {
                builder.Append("    ").Append(replacement).Append('\n');
            }
        }
        AppendName(builder, ConfigKeywords.Specification, Specification);
        AppendName(builder, ConfigKeywords.Init, Init);
        AppendName(builder, ConfigKeywords.Next, Next);
        AppendNames(builder, ConfigKeywords.Constraints, Constraints);
        AppendNames(builder, ConfigKeywords.ActionConstraints, ActionConstraints);
        AppendNames(builder, ConfigKeywords.Invariants, Invariants);
        AppendNames(builder, ConfigKeywords.Properties, Properties);
        AppendName(builder, ConfigKeywords.Symmetry, Symmetry);
        AppendName(builder, ConfigKeywords.View, View);
        AppendName(builder, ConfigKeywords.Alias, Alias);
        AppendNames(builder, ConfigKeywords.PostConditions, PostConditions);
        if (CheckDeadlockSetting is { } flag)
        {
            builder.Append(ConfigKeywords.CheckDeadlock).Append(flag.Value ? " TRUE" : " FALSE").Append('\n');
        }
        AppendName(builder, ConfigKeywords.Periodic, Periodic);
        AppendName(builder, ConfigKeywords.RLReward, RLReward);
        AppendNames(builder, ConfigKeywords.Possible, Possible);
        return builder.ToString();
    }

    private static void AppendName(StringBuilder builder, string keyword, ConfigName? name)
    {
        if (name is not null)
        {
            builder.Append(keyword).Append(' ').Append(name.Name).Append('\n');
        }
    }

    private static void AppendNames(StringBuilder builder, string keyword, ImmutableArray<ConfigName> names)
    {
        if (names.IsEmpty)
        {
            return;
        }
        builder.Append(keyword).Append('\n');
        foreach (var name in names)
        {
            builder.Append("    ").Append(name.Name).Append('\n');
        }
    }

    /// <summary>
    /// The names of all model values the configuration mentions (in values and arguments of assignments), distinct,
    /// in order of first appearance: the model values TLC creates for this model.
    /// </summary>
    public ImmutableArray<string> ModelValueNames()
    {
        var names = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ConfigValue>();
        foreach (var constant in Constants)
        {
            pending.Push(constant.Value);
            for (var i = constant.Arguments.Length - 1; i >= 0; i--)
            {
                pending.Push(constant.Arguments[i]);
            }
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case ConfigModelValue m when seen.Add(m.Name):
                        names.Add(m.Name);
                        break;
                    case ConfigSet set:
                        PushReversed(pending, set.Elements);
                        break;
                    case ConfigTuple tuple:
                        PushReversed(pending, tuple.Elements);
                        break;
                }
            }
        }
        return names.ToImmutable();
    }

    private static void PushReversed(Stack<ConfigValue> stack, ImmutableArray<ConfigValue> values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            stack.Push(values[i]);
        }
    }

    /// <summary>The definition replacing a main-module name, <c>Op &lt;- Def</c> (the last one, as in TLC), or null.</summary>
    public ConstantOverride? OverrideOf(string name)
    {
        for (var i = Overrides.Length - 1; i >= 0; i--)
        {
            if (Overrides[i].Module is null && Overrides[i].Name == name)
            {
                return Overrides[i];
            }
        }
        return null;
    }
}

/// <summary>
/// What reading a <c>.cfg</c> file gives: the configuration (as complete as the input allows) and every problem
/// found, in source order. Reading never throws on bad input.
/// </summary>
/// <param name="Config">The configuration read; partial when there were errors.</param>
/// <param name="Diagnostics">Errors and warnings, in source order.</param>
public sealed record ConfigReadResult(ModelConfig Config, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when no error was reported (warnings allowed).</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
