using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cuboid.Server.Tests.Browser;
using Microsoft.Playwright;
using static Cuboid.Server.Tests.Security.SecuredSession;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// The web app's login: a form posts the name and password once for an HttpOnly session cookie, writes with that
/// cookie need the anti-forgery token, and in the browser nothing of the data shows before the login.
/// </summary>
public sealed class CookieLoginTests(ITestOutputHelper output)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> CsrfAsync(ServedSession served)
    {
        using var response = await served.SendAsync(HttpMethod.Get, "/api/auth/csrf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> WithCsrfAsync(ServedSession served, HttpMethod method, string path, string? csrf, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : ServedSession.Json(body) };
        if (csrf is not null) request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await served.Client.SendAsync(request, Token);
    }

    [Fact]
    public async Task AFormLoginGivesAnHttpOnlySessionCookieWhoseWritesNeedTheAntiForgeryToken()
    {
        var (served, _) = SecuredSession.Start(new SessionConfig { LogsPath = Path.GetTempFileName() });
        using var _ = served;
        // The web app's anonymous call: a bare 401, no password prompt.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/cubes"))
        {
            request.Headers.Add("X-Cuboid-Client", "web");
            using var anonymous = await served.Client.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.DoesNotContain(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }

        using (var forged = await WithCsrfAsync(served, HttpMethod.Post, "/api/auth/login", null, new { user = "alice", password = "secret-a" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);   // a login without the token: another site's form
        }
        using (var wrong = await WithCsrfAsync(served, HttpMethod.Post, "/api/auth/login", await CsrfAsync(served), new { user = "alice", password = "nope" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("Wrong name or password.", (await wrong.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        }
        string csrf;
        using (var login = await WithCsrfAsync(served, HttpMethod.Post, "/api/auth/login", await CsrfAsync(served), new { user = "alice", password = "secret-a" }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cuboid.session=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            csrf = (await login.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("csrf").GetString()!;
        }
        using (var cubes = await served.SendAsync(HttpMethod.Get, "/api/cubes")) Assert.Equal(HttpStatusCode.OK, cubes.StatusCode);
        var content = new { kind = "dashboard", body = new { } };
        using (var noToken = await WithCsrfAsync(served, HttpMethod.Put, "/api/content/d1", null, content))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
            Assert.Equal("Missing or invalid anti-forgery token", (await noToken.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("title").GetString());
        }
        using (var withToken = await WithCsrfAsync(served, HttpMethod.Put, "/api/content/d1", csrf, content)) Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);

        // Logged out, the cookie no longer opens anything.
        using (var logout = await WithCsrfAsync(served, HttpMethod.Post, "/api/auth/logout", csrf)) Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using (var after = await served.SendAsync(HttpMethod.Get, "/api/cubes")) Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        // The log has the login (who, how, from where) and the failed one, never a password.
        served.Session.Close();
        var log = await File.ReadAllTextAsync(served.Session.LogsPath!, Token);
        Assert.Matches(@"INF login of user 'alice' by basic from \S+", log);
        Assert.Contains("failed basic login for user 'alice'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-a", log, StringComparison.Ordinal);
        Assert.DoesNotContain("nope", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBrowserShowsTheLoginFirstThenTheAppWithTheUsersNameAndLogsOut()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        served.Session.SaveContent("sales-overview", "dashboard", "{\"pages\":[]}", name: "Sales overview");
        await BrowserRun.RunAsync(output, async page =>
        {
            var dataRequests = new List<string>();
            page.Request += (_, r) => { if (r.Url.Contains("/api/", StringComparison.Ordinal) && !r.Url.Contains("/api/auth/", StringComparison.Ordinal)) dataRequests.Add(r.Url); };
            await page.GotoAsync(served.Session.Link!, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
            Assert.Empty(dataRequests);   // no flash of data: nothing but the login was asked for
            Assert.Equal(0, await page.Locator(".topbar").CountAsync());

            await page.GetByTestId("login-user").FillAsync("alice");
            await page.GetByTestId("login-password").FillAsync("wrong");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong name or password.");

            await page.GetByTestId("login-password").FillAsync("secret-a");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice");
            await Expect(page.GetByText("Sales overview")).ToBeVisibleAsync();

            // A reload keeps the session (the cookie), then logging out shows the login again.
            await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice");
            await page.GetByTestId("logout").ClickAsync();
            await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
            await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        });
    }
}
