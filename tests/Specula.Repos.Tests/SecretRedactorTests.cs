namespace Specula.Repos.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 sent", "token *** sent")]
    [InlineData("pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "pat ***")]
    [InlineData("key=sk-proj-abcdefghijklmnop1234", "key=***")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "Authorization: Bearer ***")]
    [InlineData("Authorization: token 0123456789abcdef0123456789abcdef01234567", "Authorization: token ***")]
    [InlineData("clone https://user:hunter2pass@github.com/o/r.git failed", "clone https://user:***@github.com/o/r.git failed")]
    public void Common_token_shapes_are_masked(string text, string expected) =>
        Assert.Equal(expected, new SecretRedactor().Redact(text));

    [Theory]
    [InlineData("The token expired; get a new token from the settings page.")]
    [InlineData("ssh://git@github.com/etcd-io/raft.git")]
    [InlineData("Bearer of bad news")]
    [InlineData("task-1234 and sk-short")]
    public void Ordinary_text_is_left_alone(string text) => Assert.Equal(text, new SecretRedactor().Redact(text));

    [Fact]
    public void Given_secrets_are_masked_wherever_they_appear_longest_first()
    {
        var redactor = new SecretRedactor("plain-secret-value", "plain-secret", null, "ab");
        Assert.Equal("x *** y ***z", redactor.Redact("x plain-secret-value y plain-secretz"));
        Assert.Equal("ab stays: too short to be a secret", redactor.Redact("ab stays: too short to be a secret"));
        Assert.Null(redactor.Redact(null));
        Assert.Equal("", redactor.Redact(""));
    }
}
