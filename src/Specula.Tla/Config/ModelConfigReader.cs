using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Specula.Tla.Diagnostics;

namespace Specula.Tla.Config;

/// <summary>
/// Reads TLC model configuration files (<c>.cfg</c>) into a <see cref="ModelConfig"/>, accepting what TLC's
/// <c>ModelConfig</c> accepts and reporting every problem at once as <see cref="Diagnostic"/>s with a
/// <see cref="ConfigCodes"/> code. Never throws on any input.
/// </summary>
public static class ModelConfigReader
{
    /// <summary>Reads the configuration in <paramref name="text"/>; <paramref name="path"/> names it in diagnostics.</summary>
    public static ConfigReadResult Read(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        return ReadRange(path, text, 0, text.Length, 1);
    }

    /// <summary>Reads the configuration file at <paramref name="path"/>; a file that cannot be read gives a <see cref="ConfigCodes.CannotRead"/> error.</summary>
    public static ConfigReadResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
            or System.Security.SecurityException)
        {
            var location = new SourceLocation(path, 1, 1, 1, 1);
            var message = $"TLC encountered the following error when trying to read the configuration file {path}: {e.Message}";
            return new ConfigReadResult(
                new ModelConfig(path),
                [new Diagnostic(ConfigCodes.CannotRead, DiagnosticSeverity.Error, message, location)]);
        }
        return Read(path, text);
    }

    /// <summary>
    /// Reads a configuration embedded in a <c>.tla</c> file, as TLC does when given a <c>.tla</c> file as its
    /// configuration: the lines after one matching <c>---- CONFIG name ----</c> up to the next line starting with
    /// <c>====</c>. Positions refer to the <c>.tla</c> file.
    /// </summary>
    /// <param name="path">The <c>.tla</c> file as named in diagnostics.</param>
    /// <param name="text">The content of the <c>.tla</c> file.</param>
    /// <param name="configName">The name after <c>CONFIG</c>, usually the module's name.</param>
    public static ConfigReadResult ReadEmbedded(string path, string text, string configName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(configName);
        var header = new Regex(
            "^-----*\\s*CONFIG\\s+" + Regex.Escape(configName) + "\\s*-----*$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
        var offset = 0;
        var line = 1;
        var start = -1;
        var startLine = 0;
        while (offset <= text.Length)
        {
            var newline = text.IndexOf('\n', offset);
            var lineEnd = newline < 0 ? text.Length : newline;
            var content = text[offset..lineEnd].TrimEnd('\r');
            if (start < 0)
            {
                if (header.IsMatch(content))
                {
                    start = newline < 0 ? text.Length : newline + 1;
                    startLine = line + 1;
                }
            }
            else if (content.StartsWith("====", StringComparison.Ordinal))
            {
                return ReadRange(path, text, start, offset, startLine);
            }
            if (newline < 0)
            {
                break;
            }
            offset = newline + 1;
            line++;
        }
        if (start >= 0)
        {
            return ReadRange(path, text, start, text.Length, startLine);
        }
        var location = new SourceLocation(path, 1, 1, 1, 1);
        return new ConfigReadResult(
            new ModelConfig(path),
            [new Diagnostic(
                ConfigCodes.MissingEmbeddedConfig,
                DiagnosticSeverity.Error,
                $"No embedded configuration '---- CONFIG {configName} ----' was found in {path}.",
                location)]);
    }

    private static ConfigReadResult ReadRange(string path, string text, int start, int end, int line)
    {
        var (tokens, problem) = ConfigLexer.Tokenize(text, start, end, line);
        var parser = new ConfigParser(path, tokens, problem);
        return parser.Parse();
    }
}

/// <summary>The recursive-descent reader behind <see cref="ModelConfigReader"/>; one instance per read.</summary>
internal sealed class ConfigParser
{
    private const int MaxValueDepth = 200;
    private static readonly BigInteger TlcMaxInteger = int.MaxValue;

    private readonly string _path;
    private readonly List<ConfigToken> _tokens;
    private readonly LexProblem? _lexProblem;
    private readonly List<Diagnostic> _diagnostics = [];
    private int _index;

    private ConfigName? _specification;
    private ConfigName? _init;
    private ConfigName? _next;
    private ConfigName? _symmetry;
    private ConfigName? _view;
    private ConfigName? _alias;
    private ConfigName? _periodic;
    private ConfigName? _rlReward;
    private ConfigFlag? _checkDeadlock;
    private ConfigToken? _specificationKeyword;
    private ConfigToken? _firstInitOrNextKeyword;
    private readonly ImmutableArray<ConstantAssignment>.Builder _constants = ImmutableArray.CreateBuilder<ConstantAssignment>();
    private readonly ImmutableArray<ConstantOverride>.Builder _overrides = ImmutableArray.CreateBuilder<ConstantOverride>();
    private readonly ImmutableArray<ConfigName>.Builder _invariants = ImmutableArray.CreateBuilder<ConfigName>();
    private readonly ImmutableArray<ConfigName>.Builder _properties = ImmutableArray.CreateBuilder<ConfigName>();
    private readonly ImmutableArray<ConfigName>.Builder _constraints = ImmutableArray.CreateBuilder<ConfigName>();
    private readonly ImmutableArray<ConfigName>.Builder _actionConstraints = ImmutableArray.CreateBuilder<ConfigName>();
    private readonly ImmutableArray<ConfigName>.Builder _postConditions = ImmutableArray.CreateBuilder<ConfigName>();
    private readonly ImmutableArray<ConfigName>.Builder _possible = ImmutableArray.CreateBuilder<ConfigName>();

    public ConfigParser(string path, List<ConfigToken> tokens, LexProblem? lexProblem)
    {
        _path = path;
        _tokens = tokens;
        _lexProblem = lexProblem;
    }

    private ConfigToken Current => _tokens[_index];

    private ConfigToken Previous => _tokens[Math.Max(0, _index - 1)];

    private bool AtSectionEnd => Current.Kind is ConfigTokenKind.End or ConfigTokenKind.Invalid || Current.IsKeyword;

    public ConfigReadResult Parse()
    {
        if (_lexProblem is { Code: ConfigCodes.UnterminatedComment } comment)
        {
            Warning(comment.Code, _tokens[^1], comment.Message);
        }
        while (Current.Kind != ConfigTokenKind.End)
        {
            var token = Current;
            if (token.Kind == ConfigTokenKind.Invalid)
            {
                // Where a keyword is expected, TLC takes a lexical error for the end of the file.
                ReportLexProblem(token, atKeywordPosition: true);
                _index++;
                continue;
            }
            if (!token.IsKeyword)
            {
                ReportUnknownKeyword(token);
                SkipToKeyword();
                continue;
            }
            _index++;
            switch (token.Text)
            {
                case ConfigKeywords.Init:
                    _firstInitOrNextKeyword ??= token;
                    ParseSingleName(token, ref _init);
                    break;
                case ConfigKeywords.Next:
                    _firstInitOrNextKeyword ??= token;
                    ParseSingleName(token, ref _next);
                    break;
                case ConfigKeywords.Specification:
                    _specificationKeyword ??= token;
                    ParseSingleName(token, ref _specification);
                    break;
                case ConfigKeywords.View:
                    ParseSingleName(token, ref _view);
                    break;
                case ConfigKeywords.Symmetry:
                    ParseSingleName(token, ref _symmetry);
                    break;
                case ConfigKeywords.Alias:
                    ParseSingleName(token, ref _alias);
                    break;
                case ConfigKeywords.Periodic:
                    ParseSingleName(token, ref _periodic);
                    break;
                case ConfigKeywords.RLReward:
                    ParseSingleName(token, ref _rlReward);
                    break;
                case ConfigKeywords.Invariant or ConfigKeywords.Invariants:
                    ParseNameList(token, _invariants);
                    break;
                case ConfigKeywords.Property or ConfigKeywords.Properties:
                    ParseNameList(token, _properties);
                    break;
                case ConfigKeywords.Constraint or ConfigKeywords.Constraints:
                    ParseNameList(token, _constraints);
                    break;
                case ConfigKeywords.ActionConstraint or ConfigKeywords.ActionConstraints:
                    ParseNameList(token, _actionConstraints);
                    break;
                case ConfigKeywords.PostCondition or ConfigKeywords.PostConditions:
                    ParseNameList(token, _postConditions);
                    break;
                case ConfigKeywords.Possible:
                    ParseNameList(token, _possible);
                    break;
                case ConfigKeywords.CheckDeadlock:
                    ParseCheckDeadlock(token);
                    break;
                default:
                    ParseConstants(token);
                    break;
            }
        }

        CheckWholeFile();

        var config = new ModelConfig(_path)
        {
            Specification = _specification,
            Init = _init,
            Next = _next,
            Constants = _constants.ToImmutable(),
            Overrides = _overrides.ToImmutable(),
            Invariants = _invariants.ToImmutable(),
            Properties = _properties.ToImmutable(),
            Constraints = _constraints.ToImmutable(),
            ActionConstraints = _actionConstraints.ToImmutable(),
            PostConditions = _postConditions.ToImmutable(),
            Symmetry = _symmetry,
            View = _view,
            Alias = _alias,
            CheckDeadlockSetting = _checkDeadlock,
            Periodic = _periodic,
            RLReward = _rlReward,
            Possible = _possible.ToImmutable(),
        };
        var diagnostics = _diagnostics
            .OrderBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToImmutableArray();
        return new ConfigReadResult(config, diagnostics);
    }

    // ---- Sections ----

    private void ParseSingleName(ConfigToken keyword, ref ConfigName? slot)
    {
        if (AtSectionEnd)
        {
            if (Current.Kind == ConfigTokenKind.Invalid)
            {
                ReportLexProblem(Current, atKeywordPosition: false);
                _index++;
            }
            Error(ConfigCodes.MissingName, keyword, $"The keyword {keyword.Text} was not followed by an identifier.");
            return;
        }
        var token = Current;
        _index++;
        if (!token.IsIdentifier)
        {
            Error(ConfigCodes.ExpectedName, token, $"Expected the name of a definition after {keyword.Text}, but found {token.Describe()}.");
            SkipToKeyword();
            return;
        }
        if (slot is not null)
        {
            Error(
                ConfigCodes.DuplicateKeyword,
                keyword,
                $"The keyword {keyword.Text} appeared twice (first at line {slot.Location.Line}: {keyword.Text} {slot.Name}).");
            return;
        }
        slot = new ConfigName(token.Text, Locate(token));
    }

    private void ParseNameList(ConfigToken keyword, ImmutableArray<ConfigName>.Builder names)
    {
        var any = false;
        while (!AtSectionEnd)
        {
            var token = Current;
            _index++;
            any = true;
            if (token.IsIdentifier)
            {
                names.Add(new ConfigName(token.Text, Locate(token)));
            }
            else if (token.Is(","))
            {
                Error(
                    ConfigCodes.ExpectedName,
                    token,
                    $"Unexpected ',' in the {keyword.Text} list: TLC separates names with spaces or line breaks, not commas.");
            }
            else
            {
                Error(ConfigCodes.ExpectedName, token, $"Expected the name of a definition in the {keyword.Text} list, but found {token.Describe()}.");
            }
        }
        if (!any)
        {
            Warning(ConfigCodes.EmptySection, keyword, $"The keyword {keyword.Text} is followed by no names.");
        }
    }

    private void ParseCheckDeadlock(ConfigToken keyword)
    {
        if (AtSectionEnd)
        {
            Error(ConfigCodes.MissingName, keyword, $"The keyword {keyword.Text} was not followed by TRUE or FALSE.");
            return;
        }
        var token = Current;
        _index++;
        if (!(token.IsIdentifier && token.Text is "TRUE" or "FALSE"))
        {
            Error(
                ConfigCodes.ExpectedBoolean,
                token,
                $"It was expecting TRUE or FALSE after {keyword.Text}, but found {token.Describe()}.");
            SkipToKeyword();
            return;
        }
        if (_checkDeadlock is not null)
        {
            Error(
                ConfigCodes.DuplicateKeyword,
                keyword,
                $"The keyword {keyword.Text} appeared twice (first at line {_checkDeadlock.Location.Line}).");
            return;
        }
        _checkDeadlock = new ConfigFlag(token.Text == "TRUE", Locate(token));
    }

    private void ParseConstants(ConfigToken keyword)
    {
        var any = false;
        while (!AtSectionEnd)
        {
            any = true;
            if (!ParseConstantEntry())
            {
                SkipToNextEntry();
            }
        }
        if (!any)
        {
            Warning(ConfigCodes.EmptySection, keyword, $"The keyword {keyword.Text} is followed by no assignments.");
        }
    }

    /// <summary>One <c>N = v</c>, <c>F(a, b) = v</c>, <c>N = [M] v</c>, <c>Op &lt;- Def</c> or <c>Op &lt;- [M] Def</c>; false after an error.</summary>
    private bool ParseConstantEntry()
    {
        var first = Current;
        // TLC takes any token for the name; a number or string names nothing a module can declare, so TLC ignores
        // the entry. Read it, warn, and drop it.
        var ignored = first.Kind is ConfigTokenKind.Number or ConfigTokenKind.String;
        if (!IsConstantName(first) && !ignored)
        {
            Error(ConfigCodes.ExpectedName, first, $"Expected the name of a constant, but found {first.Describe()}.");
            _index++;
            return false;
        }
        _index++;
        var name = first.Text;
        while (Current.Is("!"))
        {
            _index++;
            if (!IsConstantName(Current))
            {
                Error(ConfigCodes.ExpectedName, Current, $"Expected a name after '{name}!', but found {Current.Describe()}.");
                return false;
            }
            name += "!" + Current.Text;
            _index++;
        }

        if (Current.Is("<-"))
        {
            _index++;
            string? module = null;
            if (Current.Is("["))
            {
                module = ParseModuleScope(name, "<-");
                if (module is null)
                {
                    return false;
                }
            }
            var definition = Current;
            if (!definition.IsIdentifier || definition.IsKeyword)
            {
                Error(
                    ConfigCodes.ExpectedName,
                    definition,
                    $"Expected the name of the definition replacing {name} after '<-', but found {definition.Describe()}.");
                return false;
            }
            _index++;
            if (ignored)
            {
                WarnIgnored(first);
            }
            else
            {
                _overrides.Add(new ConstantOverride(name, definition.Text, module, Locate(first), Locate(definition)));
            }
            return true;
        }

        var arguments = ImmutableArray<ConfigValue>.Empty;
        if (Current.Is("("))
        {
            _index++;
            var builder = ImmutableArray.CreateBuilder<ConfigValue>();
            while (true)
            {
                var argument = ParseValue($"an argument of {name}", 0);
                if (argument is null)
                {
                    return false;
                }
                builder.Add(argument);
                if (Current.Is(","))
                {
                    _index++;
                    continue;
                }
                if (Current.Is(")"))
                {
                    _index++;
                    break;
                }
                Error(ConfigCodes.ExpectedAssignment, Current, $"Expected ',' or ')' in the arguments of {name}, but found {Current.Describe()}.");
                return false;
            }
            arguments = builder.ToImmutable();
        }

        if (!Current.Is("="))
        {
            var what = arguments.IsEmpty ? "= or <-" : "=";
            Error(ConfigCodes.ExpectedAssignment, Current, $"It was expecting {what} after {name}, but found {Current.Describe()}.");
            return false;
        }
        _index++;
        string? scope = null;
        if (Current.Is("["))
        {
            scope = ParseModuleScope(name, "=");
            if (scope is null)
            {
                return false;
            }
        }
        var value = ParseValue($"'{name} ='", 0);
        if (value is null)
        {
            return false;
        }
        if (ignored)
        {
            WarnIgnored(first);
        }
        else
        {
            _constants.Add(new ConstantAssignment(name, arguments, value, scope, Locate(first)));
        }
        return true;
    }

    private void WarnIgnored(ConfigToken name) =>
        Warning(
            ConfigCodes.ExpectedName,
            name,
            $"{name.Describe()} is not a name a module can declare or define; TLC ignores this entry.");

    /// <summary>Parses <c>[M]</c> at the current <c>[</c>; the module's name, or null after an error.</summary>
    private string? ParseModuleScope(string name, string op)
    {
        _index++;
        var module = Current;
        if (!module.IsIdentifier || module.IsKeyword)
        {
            Error(
                ConfigCodes.MalformedModuleScope,
                module,
                $"Expected a module name after '{name} {op} [', but found {module.Describe()}.");
            return null;
        }
        _index++;
        if (!Current.Is("]"))
        {
            Error(
                ConfigCodes.MalformedModuleScope,
                Current,
                $"It was expecting ] after '{name} {op} [{module.Text}', but found {Current.Describe()}.");
            return null;
        }
        _index++;
        return module.Text;
    }

    // ---- Values ----

    private ConfigValue? ParseValue(string after, int depth)
    {
        var token = Current;
        if (depth > MaxValueDepth)
        {
            Error(ConfigCodes.NestingTooDeep, token, $"Values are nested more than {MaxValueDepth} deep.");
            return null;
        }
        switch (token.Kind)
        {
            case ConfigTokenKind.Number:
                _index++;
                return MakeInteger(token, token, negative: false);
            case ConfigTokenKind.String:
                _index++;
                return new ConfigString(token.Text[1..^1], Locate(token));
            case ConfigTokenKind.Identifier when token.IsKeyword:
                Error(ConfigCodes.ExpectedValue, token, $"Expected a value after {after}, but found {token.Describe()}.");
                return null;
            case ConfigTokenKind.Identifier:
                _index++;
                return token.Text switch
                {
                    "TRUE" => new ConfigBoolean(true, Locate(token)),
                    "FALSE" => new ConfigBoolean(false, Locate(token)),
                    _ => new ConfigModelValue(token.Text, Locate(token)),
                };
            case ConfigTokenKind.Symbol when token.Is("-") && _tokens[_index + 1].Kind == ConfigTokenKind.Number:
                _index += 2;
                return MakeInteger(token, Previous, negative: true);
            case ConfigTokenKind.Symbol when token.Is("{"):
                return ParseEnumeration(token, "}", depth);
            case ConfigTokenKind.Symbol when token.Is("<<"):
                return ParseEnumeration(token, ">>", depth);
            case ConfigTokenKind.Invalid:
                ReportLexProblem(token, atKeywordPosition: false);
                _index++;
                return null;
            default:
                Error(ConfigCodes.ExpectedValue, token, $"Expected a value after {after}, but found {token.Describe()}.");
                return null;
        }
    }

    private ConfigValue? ParseEnumeration(ConfigToken open, string close, int depth)
    {
        _index++;
        var isSet = close == "}";
        var elements = ImmutableArray.CreateBuilder<ConfigValue>();
        if (!Current.Is(close))
        {
            while (true)
            {
                var element = ParseValue(isSet ? "'{' or ','" : "'<<' or ','", depth + 1);
                if (element is null)
                {
                    return null;
                }
                elements.Add(element);
                if (Current.Is(","))
                {
                    _index++;
                    continue;
                }
                if (Current.Is(close))
                {
                    break;
                }
                Error(
                    ConfigCodes.MalformedSet,
                    Current,
                    $"It was expecting {close} or ',' in the {(isSet ? "set" : "tuple")} opened at line {open.Line}, column {open.Column}, but found {Current.Describe()}.");
                return null;
            }
        }
        var closing = Current;
        _index++;
        var location = Span(open, closing);
        if (isSet)
        {
            return new ConfigSet(elements.ToImmutable(), location);
        }
        Warning(ConfigCodes.NotAcceptedByTlc, location, "TLC does not accept tuples in a configuration file; Specula does.");
        return new ConfigTuple(elements.ToImmutable(), location);
    }

    private ConfigInteger MakeInteger(ConfigToken first, ConfigToken number, bool negative)
    {
        var text = number.Text;
        BigInteger value;
        var portable = true;
        if (text.StartsWith('\\'))
        {
            var radix = char.ToUpperInvariant(text[1]) switch
            {
                'B' => 2,
                'O' => 8,
                _ => 16,
            };
            value = BigInteger.Zero;
            foreach (var c in text.AsSpan(2))
            {
                value = (value * radix) + int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            portable = false;
        }
        else
        {
            value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        if (negative)
        {
            value = -value;
        }
        var location = Span(first, number);
        if (negative)
        {
            Warning(ConfigCodes.NotAcceptedByTlc, location, $"TLC does not accept negative integers in a configuration file ('{value}'); Specula does.");
        }
        else if (!portable)
        {
            Warning(ConfigCodes.NotAcceptedByTlc, location, $"TLC does not accept the literal '{text}' in a configuration file; write {value} instead.");
        }
        else if (value > TlcMaxInteger)
        {
            Warning(ConfigCodes.NotAcceptedByTlc, location, $"TLC does not accept the integer {value} in a configuration file: it exceeds 2147483647.");
        }
        return new ConfigInteger(value, location);
    }

    // ---- Whole-file checks ----

    private void CheckWholeFile()
    {
        if (_specificationKeyword is { } spec && _firstInitOrNextKeyword is { } initOrNext)
        {
            Error(
                ConfigCodes.SpecificationWithInitNext,
                initOrNext,
                $"The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields (SPECIFICATION is at line {spec.Line}).");
        }

        var assigned = new Dictionary<(string? Module, string Name), ConstantAssignment>();
        var arities = new Dictionary<(string? Module, string Name), ConstantAssignment>();
        var points = new Dictionary<(string? Module, string Name, string Arguments), ConstantAssignment>();
        foreach (var constant in _constants)
        {
            var key = (constant.Module, constant.Name);
            if (arities.TryGetValue(key, out var earlier) && earlier.Arguments.Length != constant.Arguments.Length)
            {
                Error(
                    ConfigCodes.InconsistentArity,
                    constant.Location,
                    $"The constant {constant.Name} is given {Arguments(constant.Arguments.Length)} here but {Arguments(earlier.Arguments.Length)} at line {earlier.Location.Line}; TLC requires a consistent arity.");
                continue;
            }
            arities.TryAdd(key, constant);
            if (constant.Arguments.IsEmpty)
            {
                if (assigned.TryGetValue(key, out var previous))
                {
                    Warning(
                        ConfigCodes.DuplicateConstant,
                        constant.Location,
                        $"The constant {constant.Name} is assigned twice (also at line {previous.Location.Line}); TLC uses the last assignment, {constant.Value}.");
                }
                assigned[key] = constant;
            }
            else
            {
                var pointKey = (constant.Module, constant.Name, string.Join(", ", constant.Arguments));
                if (points.TryGetValue(pointKey, out var previous))
                {
                    Warning(
                        ConfigCodes.DuplicateConstant,
                        constant.Location,
                        $"{constant.Name}({pointKey.Item3}) is assigned twice (also at line {previous.Location.Line}).");
                }
                points[pointKey] = constant;
            }
        }

        var overridden = new Dictionary<(string? Module, string Name), ConstantOverride>();
        foreach (var replacement in _overrides)
        {
            var key = (replacement.Module, replacement.Name);
            if (overridden.TryGetValue(key, out var previous))
            {
                Warning(
                    ConfigCodes.DuplicateConstant,
                    replacement.Location,
                    $"{replacement.Name} is replaced twice (also at line {previous.Location.Line}); TLC uses the last replacement, {replacement.Definition}.");
            }
            else if (replacement.Module is null && assigned.TryGetValue(key, out var value))
            {
                Warning(
                    ConfigCodes.DuplicateConstant,
                    replacement.Location,
                    $"{replacement.Name} is both assigned a value (line {value.Location.Line}) and replaced by {replacement.Definition}; TLC uses the replacement.");
            }
            overridden[key] = replacement;
        }
    }

    private static string Arguments(int count) => count switch
    {
        0 => "no arguments",
        1 => "1 argument",
        _ => $"{count} arguments",
    };

    // ---- Recovery ----

    private void SkipToKeyword()
    {
        while (!AtSectionEnd)
        {
            _index++;
        }
    }

    /// <summary>After a bad constant entry: skip to a keyword, or to a name followed by <c>=</c>, <c>&lt;-</c> or <c>(</c> outside braces.</summary>
    private void SkipToNextEntry()
    {
        var depth = 0;
        while (!AtSectionEnd)
        {
            var token = Current;
            if (depth == 0 && IsConstantName(token) && token.Kind == ConfigTokenKind.Identifier)
            {
                var next = _tokens[_index + 1];
                if (next.Is("=") || next.Is("<-") || next.Is("!"))
                {
                    return;
                }
            }
            if (token.Is("{") || token.Is("<<") || token.Is("(") || token.Is("["))
            {
                depth++;
            }
            else if ((token.Is("}") || token.Is(">>") || token.Is(")") || token.Is("]")) && depth > 0)
            {
                depth--;
            }
            _index++;
        }
    }

    private static bool IsConstantName(ConfigToken token) =>
        token.Kind == ConfigTokenKind.Identifier
            ? !ConfigKeywords.IsKeyword(token.Text)
            : token.Kind == ConfigTokenKind.Symbol && IsOperatorSymbol(token.Text);

    /// <summary>Operator symbols that name user-definable operators (e.g. <c>+ &lt;- MyPlus</c>), not punctuation.</summary>
    private static bool IsOperatorSymbol(string text) => text switch
    {
        "," or ":" or "::" or "." or "==" or "(" or ")" or "[" or "]" or "]_" or "{" or "}" or "<<" or ">>" or ">>_"
            or "!" or "<-" or "->" or "|->" or "=" or "'" or "-|-" or "@" => false,
        _ => !text.StartsWith("----", StringComparison.Ordinal) && !text.StartsWith("====", StringComparison.Ordinal),
    };

    // ---- Reporting ----

    private void ReportUnknownKeyword(ConfigToken token)
    {
        string message;
        if (token.Kind == ConfigTokenKind.Identifier && ConfigKeywords.CaseInsensitiveMatch(token.Text) is { } keyword)
        {
            message = $"It was expecting a keyword, but found '{token.Text}'. Keywords are case-sensitive: did you mean {keyword}?";
        }
        else if (token.Kind == ConfigTokenKind.Identifier && token.Text.Length > 1 && !token.Text.Any(char.IsAsciiLetterLower))
        {
            message = ConfigKeywords.ClosestMatch(token.Text) is { } closest
                ? $"Unknown keyword '{token.Text}': did you mean {closest}?"
                : $"Unknown keyword '{token.Text}'. The keywords are {string.Join(", ", ConfigKeywords.All.Where(k => k[0] != '_'))}.";
        }
        else
        {
            message = $"It was expecting a keyword, but found {token.Describe()}.";
        }
        Error(ConfigCodes.UnknownKeyword, token, message);
    }

    private void ReportLexProblem(ConfigToken token, bool atKeywordPosition)
    {
        var problem = _lexProblem ?? new LexProblem(ConfigCodes.UnexpectedCharacter, "Unexpected character.");
        var severity = atKeywordPosition || problem.Code == ConfigCodes.UnterminatedComment
            ? DiagnosticSeverity.Warning
            : DiagnosticSeverity.Error;
        var message = problem.Message;
        if (severity == DiagnosticSeverity.Warning && problem.Code != ConfigCodes.UnterminatedComment)
        {
            message += " TLC ignores the rest of the file.";
        }
        _diagnostics.Add(new Diagnostic(problem.Code, severity, message, Locate(token)));
    }

    private SourceLocation Locate(ConfigToken token) => token.Locate(_path);

    private SourceLocation Span(ConfigToken first, ConfigToken last) =>
        new(_path, first.Line, first.Column, last.EndLine, last.EndColumn);

    private void Error(string code, ConfigToken token, string message) => Error(code, Locate(token), message);

    private void Error(string code, SourceLocation location, string message) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, location));

    private void Warning(string code, ConfigToken token, string message) => Warning(code, Locate(token), message);

    private void Warning(string code, SourceLocation location, string message) =>
        _diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, location));
}
