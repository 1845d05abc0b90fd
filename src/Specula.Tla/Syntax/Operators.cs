using System.Collections.Frozen;

namespace Specula.Tla.Syntax;

/// <summary>Associativity of an infix operator.</summary>
public enum Associativity
{
    /// <summary><c>a op b op c</c> is a precedence conflict.</summary>
    None,

    /// <summary><c>a op b op c</c> means <c>(a op b) op c</c>.</summary>
    Left,
}

/// <summary>The precedence range of an operator, as in table 6 of <i>Specifying Systems</i>.</summary>
/// <param name="Low">Lowest precedence.</param>
/// <param name="High">Highest precedence.</param>
/// <param name="Associativity">Whether repeated use associates to the left.</param>
public readonly record struct Precedence(int Low, int High, Associativity Associativity = Associativity.None)
{
    /// <summary>True when the ranges overlap, so mixing the two operators without parentheses is a conflict.</summary>
    public bool Overlaps(Precedence other) => Low <= other.High && other.Low <= High;
}

/// <summary>Spellings, synonyms and precedences of TLA+'s operator symbols.</summary>
public static class Operators
{
    /// <summary>Backslash words and their canonical spelling.</summary>
    internal static readonly FrozenDictionary<string, string> BackslashWords = new Dictionary<string, string>
    {
        ["\\in"] = "\\in", ["\\notin"] = "\\notin", ["\\cup"] = "\\cup", ["\\union"] = "\\cup",
        ["\\cap"] = "\\cap", ["\\intersect"] = "\\cap", ["\\subseteq"] = "\\subseteq", ["\\subset"] = "\\subset",
        ["\\supseteq"] = "\\supseteq", ["\\supset"] = "\\supset", ["\\X"] = "\\X", ["\\times"] = "\\X",
        ["\\o"] = "\\o", ["\\circ"] = "\\o", ["\\div"] = "\\div", ["\\leq"] = "<=", ["\\geq"] = ">=",
        ["\\lnot"] = "~", ["\\neg"] = "~", ["\\land"] = "/\\", ["\\lor"] = "\\/", ["\\equiv"] = "<=>",
        ["\\prec"] = "\\prec", ["\\preceq"] = "\\preceq", ["\\succ"] = "\\succ", ["\\succeq"] = "\\succeq",
        ["\\sqsubset"] = "\\sqsubset", ["\\sqsubseteq"] = "\\sqsubseteq", ["\\sqsupset"] = "\\sqsupset",
        ["\\sqsupseteq"] = "\\sqsupseteq", ["\\sqcap"] = "\\sqcap", ["\\sqcup"] = "\\sqcup", ["\\uplus"] = "\\uplus",
        ["\\wr"] = "\\wr", ["\\oplus"] = "\\oplus", ["\\ominus"] = "\\ominus", ["\\otimes"] = "\\otimes",
        ["\\oslash"] = "\\oslash", ["\\odot"] = "\\odot", ["\\bigcirc"] = "\\bigcirc", ["\\bullet"] = "\\bullet",
        ["\\star"] = "\\star", ["\\sim"] = "\\sim", ["\\simeq"] = "\\simeq", ["\\approx"] = "\\approx",
        ["\\cong"] = "\\cong", ["\\doteq"] = "\\doteq", ["\\asymp"] = "\\asymp", ["\\ll"] = "\\ll", ["\\gg"] = "\\gg",
        ["\\propto"] = "\\propto", ["\\cdot"] = "\\cdot",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>ASCII symbol operators, longest first so the lexer can match greedily.</summary>
    internal static readonly string[] Symbols =
    [
        "-+->", "<=>", "::=", "...", "|->", "(+)", "(-)", "(.)", "(/)", "(\\X)",
        "/\\", "\\/", "=>", "/=", "<=", "=<", ">=", "..", "++", "--", "**", "//", "^^", "%%", "||", "&&", "$$", "??",
        "!!", "##", "@@", ":>", "<:", "|-", "-|", "|=", "=|", ":=", "^+", "^*", "^#", "~>", "<>", "[]", "->", "<-",
        "=", "#", "~", "<", ">", "\\", "+", "-", "*", "/", "^", "%", "&", "|", "$", "'", ".",
    ];

    /// <summary><see cref="Symbols"/> grouped by first character, longest first within each group.</summary>
    internal static readonly FrozenDictionary<char, string[]> SymbolsByFirstChar = Symbols
        .GroupBy(symbol => symbol[0])
        .ToFrozenDictionary(group => group.Key, group => group.ToArray());

    /// <summary>Synonyms of ASCII symbols.</summary>
    internal static readonly FrozenDictionary<string, string> SymbolSynonyms = new Dictionary<string, string>
    {
        ["#"] = "/=", ["=<"] = "<=", ["(+)"] = "\\oplus", ["(-)"] = "\\ominus", ["(.)"] = "\\odot",
        ["(/)"] = "\\oslash", ["(\\X)"] = "\\otimes",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Unicode forms and the ASCII they stand for.</summary>
    internal static readonly FrozenDictionary<char, string> Unicode = new Dictionary<char, string>
    {
        ['∧'] = "/\\", ['∨'] = "\\/", ['¬'] = "~", ['∈'] = "\\in", ['∉'] = "\\notin", ['⊆'] = "\\subseteq",
        ['⊂'] = "\\subset", ['⊇'] = "\\supseteq", ['⊃'] = "\\supset", ['∪'] = "\\cup", ['∩'] = "\\cap",
        ['≜'] = "==", ['→'] = "->", ['↦'] = "|->", ['⟨'] = "<<", ['⟩'] = ">>", ['□'] = "[]", ['◇'] = "<>",
        ['∀'] = "\\A", ['∃'] = "\\E", ['≤'] = "<=", ['≥'] = ">=", ['≠'] = "/=", ['×'] = "\\X", ['⇒'] = "=>",
        ['≡'] = "<=>", ['⇔'] = "<=>", ['↝'] = "~>", ['⇝'] = "~>", ['∘'] = "\\o", ['⊕'] = "\\oplus", ['⊖'] = "\\ominus",
        ['⊗'] = "\\otimes", ['⊘'] = "\\oslash", ['⊙'] = "\\odot", ['≺'] = "\\prec", ['≼'] = "\\preceq",
        ['≻'] = "\\succ", ['≽'] = "\\succeq", ['⊏'] = "\\sqsubset", ['⊑'] = "\\sqsubseteq", ['⊐'] = "\\sqsupset",
        ['⊒'] = "\\sqsupseteq", ['⊓'] = "\\sqcap", ['⊔'] = "\\sqcup", ['⊎'] = "\\uplus", ['≀'] = "\\wr",
        ['∼'] = "\\sim", ['≃'] = "\\simeq", ['≈'] = "\\approx", ['≅'] = "\\cong", ['≐'] = "\\doteq",
        ['≍'] = "\\asymp", ['≪'] = "\\ll", ['≫'] = "\\gg", ['∝'] = "\\propto", ['⋆'] = "\\star", ['∙'] = "\\bullet",
        ['◯'] = "\\bigcirc", ['⊢'] = "|-", ['⊣'] = "-|", ['⊨'] = "|=", ['⫤'] = "=|", ['‥'] = "..", ['…'] = "...",
        ['⋅'] = "\\cdot", ['÷'] = "\\div", ['⊸'] = "-+->", ['≔'] = ":=", ['⩴'] = "::=", ['∷'] = "::",
    }.ToFrozenDictionary();

    /// <summary>Infix operators and their precedence.</summary>
    public static readonly FrozenDictionary<string, Precedence> Infix = new Dictionary<string, Precedence>
    {
        ["=>"] = new(1, 1), ["<=>"] = new(2, 2), ["~>"] = new(2, 2), ["-+->"] = new(2, 2),
        ["/\\"] = new(3, 3, Associativity.Left), ["\\/"] = new(3, 3, Associativity.Left),
        ["="] = new(5, 5), ["/="] = new(5, 5), ["<"] = new(5, 5), [">"] = new(5, 5), ["<="] = new(5, 5), [">="] = new(5, 5),
        ["\\in"] = new(5, 5), ["\\notin"] = new(5, 5), ["\\subseteq"] = new(5, 5), ["\\subset"] = new(5, 5),
        ["\\supseteq"] = new(5, 5), ["\\supset"] = new(5, 5), ["\\prec"] = new(5, 5), ["\\preceq"] = new(5, 5),
        ["\\succ"] = new(5, 5), ["\\succeq"] = new(5, 5), ["\\sqsubset"] = new(5, 5), ["\\sqsubseteq"] = new(5, 5),
        ["\\sqsupset"] = new(5, 5), ["\\sqsupseteq"] = new(5, 5), ["\\sim"] = new(5, 5), ["\\simeq"] = new(5, 5),
        ["\\approx"] = new(5, 5), ["\\cong"] = new(5, 5), ["\\doteq"] = new(5, 5), ["\\asymp"] = new(5, 5),
        ["\\ll"] = new(5, 5), ["\\gg"] = new(5, 5), ["\\propto"] = new(5, 5), ["|-"] = new(5, 5), ["-|"] = new(5, 5),
        ["|="] = new(5, 5), ["=|"] = new(5, 5), [":="] = new(5, 5), ["::="] = new(5, 5),
        ["\\cdot"] = new(5, 14, Associativity.Left),
        ["@@"] = new(6, 6, Associativity.Left), [":>"] = new(7, 7), ["<:"] = new(7, 7),
        ["\\cup"] = new(8, 8, Associativity.Left), ["\\cap"] = new(8, 8, Associativity.Left), ["\\"] = new(8, 8),
        [".."] = new(9, 9), ["..."] = new(9, 9), ["!!"] = new(9, 13), ["##"] = new(9, 13), ["$"] = new(9, 13, Associativity.Left),
        ["$$"] = new(9, 13, Associativity.Left), ["??"] = new(9, 13, Associativity.Left),
        ["\\sqcap"] = new(9, 13, Associativity.Left), ["\\sqcup"] = new(9, 13, Associativity.Left),
        ["\\uplus"] = new(9, 13, Associativity.Left), ["\\wr"] = new(9, 14),
        ["+"] = new(10, 10, Associativity.Left), ["++"] = new(10, 10, Associativity.Left),
        ["\\oplus"] = new(10, 10, Associativity.Left), ["%"] = new(10, 11), ["%%"] = new(10, 11, Associativity.Left),
        ["|"] = new(10, 11, Associativity.Left), ["||"] = new(10, 11, Associativity.Left),
        ["-"] = new(11, 11, Associativity.Left), ["--"] = new(11, 11, Associativity.Left),
        ["\\ominus"] = new(11, 11, Associativity.Left),
        ["*"] = new(13, 13, Associativity.Left), ["**"] = new(13, 13, Associativity.Left), ["/"] = new(13, 13),
        ["//"] = new(13, 13), ["\\o"] = new(13, 13, Associativity.Left), ["\\div"] = new(13, 13),
        ["\\odot"] = new(13, 13, Associativity.Left), ["\\oslash"] = new(13, 13), ["\\otimes"] = new(13, 13, Associativity.Left),
        ["\\bigcirc"] = new(13, 13, Associativity.Left), ["\\bullet"] = new(13, 13, Associativity.Left),
        ["\\star"] = new(13, 13, Associativity.Left), ["&"] = new(13, 13, Associativity.Left),
        ["&&"] = new(13, 13, Associativity.Left), ["^"] = new(14, 14), ["^^"] = new(14, 14),
        ["\\X"] = new(10, 13, Associativity.Left),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Prefix operators and their precedence. Unary minus is spelled <c>-.</c> in the tree.</summary>
    public static readonly FrozenDictionary<string, Precedence> Prefix = new Dictionary<string, Precedence>
    {
        ["~"] = new(4, 4), ["ENABLED"] = new(4, 15), ["UNCHANGED"] = new(4, 15), ["[]"] = new(4, 15),
        ["<>"] = new(4, 15), ["SUBSET"] = new(8, 8), ["UNION"] = new(8, 8), ["DOMAIN"] = new(9, 9), ["-."] = new(12, 12),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Postfix operators (all of precedence 15).</summary>
    public static readonly FrozenSet<string> Postfix = new[] { "'", "^+", "^*", "^#" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Reserved words of TLA+2, including the proof language's.</summary>
    public static readonly FrozenSet<string> Keywords = new[]
    {
        "ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN", "ELSE", "ENABLED",
        "EXCEPT", "EXTENDS", "IF", "IN", "INSTANCE", "LET", "LOCAL", "MODULE", "OTHER", "SUBSET", "THEN", "THEOREM",
        "UNCHANGED", "UNION", "VARIABLE", "VARIABLES", "WITH", "LAMBDA", "RECURSIVE", "LEMMA", "PROPOSITION",
        "COROLLARY", "ACTION", "BY", "DEF", "DEFINE", "DEFS", "HAVE", "HIDE", "NEW", "OBVIOUS", "OMITTED", "PICK",
        "PROOF", "PROVE", "QED", "STATE", "SUFFICES", "TAKE", "TEMPORAL", "USE", "WITNESS", "WF_", "SF_",
    }.ToFrozenSet(StringComparer.Ordinal);
}
