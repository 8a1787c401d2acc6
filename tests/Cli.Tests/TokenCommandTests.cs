namespace Avz.Cli.Tests;

public sealed class TokenCommandTests
{
    [Fact]
    public void Url_WithAPort_IsAccepted()
    {
        // Issue 11: '--url http://127.0.0.1:5402' threw "Cannot parse argument ... as expected type System.Uri".
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jwk");

        var (exit, _, error) = Run("token", "--client", "dev-politie", "--url", "http://127.0.0.1:5402", "--key", missing);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("no private key at", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot parse", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative")]
    [InlineData("ftp://127.0.0.1/")]
    public void Url_ThatIsNoHttpUrl_IsAUsageErrorWithASentence(string url)
    {
        var (exit, _, error) = Run("token", "--client", "dev-politie", "--url", url);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--url needs an absolute http(s) URL", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
