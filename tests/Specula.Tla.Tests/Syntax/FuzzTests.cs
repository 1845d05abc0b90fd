using Specula.Tla.Diagnostics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Xunit.Abstractions;

namespace Specula.Tla.Tests.Syntax;

/// <summary>
/// Mutates the corpus (deletions, insertions of TLA+ fragments and stray characters, swaps, duplicated lines) and
/// checks that the front end never throws, that every diagnostic points inside the file, and that any mutant that
/// still parses prints back to the same tree and checks without an internal error.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 10_000;

    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "{", "}", "<<", ">>", "/\\", "\\/", "==", "LET", "IN", "\"", "(*", "*)", "\\*", "_", "'",
        "\\in", ",", ":", "::", "!", "@", "CASE", "[]", "->", "|->", "-.", "\n", "  ", "----", "====", "MODULE", "x",
        "1", "\\A", "\\E", "CHOOSE", "EXCEPT", "WF_", "]_", ">>_", "\\b", "\\h1F", "∧", "∀", "⟨", "IF", "THEN", "ELSE",
        "LAMBDA", "INSTANCE", "WITH", "<-", "RECURSIVE", "THEOREM", "<1>1.", "BY", "PROOF", "~>", "\\cdot", "..", ".",
        "ENABLED", "UNCHANGED", "SUBSET", "UNION", "DOMAIN", "\\X", "=>", "<=>", "#", "\t", "\r\n", "\u0000", "\uFFFF",
        "é", "😀", "\\", "$", "?", "%", "^+", "\\o", "\\prec", "OTHER", "ASSUME", "PROVE", "NEW", "VARIABLE", "CONSTANT",
    ];

    private static IEnumerable<string> Seeds()
    {
        var corpus = CorpusTests.CorpusDirectory;
        if (Directory.Exists(corpus))
        {
            foreach (var file in Directory.EnumerateFiles(corpus, "*.tla", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                yield return File.ReadAllText(file);
            }
        }
        yield return """
            ---- MODULE Seed ----
            EXTENDS Naturals, Sequences
            CONSTANTS N
            VARIABLES x, q
            Init == /\ x = 0
                    /\ q = <<>>
            Next == \/ /\ x < N
                       /\ x' = x + 1
                       /\ UNCHANGED q
                    \/ \E i \in 1..N : q' = Append(q, [v |-> i]) /\ UNCHANGED x
            Inv == \A i \in DOMAIN q : q[i].v \in 1..N
            Spec == Init /\ [][Next]_<<x, q>> /\ WF_<<x, q>>(Next)
            ====
            """;
    }

    [Fact]
    public void Ten_thousand_mutations_never_crash_and_report_valid_positions()
    {
        var seed = Environment.GetEnvironmentVariable("SPECULA_FUZZ_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20261127;
        output.WriteLine($"fuzz seed {seed} (set SPECULA_FUZZ_SEED to reproduce)");
        var random = new Random(seed);
        var seeds = Seeds().ToArray();
        var parsedClean = 0;
        for (var i = 0; i < Mutations; i++)
        {
            var text = seeds[random.Next(seeds.Length)];
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }
            var failure = CheckOne(text);
            if (failure is not null)
            {
                var path = Path.Combine(Path.GetTempPath(), $"specula-fuzz-{seed}-{i}.tla");
                File.WriteAllText(path, text);
                Assert.Fail($"mutation {i} (seed {seed}): {failure}; input saved to {path}");
            }
            if (TlaParser.Parse("F.tla", text).Succeeded)
            {
                parsedClean++;
            }
        }
        output.WriteLine($"{parsedClean} of {Mutations} mutants still parsed and round-tripped");
    }

    private static string? CheckOne(string text)
    {
        ParseResult result;
        try
        {
            result = TlaParser.Parse("F.tla", text);
        }
        catch (Exception ex)
        {
            return $"parser threw {ex}";
        }
        var source = result.Source;
        foreach (var d in result.Diagnostics)
        {
            if (d.Location.Line < 1 || d.Location.Line > source.LineCount || d.Location.Column < 1
                || d.Location.Column > source.GetLine(d.Location.Line).Length + 2)
            {
                return $"diagnostic outside the file: {d}";
            }
        }
        if (!result.Succeeded)
        {
            return null;
        }
        try
        {
            var printed = TlaPrinter.Print(result.Module!);
            var reparsed = TlaParser.Parse("F.tla", printed);
            if (!reparsed.Succeeded)
            {
                return $"printed text does not parse: {reparsed.Diagnostics[0]}\n{printed}";
            }
            if (SyntaxDump.Dump(reparsed.Module!) != SyntaxDump.Dump(result.Module!))
            {
                return $"printed text parses to another tree:\n{printed}";
            }
            var modules = new ModuleSet();
            var check = SemanticChecker.Check(modules, modules.Add(result));
            var internalError = check.Diagnostics.FirstOrDefault(x => x.Code == SemanticCodes.InternalError);
            if (internalError is not null)
            {
                return $"semantic checker failed: {internalError}";
            }
        }
        catch (Exception ex)
        {
            return $"threw {ex}";
        }
        return null;
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return Fragments[random.Next(Fragments.Length)];
        }
        var at = random.Next(text.Length);
        switch (random.Next(5))
        {
            case 0: // delete a short range
                return text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(12)));
            case 1: // insert a fragment
                return text.Insert(at, Fragments[random.Next(Fragments.Length)]);
            case 2: // insert a random character
                return text.Insert(at, ((char)random.Next(1, 0x3000)).ToString());
            case 3: // swap two ranges
            {
                var length = 1 + random.Next(Math.Min(20, text.Length - at));
                var other = random.Next(text.Length - length + 1);
                var piece = text.Substring(at, length);
                var removed = text.Remove(at, length);
                return removed.Insert(Math.Min(other, removed.Length), piece);
            }
            default: // duplicate a line
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count + 1), lines[line]);
                return string.Join('\n', lines);
            }
        }
    }
}
