using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace Specula.Repos.Git;

/// <summary>
/// Opens a target's repository from what a user types: a work tree is opened in place (and only read); an address
/// (https, ssh, git, file://, <c>user@host:path</c>) or a bare repository is cloned into the cache, or fetched and
/// checked out again when the clone is already there. The user's folders are never written to.
/// </summary>
public static partial class RepositorySource
{
    private const string Remote = "origin";

    /// <summary>
    /// Opens <paramref name="urlOrPath"/>. Expected failures (no such folder, not a repository, unreachable host,
    /// missing repository, credentials needed, missing branch or commit, cancellation) come back as
    /// <see cref="RepoOpenResult.Error"/>, never as exceptions; messages never hold the token.
    /// </summary>
    /// <param name="urlOrPath">A work tree, a bare repository, or an address.</param>
    /// <param name="options">Cache, branch, commit, token; null for defaults.</param>
    /// <param name="progress">Objects received during clone or fetch.</param>
    /// <param name="cancellationToken">Stops a clone or fetch between two packets (libgit2 is asked to abort).</param>
    public static Task<RepoOpenResult> OpenAsync(string urlOrPath, RepositoryOptions? options = null, IProgress<RepoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urlOrPath);
        options ??= new RepositoryOptions();
        // libgit2 blocks: run it off the caller's thread so a UI or the CLI's signal handling stays responsive.
        return Task.Run(() => Open(urlOrPath, options, progress, cancellationToken), CancellationToken.None);
    }

    /// <summary>True for what <see cref="OpenAsync"/> treats as an address rather than a folder.</summary>
    public static bool IsAddress(string urlOrPath)
    {
        ArgumentNullException.ThrowIfNull(urlOrPath);
        return urlOrPath.Contains("://", StringComparison.Ordinal) || ScpLike().IsMatch(urlOrPath);
    }

    /// <summary>
    /// True when <paramref name="path"/> is the root of a work tree or a bare repository (not merely a folder
    /// inside one): what <c>specula trace</c> hands to <see cref="OpenAsync"/> rather than using as a plain folder.
    /// </summary>
    public static bool IsRepositoryRoot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Exists(path) && Inspect(Path.GetFullPath(path)) is LocalKind.WorkTree or LocalKind.Bare;
    }

    /// <summary>The cache folder a clone of <paramref name="url"/> lives in: a readable name plus a hash of the address.</summary>
    public static string CacheFolderFor(string url, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var clean = StripCredentials(url.Trim()).TrimEnd('/');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clean)))[..12];
        var name = NotSafe().Replace(SchemePrefix().Replace(clean, ""), "-").Trim('-', '.');
        if (name.EndsWith("-git", StringComparison.Ordinal) || name.EndsWith(".git", StringComparison.Ordinal))
        {
            name = name[..^4];
        }
        if (name.Length > 60)
        {
            name = name[^60..].TrimStart('-', '.');
        }
        return Path.Combine(cacheDirectory ?? RepositoryOptions.DefaultCacheDirectory(), $"{name}-{hash}");
    }

    private enum LocalKind { None, WorkTree, Bare, Inside }

    private static RepoOpenResult Open(string urlOrPath, RepositoryOptions options, IProgress<RepoProgress>? progress, CancellationToken ct)
    {
        var redactor = new SecretRedactor(options.Token);
        if (ct.IsCancellationRequested)
        {
            return Failed(RepoErrorCodes.Cancelled, "Cancelled before the repository was opened.");
        }
        if (IsAddress(urlOrPath))
        {
            return CloneOrFetch(urlOrPath.Trim(), options, progress, redactor, ct);
        }
        if (!Directory.Exists(urlOrPath))
        {
            return File.Exists(urlOrPath)
                ? Failed(RepoErrorCodes.NotARepository, $"'{urlOrPath}' is a file, not a repository; pass the repository's folder or address.")
                : Failed(RepoErrorCodes.NoSuchPath, $"No folder '{urlOrPath}' and it is not an address; pass a work tree, a bare repository, or an https://, ssh:// or file:// address.");
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(urlOrPath));
        switch (Inspect(full))
        {
            case LocalKind.WorkTree when options.Branch is null && options.Commit is null:
                return new RepoOpenResult(new LocalRepository(new Repository(full), isCachedClone: false), null);
            case LocalKind.WorkTree or LocalKind.Bare:
                // Checking out another branch or commit would change the user's folder: work on a clone instead.
                return CloneOrFetch(full, options, progress, redactor, ct);
            case LocalKind.Inside:
                var root = Repository.Discover(full);
                return Failed(RepoErrorCodes.NotARepository, $"'{urlOrPath}' is a folder inside the repository at '{root}', not its root; pass the repository's root.");
            default:
                return Failed(RepoErrorCodes.NotARepository, $"'{urlOrPath}' is not a git repository; run 'git init' and commit there, or pass the repository's address.");
        }
    }

    private static LocalKind Inspect(string full)
    {
        var discovered = Repository.Discover(full);
        if (discovered is null)
        {
            return LocalKind.None;
        }
        try
        {
            using var repo = new Repository(discovered);
            var here = Path.TrimEndingDirectorySeparator(full);
            if (repo.Info.IsBare)
            {
                return Path.TrimEndingDirectorySeparator(repo.Info.Path) == here ? LocalKind.Bare : LocalKind.Inside;
            }
            return Path.TrimEndingDirectorySeparator(repo.Info.WorkingDirectory) == here ? LocalKind.WorkTree : LocalKind.Inside;
        }
        catch (LibGit2SharpException)
        {
            return LocalKind.None;
        }
    }

    private static RepoOpenResult CloneOrFetch(string url, RepositoryOptions options, IProgress<RepoProgress>? progress, SecretRedactor redactor, CancellationToken ct)
    {
        var folder = CacheFolderFor(url, options.CacheDirectory);
        var shown = redactor.Redact(StripCredentials(url))!;
        FileStream? hold;
        try
        {
            hold = AcquireLock(folder + ".lock", options.LockTimeout, ct);
        }
        catch (IOException ex)
        {
            return Failed(RepoErrorCodes.GitFailed, $"Cannot use the cache folder '{Path.GetDirectoryName(folder)}': {ex.Message} Pass a writable --repo-cache.");
        }
        catch (UnauthorizedAccessException)
        {
            return Failed(RepoErrorCodes.GitFailed, $"Cannot write to the cache folder '{Path.GetDirectoryName(folder)}'; pass a writable --repo-cache.");
        }
        if (hold is null)
        {
            return ct.IsCancellationRequested
                ? Failed(RepoErrorCodes.Cancelled, $"Cancelled while waiting for another Specula process using the clone of {shown}.")
                : Failed(RepoErrorCodes.CacheBusy, $"Another Specula process has held the clone of {shown} for over {options.LockTimeout.TotalSeconds:0} s; wait for it to finish, or pass another --repo-cache.");
        }
        Repository? repo = null;
        try
        {
            if (Repository.IsValid(folder))
            {
                repo = new Repository(folder);
                if (!options.NoFetch)
                {
                    var remote = repo.Network.Remotes[Remote];
                    var refSpecs = remote.FetchRefSpecs.Select(r => r.Specification).ToArray();
                    Commands.Fetch(repo, Remote, refSpecs, new FetchOptions
                    {
                        Prune = true,
                        OnTransferProgress = Transfer("fetch", progress, ct),
                        CredentialsProvider = Credentials(options.Token),
                    }, "specula fetch");
                }
            }
            else if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return Failed(RepoErrorCodes.GitFailed, $"The cache folder '{folder}' exists but holds no clone of {shown}; remove it (it is Specula's cache) or pass another --repo-cache.");
            }
            else
            {
                repo = Clone(url, folder, options, progress, ct);
            }
            var checkedOut = CheckOut(repo, options, shown, progress);
            if (checkedOut is not null)
            {
                return new RepoOpenResult(null, checkedOut);
            }
            var opened = new LocalRepository(repo, isCachedClone: true, hold);
            repo = null;
            hold = null;
            return new RepoOpenResult(opened, null);
        }
        catch (UserCancelledException)
        {
            return Failed(RepoErrorCodes.Cancelled, $"Cancelled while getting {shown}; the cache is left as it was.");
        }
        catch (LibGit2SharpException ex)
        {
            return new RepoOpenResult(null, Classify(ex, shown, redactor));
        }
        finally
        {
            repo?.Dispose();
            hold?.Dispose();
        }
    }

    // An exclusive lock on a file beside the clone (flock on Unix, a share lock on Windows), retried until the
    // timeout; null when it timed out or was cancelled. Held by the LocalRepository until it is disposed.
    private static FileStream? AcquireLock(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (Environment.TickCount64 >= deadline || ct.WaitHandle.WaitOne(100))
                {
                    return null;
                }
            }
        }
    }

    // Clones into a fresh folder beside the final one and moves it in place when complete, so an aborted clone never
    // looks like a good one, and two processes cloning at once end with one clone.
    private static Repository Clone(string url, string folder, RepositoryOptions options, IProgress<RepoProgress>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        var partial = $"{folder}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            var cloneOptions = new CloneOptions(new FetchOptions
            {
                OnTransferProgress = Transfer("clone", progress, ct),
                CredentialsProvider = Credentials(options.Token),
            })
            {
                Checkout = false,
                RecurseSubmodules = false,
            };
            Repository.Clone(url, partial, cloneOptions);
            ct.ThrowIfCancellationRequested();
            try
            {
                Directory.Move(partial, folder);
            }
            catch (IOException) when (Repository.IsValid(folder))
            {
                // Another process finished the same clone first: use theirs.
            }
            return new Repository(folder);
        }
        catch (OperationCanceledException)
        {
            throw new UserCancelledException("cancelled");
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                DeleteOwnFolder(partial);
            }
        }
    }

    private static RepoError? CheckOut(Repository repo, RepositoryOptions options, string shown, IProgress<RepoProgress>? progress)
    {
        var checkout = new CheckoutOptions
        {
            CheckoutModifiers = CheckoutModifiers.Force,
            OnCheckoutProgress = progress is null ? null : (_, done, total) => progress.Report(new RepoProgress("checkout", done, total, 0)),
        };
        if (options.Commit is { } wanted)
        {
            Commit? commit = null;
            try
            {
                commit = repo.Lookup(wanted)?.Peel<Commit>();
            }
            catch (LibGit2SharpException)
            {
                // Reported below.
            }
            if (commit is null)
            {
                return new RepoError(RepoErrorCodes.CommitNotFound, $"{shown} has no commit '{wanted}' (after fetching); check the sha, or push it.");
            }
            Commands.Checkout(repo, commit, checkout);
            return null;
        }
        var branchName = options.Branch ?? DefaultBranch(repo);
        if (branchName is null)
        {
            return new RepoError(RepoErrorCodes.BranchNotFound, $"{shown} has no branches (an empty repository?); push a commit first.");
        }
        var remoteBranch = repo.Branches[$"{Remote}/{branchName}"];
        if (remoteBranch?.Tip is null)
        {
            var known = repo.Branches.Where(b => b.IsRemote && b.Tip is not null && !b.FriendlyName.EndsWith("/HEAD", StringComparison.Ordinal))
                .Select(b => b.FriendlyName[(Remote.Length + 1)..]).Order(StringComparer.Ordinal).Take(10);
            return new RepoError(RepoErrorCodes.BranchNotFound, $"{shown} has no branch '{branchName}'; its branches: {string.Join(", ", known)}.");
        }
        var local = repo.Branches[branchName] ?? repo.CreateBranch(branchName, remoteBranch.Tip);
        repo.Branches.Update(local, b => b.TrackedBranch = remoteBranch.CanonicalName);
        Commands.Checkout(repo, local, checkout);
        // The cache is Specula's own: move the branch to what was fetched, dropping nothing of the user's.
        repo.Reset(ResetMode.Hard, remoteBranch.Tip);
        return null;
    }

    // The remote's HEAD as recorded at clone time; else the branch the clone is on.
    private static string? DefaultBranch(Repository repo)
    {
        if (repo.Refs[$"refs/remotes/{Remote}/HEAD"] is SymbolicReference head)
        {
            var target = head.TargetIdentifier;
            const string prefix = $"refs/remotes/{Remote}/";
            if (target.StartsWith(prefix, StringComparison.Ordinal))
            {
                return target[prefix.Length..];
            }
        }
        if (!repo.Info.IsHeadDetached && repo.Head.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return repo.Head.FriendlyName;
        }
        return repo.Branches.FirstOrDefault(b => b.IsRemote && b.Tip is not null && !b.FriendlyName.EndsWith("/HEAD", StringComparison.Ordinal))?.FriendlyName[(Remote.Length + 1)..];
    }

    private static LibGit2Sharp.Handlers.TransferProgressHandler Transfer(string phase, IProgress<RepoProgress>? progress, CancellationToken ct) =>
        p =>
        {
            progress?.Report(new RepoProgress(phase, p.ReceivedObjects, p.TotalObjects, p.ReceivedBytes));
            return !ct.IsCancellationRequested;
        };

    private static LibGit2Sharp.Handlers.CredentialsHandler? Credentials(string? token) =>
        token is null ? null : (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token };

    private static RepoError Classify(LibGit2SharpException ex, string shown, SecretRedactor redactor)
    {
        var message = redactor.Redact(ex.Message) ?? "";
        var lower = message.ToLowerInvariant();
        string code;
        string advice;
        if (lower.Contains("could not read refs from remote repository", StringComparison.Ordinal))
        {
            // libgit2 runs OpenSSH for ssh addresses and gets only this back, whatever ssh's reason was.
            (code, advice) = (RepoErrorCodes.HostUnreachable, "ssh could not reach it or was refused: run 'ssh -T' to the host to see why (network, key in ssh-agent, known_hosts, repository name)");
        }
        else if (lower.Contains("unsupported url protocol", StringComparison.Ordinal) || lower.Contains("unsupported transport", StringComparison.Ordinal))
        {
            (code, advice) = (RepoErrorCodes.UnsupportedTransport, "use an https:// or file:// address, or clone it yourself and pass the folder");
        }
        else if (lower.Contains("authentication", StringComparison.Ordinal) || lower.Contains("401", StringComparison.Ordinal)
                 || lower.Contains("403", StringComparison.Ordinal) || lower.Contains("credentials", StringComparison.Ordinal)
                 || lower.Contains("permission denied", StringComparison.Ordinal))
        {
            (code, advice) = (RepoErrorCodes.AuthenticationRequired, "the repository needs credentials: pass a token with read access, or clone it yourself and pass the folder");
        }
        else if (lower.Contains("resolve address", StringComparison.Ordinal) || lower.Contains("resolve host", StringComparison.Ordinal)
                 || lower.Contains("failed to connect", StringComparison.Ordinal) || lower.Contains("connection refused", StringComparison.Ordinal)
                 || lower.Contains("could not connect", StringComparison.Ordinal) || lower.Contains("timed out", StringComparison.Ordinal)
                 || lower.Contains("network is unreachable", StringComparison.Ordinal) || lower.Contains("ssl", StringComparison.Ordinal)
                 || lower.Contains("certificate", StringComparison.Ordinal) || lower.Contains("failed to send request", StringComparison.Ordinal))
        {
            (code, advice) = (RepoErrorCodes.HostUnreachable, "check the address and your network (or proxy), then try again");
        }
        else if (lower.Contains("not found", StringComparison.Ordinal) || lower.Contains("404", StringComparison.Ordinal)
                 || lower.Contains("could not find repository", StringComparison.Ordinal) || lower.Contains("failed to resolve path", StringComparison.Ordinal)
                 || lower.Contains("does not exist", StringComparison.Ordinal) || lower.Contains("not a git repository", StringComparison.Ordinal)
                 || lower.Contains("no such file", StringComparison.Ordinal))
        {
            (code, advice) = (RepoErrorCodes.RepositoryNotFound, "check the address (owner, name, spelling); a private repository also needs a token");
        }
        else
        {
            (code, advice) = (RepoErrorCodes.GitFailed, "if the cached clone is damaged, remove its folder from the cache and try again");
        }
        return new RepoError(code, $"Could not get {shown}: {message.TrimEnd('.')}; {advice}.");
    }

    // https://TOKEN@host is a common way to pass a token, so https user names go too; an ssh user name (git@) is no secret.
    private static string StripCredentials(string url) =>
        url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? SecretRedactor.RedactCommon(url) : UserInfo().Replace(url, "${scheme}");

    // Only folders this class created (clone in progress) are deleted; read-only pack files need their flag cleared.
    private static void DeleteOwnFolder(string folder)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left behind: harmless (a later clone uses a new name), and it is in the cache, not the user's folders.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static RepoOpenResult Failed(string code, string message) => new(null, new RepoError(code, message));

    [GeneratedRegex(@"^[A-Za-z0-9._\-]+@[A-Za-z0-9.\-]+:(?!//)")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"[^A-Za-z0-9._\-]+")]
    private static partial Regex NotSafe();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"(?<scheme>^[A-Za-z][A-Za-z0-9+.\-]*://)[^/@]*@")]
    private static partial Regex UserInfo();
}
