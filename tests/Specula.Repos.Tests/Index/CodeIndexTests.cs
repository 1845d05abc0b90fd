using System.Diagnostics;
using System.Text;
using Specula.Repos.Git;
using Specula.Repos.Index;
using Xunit.Abstractions;

namespace Specula.Repos.Tests.Index;

public sealed class CodeIndexTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestRepo _repo = TestRepo.Create();

    public void Dispose() => _repo.Dispose();

    private async Task<CodeIndex> Index()
    {
        var opened = await RepositorySource.OpenAsync(_repo.Path, new RepositoryOptions { CacheDirectory = _repo.NewFolder("cache") });
        using var repo = opened.Repository!;
        var index = CodeIndex.Build(repo);
        Assert.True(index.IsSuccess, index.Error?.ToString());
        return index.Value!;
    }

    private static void Has(CodeIndex index, string name, SymbolKind kind, string path, int line) =>
        Assert.Contains(new SymbolLocation(name, kind, path, line), index.FindSymbol(name));

    [Fact]
    public async Task Go_functions_methods_types_and_constants_including_blocks()
    {
        _repo.Write("raft/raft.go", """
            package raft

            const None uint64 = 0

            const (
                StateFollower StateType = iota
                StateCandidate
                // a comment
            )

            type StateType uint64

            type (
                Config struct{}
                Peer   struct{}
            )

            func newRaft(c *Config) *raft {
                return nil
            }

            func (r *raft) Step(m pb.Message) error {
                return nil
            }

            func Map[K comparable, V any](m map[K]V) {}
            """);
        var index = await Index();
        Has(index, "None", SymbolKind.Constant, "raft/raft.go", 3);
        Has(index, "StateFollower", SymbolKind.Constant, "raft/raft.go", 6);
        Has(index, "StateCandidate", SymbolKind.Constant, "raft/raft.go", 7);
        Has(index, "StateType", SymbolKind.Type, "raft/raft.go", 11);
        Has(index, "Config", SymbolKind.Type, "raft/raft.go", 14);
        Has(index, "Peer", SymbolKind.Type, "raft/raft.go", 15);
        Has(index, "newRaft", SymbolKind.Function, "raft/raft.go", 18);
        Has(index, "Step", SymbolKind.Method, "raft/raft.go", 22);
        Has(index, "Map", SymbolKind.Function, "raft/raft.go", 26);
        Assert.Equal(index.FindSymbol("newRaft"), index.FindSymbol("NewRaft")); // any casing when no exact one
        Assert.Equal(["Step"], index.FindSymbol("step").Select(s => s.Name));
        Assert.Empty(index.FindSymbol("a"));
        Assert.Empty(index.FindSymbol("comment"));
        Assert.Equal(9, index.Symbols.Count);
    }

    [Fact]
    public async Task CSharp_and_Java_types_methods_and_constants()
    {
        _repo.Write("src/Lock.cs", """
            namespace Locks;

            public sealed record LockState(string Owner);

            internal static class Lease
            {
                public const int MaxHolders = 1;

                public static async Task<bool> AcquireAsync(string key, CancellationToken ct)
                {
                    return await Task.FromResult(true);
                }

                private void Release() { }
            }
            """);
        _repo.Write("src/Node.java", """
            package raft;

            public class Node {
                public static final int MAX_TERM = 100;

                public synchronized void becomeLeader(int term) {
                }

                private enum Role { FOLLOWER, LEADER }
            }
            """);
        var index = await Index();
        Has(index, "LockState", SymbolKind.Type, "src/Lock.cs", 3);
        Has(index, "Lease", SymbolKind.Type, "src/Lock.cs", 5);
        Has(index, "MaxHolders", SymbolKind.Constant, "src/Lock.cs", 7);
        Has(index, "AcquireAsync", SymbolKind.Method, "src/Lock.cs", 9);
        Has(index, "Release", SymbolKind.Method, "src/Lock.cs", 14);
        Has(index, "Node", SymbolKind.Type, "src/Node.java", 3);
        Has(index, "MAX_TERM", SymbolKind.Constant, "src/Node.java", 4);
        Has(index, "becomeLeader", SymbolKind.Method, "src/Node.java", 6);
        Has(index, "Role", SymbolKind.Type, "src/Node.java", 9);
        Assert.Empty(index.FindSymbol("FromResult"));
    }

    [Fact]
    public async Task C_Python_and_Rust_symbols()
    {
        _repo.Write("c/log.h", """
            #define MAX_ENTRIES 64
            #define MIN(a, b) ((a) < (b) ? (a) : (b))

            typedef struct log_entry {
                int term;
            } log_entry_t;

            typedef unsigned long index_t;

            static int append_entry(struct log *l,
                                    const log_entry_t *e)
            {
                if (l == 0) {
                    return -1;
                }
                return 0;
            }

            int declared_only(int x);
            """);
        _repo.Write("py/twopc.py", """
            TIMEOUT = 5

            class Coordinator:
                def prepare(self, tx):
                    def helper():
                        pass

            def main():
                pass

            async def serve():
                pass
            """);
        _repo.Write("rs/lib.rs", """
            pub const MAX: usize = 3;
            static mut COUNTER: u32 = 0;

            pub struct Raft {}

            pub trait Storage {}

            impl Raft {
                pub fn step(&mut self) {}
            }

            pub(crate) async fn run() {}
            """);
        var index = await Index();
        Has(index, "MAX_ENTRIES", SymbolKind.Constant, "c/log.h", 1);
        Has(index, "MIN", SymbolKind.Function, "c/log.h", 2);
        Has(index, "log_entry", SymbolKind.Type, "c/log.h", 4);
        Has(index, "log_entry_t", SymbolKind.Type, "c/log.h", 6);
        Has(index, "index_t", SymbolKind.Type, "c/log.h", 8);
        Has(index, "append_entry", SymbolKind.Function, "c/log.h", 10);
        Assert.Empty(index.FindSymbol("declared_only"));

        Has(index, "TIMEOUT", SymbolKind.Constant, "py/twopc.py", 1);
        Has(index, "Coordinator", SymbolKind.Type, "py/twopc.py", 3);
        Has(index, "prepare", SymbolKind.Method, "py/twopc.py", 4);
        Has(index, "main", SymbolKind.Function, "py/twopc.py", 8);
        Has(index, "serve", SymbolKind.Function, "py/twopc.py", 11);

        Has(index, "MAX", SymbolKind.Constant, "rs/lib.rs", 1);
        Has(index, "COUNTER", SymbolKind.Constant, "rs/lib.rs", 2);
        Has(index, "Raft", SymbolKind.Type, "rs/lib.rs", 4);
        Has(index, "Storage", SymbolKind.Type, "rs/lib.rs", 6);
        Has(index, "step", SymbolKind.Method, "rs/lib.rs", 9);
        Has(index, "run", SymbolKind.Function, "rs/lib.rs", 12);
    }

    [Fact]
    public async Task Languages_are_counted_by_extension_and_the_summary_names_them()
    {
        _repo.Write("a.go", "package a\nfunc A() {}\n");
        _repo.Write("b.go", "package a\ntype B struct{}\n");
        _repo.Write("spec/Raft.tla", "---- MODULE Raft ----\n====\n");
        _repo.Write("README", "hello\n");
        _repo.Write("big.go", "package a\n" + new string('/', (int)CodeIndex.MaxScannedFileBytes) + "\nfunc Hidden() {}\n");
        var index = await Index();

        Assert.Equal([new LanguageCount("Go", 3), new LanguageCount("TLA+", 1), new LanguageCount("Other", 1)], index.Languages);
        Assert.Equal(5, index.Files);
        Assert.Empty(index.FindSymbol("Hidden")); // too big to scan
        var summary = index.Summary();
        output.WriteLine(summary);
        Assert.StartsWith("5 files: Go 3, TLA+ 1, Other 1\n2 symbols: 1 functions, 1 types\n", summary, StringComparison.Ordinal);
        Assert.Contains("  ./ (2): B\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_files_are_indexed()
    {
        var languages = new (string Ext, Func<int, string> Body)[]
        {
            (".go", i => $"package p{i % 50}\n\nconst Limit{i} = {i}\n\ntype Node{i} struct{{}}\n\nfunc (n *Node{i}) Step() error {{ return nil }}\n\nfunc New{i}() *Node{i} {{ return nil }}\n"),
            (".cs", i => $"namespace N;\n\npublic sealed class Service{i}\n{{\n    public const int Max = {i};\n    public void Run{i}() {{ }}\n}}\n"),
            (".py", i => $"LIMIT_{i} = {i}\n\nclass Worker{i}:\n    def run(self):\n        pass\n\ndef main_{i}():\n    pass\n"),
            (".c", i => $"#define SIZE_{i} {i}\n\nstruct node_{i} {{\n    int x;\n}};\n\nint step_{i}(int x)\n{{\n    return x;\n}}\n"),
            (".java", i => $"package p;\n\npublic class Job{i} {{\n    public static final int ID = {i};\n    public void work{i}() {{ }}\n}}\n"),
            (".rs", i => $"pub const K{i}: u32 = {i};\n\npub struct S{i} {{}}\n\nimpl S{i} {{\n    pub fn go(&self) {{}}\n}}\n\nfn free{i}() {{}}\n"),
            (".md", i => $"# Doc {i}\n"),
        };
        var filler = new StringBuilder();
        for (var line = 0; line < 40; line++)
        {
            filler.Append("// filler line to give files a realistic size\n");
        }
        for (var i = 0; i < 10_000; i++)
        {
            var (ext, body) = languages[i % languages.Length];
            var comment = ext is ".py" ? filler.ToString().Replace("//", "#", StringComparison.Ordinal) : ext is ".md" ? "" : filler.ToString();
            _repo.Write($"d{i % 100}/sub{i % 7}/f{i}{ext}", comment + body(i));
        }
        _repo.Commit("ten thousand files");

        var opened = await RepositorySource.OpenAsync(_repo.Path, new RepositoryOptions { CacheDirectory = _repo.NewFolder("cache") });
        using var repo = opened.Repository!;
        var listing = Stopwatch.StartNew();
        var files = repo.ListFiles().Value!;
        listing.Stop();
        var index = CodeIndex.Build(repo).Value!;

        Assert.Equal(10_000, files.Count);
        Assert.Equal(10_000, index.Files);
        Assert.Equal(1429, index.Languages.Single(l => l.Language == "Go").Files);
        Assert.Equal([new SymbolLocation("New7", SymbolKind.Function, "d7/sub0/f7.go", 49)], index.FindSymbol("New7"));
        Assert.Single(index.FindSymbol("Worker9"));
        Assert.Single(index.FindSymbol("step_3"));
        Assert.Single(index.FindSymbol("free5"));
        Assert.True(index.Symbols.Count > 30_000, $"{index.Symbols.Count} symbols");
        output.WriteLine($"10000 files: ListFiles {listing.Elapsed.TotalMilliseconds:0} ms, CodeIndex.Build {index.Elapsed.TotalMilliseconds:0} ms, {index.Symbols.Count} symbols");
        output.WriteLine(index.Summary(3));
    }
}
