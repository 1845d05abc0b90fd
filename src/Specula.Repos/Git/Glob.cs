using System.Text;
using System.Text.RegularExpressions;

namespace Specula.Repos.Git;

/// <summary>
/// Globs over work-tree paths (relative, with '/'): <c>*</c> within a name, <c>**</c> across folders, <c>?</c>,
/// <c>[abc]</c>, <c>{a,b}</c>. A glob without '/' matches file names anywhere (<c>*.go</c>), as in .gitignore.
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;
    private readonly bool _nameOnly;

    private Glob(Regex regex, bool nameOnly)
    {
        _regex = regex;
        _nameOnly = nameOnly;
    }

    public static RepoResult<Glob> Parse(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return RepoResult<Glob>.Fail(RepoErrorCodes.InvalidArgument, "The glob is empty; pass a pattern such as '*.go' or 'src/**/*.cs', or none for all files.");
        }
        var nameOnly = !pattern.Contains('/', StringComparison.Ordinal);
        var sb = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        sb.Append("(?:.*/)?");
                    }
                    else
                    {
                        sb.Append(".*");
                    }
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        return RepoResult<Glob>.Fail(RepoErrorCodes.InvalidArgument, $"The glob '{pattern}' has a '[' without ']'; close the character class or escape it.");
                    }
                    var body = pattern[(i + 1)..close];
                    if (body.StartsWith('!'))
                    {
                        body = "^" + body[1..];
                    }
                    sb.Append('[').Append(body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '{':
                    braces++;
                    sb.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    sb.Append(')');
                    break;
                case ',' when braces > 0:
                    sb.Append('|');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (braces != 0)
        {
            return RepoResult<Glob>.Fail(RepoErrorCodes.InvalidArgument, $"The glob '{pattern}' has a '{{' without '}}'; close the alternatives.");
        }
        sb.Append('$');
        return RepoResult<Glob>.Ok(new Glob(new Regex(sb.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), nameOnly));
    }

    public bool IsMatch(string relativePath)
    {
        if (_nameOnly)
        {
            var slash = relativePath.LastIndexOf('/');
            return _regex.IsMatch(slash < 0 ? relativePath : relativePath[(slash + 1)..]);
        }
        return _regex.IsMatch(relativePath);
    }
}
