using Microsoft.Playwright;
using Specula.Reports.Rendering;

namespace Specula.Reports.Tests;

/// <summary>The HTML report in a real browser: Debian's headless Chromium, driven by Playwright, with no network.</summary>
public class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_report_shows_rounds_diff_and_verdict_in_Chromium()
    {
        Assert.True(File.Exists(Chromium),
            $"Chromium is not installed at {Chromium}: the browser test needs Debian's chromium package. Install it with `sudo apt-get install -y chromium` (eng/prereqs.sh does).");
        var path = TestFiles.TempFile("report.html");
        HtmlReport.Write(HtmlReportTests.Load(TestFiles.SampleRun), path);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Offline = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(path).AbsoluteUri);

        Assert.Equal("conforming", await page.Locator("#verdict").InnerTextAsync());
        Assert.StartsWith("The model of raft matches all 20 recorded runs", await page.Locator("#summary p").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#timeline tbody tr").CountAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Round 2: repair → check" }).IsVisibleAsync());
        var added = page.Locator("#round-2 pre.diff .add");
        Assert.Equal("+    /\\ m.mterm >= currentTerm[i]", await added.InnerTextAsync());
        Assert.True(await added.IsVisibleAsync());
        Assert.Equal("rgb(218, 251, 225)", await added.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Close all sections" }).ClickAsync();
        Assert.False(await added.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Open all sections" }).ClickAsync();
        Assert.True(await page.GetByText("tla.validate").IsVisibleAsync());

        var screenshot = Path.Combine(TestFiles.Artifacts, "report-screenshot.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
    }
}
