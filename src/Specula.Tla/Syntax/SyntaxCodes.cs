namespace Specula.Tla.Syntax;

/// <summary>
/// Stable codes of lexical (TLA1xxx) and syntax (TLA2xxx) errors. Codes never change meaning once released, so
/// users and the repair loop can rely on them.
/// </summary>
public static class SyntaxCodes
{
    /// <summary>A character that starts no TLA+ token.</summary>
    public const string UnexpectedCharacter = "TLA1001";

    /// <summary>A string literal that does not end on its line.</summary>
    public const string UnterminatedString = "TLA1002";

    /// <summary>A <c>(*</c> comment without its <c>*)</c>.</summary>
    public const string UnterminatedComment = "TLA1003";

    /// <summary>An escape sequence TLA+ does not define.</summary>
    public const string BadEscape = "TLA1004";

    /// <summary>A backslash word that is no TLA+ operator, e.g. <c>\foo</c>.</summary>
    public const string UnknownOperatorSymbol = "TLA1005";

    /// <summary>A <c>\b</c>, <c>\o</c> or <c>\h</c> number with digits outside its base.</summary>
    public const string MalformedNumber = "TLA1006";

    /// <summary>No <c>---- MODULE Name ----</c> header was found.</summary>
    public const string MissingModuleHeader = "TLA2001";

    /// <summary>A token that cannot appear where it is.</summary>
    public const string UnexpectedToken = "TLA2002";

    /// <summary>A required token is missing (e.g. a closing bracket).</summary>
    public const string MissingToken = "TLA2003";

    /// <summary>The module does not end with a <c>====</c> line.</summary>
    public const string MissingModuleEnd = "TLA2004";

    /// <summary>An expression was expected.</summary>
    public const string ExpectedExpression = "TLA2005";

    /// <summary>Two operators of overlapping precedence are mixed without parentheses.</summary>
    public const string PrecedenceConflict = "TLA2006";

    /// <summary>An item of a bullet list is not aligned with the list's first bullet.</summary>
    public const string MisalignedBullet = "TLA2007";

    /// <summary>Expressions are nested deeper than the parser supports.</summary>
    public const string NestingTooDeep = "TLA2008";

    /// <summary>A definition or declaration was expected at module level.</summary>
    public const string ExpectedUnit = "TLA2009";

    /// <summary>The header names a module whose name differs from its file's name.</summary>
    public const string ModuleNameMismatch = "TLA2010";

    /// <summary>A number too large to represent is not an error; a malformed bound list is.</summary>
    public const string MalformedBound = "TLA2011";
}
