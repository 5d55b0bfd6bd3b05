using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// One page in Debian's headless chromium (Playwright), for the browser tests: launched with the
/// flags this machine needs, its uncaught errors collected (the test fails on any), and what the
/// page showed logged when the test fails.
/// </summary>
internal static class BrowserRun
{
    public const float Timeout = 30_000;

    /// <param name="output">Where what the page showed goes when the test fails.</param>
    /// <param name="test">The test, given the page.</param>
    /// <param name="ignoreHttpsErrors">Accept a server certificate of a test's own authority (the page is served over HTTPS).</param>
    /// <param name="locale">The browser's language (its navigator.languages and Accept-Language); chromium's own when null.</param>
    public static async Task RunAsync(ITestOutputHelper output, Func<IPage, Task> test, bool ignoreHttpsErrors = false, string? locale = null)
    {
        var chromium = Chromium.Find(output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Timeout = Timeout,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, IgnoreHTTPSErrors = ignoreHttpsErrors, Locale = locale });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        SetDefaultExpectTimeout(Timeout);
        var pageErrors = new List<string>();
        page.PageError += (_, e) => { lock (pageErrors) pageErrors.Add(e); };
        page.Console += (_, msg) => { if (msg.Type == "error") output.WriteLine($"console error: {msg.Text} ({msg.Location})"); };
        page.Response += (_, r) => { if (r.Status >= 400) output.WriteLine($"HTTP {r.Status}: {r.Request.Method} {r.Url}"); };
        try
        {
            await test(page);
        }
        catch
        {
            await LogFailureAsync(output, page, pageErrors);
            throw;
        }
        lock (pageErrors) Assert.True(pageErrors.Count == 0, "uncaught errors in the page: " + string.Join(" | ", pageErrors));
        await context.CloseAsync();
    }

    /// <summary>What the page showed when the test failed: a screenshot in the temp folder, its URL, test ids and errors.</summary>
    private static async Task LogFailureAsync(ITestOutputHelper output, IPage page, List<string> pageErrors)
    {
        try
        {
            var shot = Path.Combine(Path.GetTempPath(), $"cuboid-browser-failure-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true, Timeout = 5_000 });
            output.WriteLine($"failure screenshot: {shot}; URL {page.Url}");
            var ids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid]')].map(e => e.dataset.testid)");
            output.WriteLine("test ids on the page: " + string.Join(" ", ids));
            lock (pageErrors) output.WriteLine("uncaught errors in the page: " + string.Join(" | ", pageErrors));
        }
        catch (Exception e)
        {
            output.WriteLine("could not capture the page after the failure: " + e.Message);
        }
    }

    /// <summary>Row captions and formatted values of a one-level, one-measure query.</summary>
    public static List<(string Caption, string Value)> Expected(QueryResult result)
    {
        var levelColumn = result.Columns[0];
        var measureColumn = result.Columns[^1];
        return [.. Enumerable.Range(0, result.RowCount).Select(r => (levelColumn.Format(r), measureColumn.Format(r)))];
    }

    /// <summary>Waits until the pivot shows exactly these rows (caption of the first header, first value column).</summary>
    public static async Task ExpectPivotAsync(ILocator pivot, IReadOnlyList<(string Caption, string Value)> rows)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            await Expect(pivot.GetByTestId($"pivot-row-{r}-0").Locator(".caption")).ToHaveTextAsync(rows[r].Caption);
            await Expect(pivot.GetByTestId($"pivot-cell-{r}-0")).ToHaveTextAsync(rows[r].Value);
        }
        await Expect(pivot.GetByTestId($"pivot-row-{rows.Count}-0")).ToHaveCountAsync(0);
    }

    /// <summary>With CUBOID_SCREENSHOTS set, the page as a PNG in docs/screenshots/ (the README and docs show them).</summary>
    /// <param name="keepPointer">Leave the pointer where it is (a tooltip shown); otherwise it moves to the corner first.</param>
    public static async Task ScreenshotAsync(ITestOutputHelper output, IPage page, string name, bool keepPointer = false)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CUBOID_SCREENSHOTS"))) return;
        if (!keepPointer) await page.Mouse.MoveAsync(0, 0);
        var dir = Path.Combine(RepoRoot(), "docs", "screenshots");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>The repository's root (where Cuboid.slnx is), above the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cuboid.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>HTML5 drag and drop of <paramref name="source"/> onto <paramref name="target"/>, as dispatched events sharing one DataTransfer.</summary>
    public static async Task DispatchDragAsync(ILocator source, ILocator target)
    {
        var sourceHandle = await source.ElementHandleAsync();
        await target.EvaluateAsync("""
            (target, source) => {
              const dt = new DataTransfer();
              const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
              fire(source, "dragstart");
              fire(target, "dragenter");
              fire(target, "dragover");
              fire(target, "drop");
              fire(source, "dragend");
            }
            """, sourceHandle);
    }
}
