namespace Specula.Tla.Config;

/// <summary>
/// Stable codes of the diagnostics reported when reading a TLC model configuration (<c>.cfg</c>) file (TLA4xxx).
/// Codes never change meaning once published; users and the repair loop search for them. Where TLC has a message for
/// the same problem, the diagnostic's message uses TLC's wording.
/// </summary>
public static class ConfigCodes
{
    /// <summary>The file could not be read (missing, unreadable): TLC's "error when trying to read the configuration file".</summary>
    public const string CannotRead = "TLA4000";

    /// <summary>
    /// A character that starts no token, or a string literal without its closing quote. TLC stops reading the file
    /// there; where it expected a keyword it silently ignores the rest (then this is a warning), elsewhere it fails.
    /// </summary>
    public const string UnexpectedCharacter = "TLA4001";

    /// <summary>A <c>(*</c> comment without its <c>*)</c>. TLC ignores the rest of the file, so this is a warning.</summary>
    public const string UnterminatedComment = "TLA4002";

    /// <summary>
    /// Where a keyword was expected (at the start of a section) something else was found, e.g. a misspelt or lower-case
    /// keyword: TLC's "It was expecting a keyword, but did not find it." Keywords are case-sensitive.
    /// </summary>
    public const string UnknownKeyword = "TLA4010";

    /// <summary>A single-name keyword (INIT, NEXT, SPECIFICATION, ...) is not followed by a name: "The keyword INIT was not followed by an identifier."</summary>
    public const string MissingName = "TLA4011";

    /// <summary>A keyword that takes one name (INIT, NEXT, SPECIFICATION, VIEW, SYMMETRY, ALIAS, CHECK_DEADLOCK) appears twice: "The keyword INIT appeared twice."</summary>
    public const string DuplicateKeyword = "TLA4012";

    /// <summary>
    /// Something other than an identifier where a definition's name was expected (e.g. a comma between invariant names).
    /// TLC takes any token for a name and fails later when no definition has it. A warning for an entry TLC ignores,
    /// such as <c>3 = v</c> in a CONSTANTS section.
    /// </summary>
    public const string ExpectedName = "TLA4013";

    /// <summary>A constant's name is not followed by <c>=</c> or <c>&lt;-</c>: "It was expecting = or &lt;-, but did not find it."</summary>
    public const string ExpectedAssignment = "TLA4014";

    /// <summary>A value is missing or is not one TLC accepts (integer, string, TRUE, FALSE, model value, set of values).</summary>
    public const string ExpectedValue = "TLA4015";

    /// <summary>A set value is not closed, or its elements are not separated by commas: "It was expecting }, but did not find it."</summary>
    public const string MalformedSet = "TLA4016";

    /// <summary>A module-specific assignment or override (<c>N = [M] v</c>, <c>Op &lt;- [M] Def</c>) lacks the module's name or its closing <c>]</c>.</summary>
    public const string MalformedModuleScope = "TLA4017";

    /// <summary>Both SPECIFICATION and INIT/NEXT are given: "The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields."</summary>
    public const string SpecificationWithInitNext = "TLA4018";

    /// <summary>
    /// A constant is assigned (or overridden) more than once, or both assigned and overridden. TLC accepts this and
    /// silently uses the last assignment (an override wins over an assignment), so this is a warning.
    /// </summary>
    public const string DuplicateConstant = "TLA4019";

    /// <summary>A constant operator is defined pointwise (<c>F(1) = 2</c>) with differing numbers of arguments: TLC's "inconsistent arity".</summary>
    public const string InconsistentArity = "TLA4020";

    /// <summary>CHECK_DEADLOCK is followed by something other than TRUE or FALSE: "It was expecting TRUE or FALSE, but did not find it."</summary>
    public const string ExpectedBoolean = "TLA4021";

    /// <summary>
    /// The file uses a form Specula reads but TLC rejects: a negative integer, a tuple <c>&lt;&lt;...&gt;&gt;</c>, an
    /// integer outside TLC's 32-bit range, or a <c>\b</c>, <c>\o</c>, <c>\h</c> literal. A warning, so a model stays
    /// portable to TLC.
    /// </summary>
    public const string NotAcceptedByTlc = "TLA4022";

    /// <summary>A list keyword (INVARIANT, PROPERTY, CONSTANTS, ...) is followed by no entries. TLC ignores it, so this is a warning.</summary>
    public const string EmptySection = "TLA4023";

    /// <summary>Values are nested deeper than the reader supports.</summary>
    public const string NestingTooDeep = "TLA4024";

    /// <summary>An embedded configuration (<c>---- CONFIG Name ----</c> in a <c>.tla</c> file) was not found.</summary>
    public const string MissingEmbeddedConfig = "TLA4025";
}
