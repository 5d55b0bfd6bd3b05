using Cuboid.Server.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// The whole authorization-code flow against a real OpenID provider, in chromium: the login page's button, the
/// provider's login, back to the app with the user's name and the roles of their groups, then logout.
/// </summary>
public sealed class OidcTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AUserLogsInAtTheProviderAndComesBackWithTheRolesOfTheirGroups()
    {
        // The session's port comes first (the provider registers the callback), then the provider's (the session's issuer).
        var issuerPort = Cuboid.Tests.Support.PrivateServers.FreePort();
        var config = new SessionConfig
        {
            Authentication = new OidcConfig
            {
                ProviderId = "Test provider",
                IssuerUrl = $"http://localhost:{issuerPort}",
                ClientId = OidcProvider.ClientId,
                ClientSecret = OidcProvider.ClientSecret,
                Scopes = ["openid", "profile", "groups"],
                RolesClaims = ["groups"],
            },
        };
        var (served, _) = SmallCube.Start(config);
        using var _ = served;
        served.Session.Security.Oidc.RoleMapping["admins"] = [Roles.Admin];
        served.Session.Security.Oidc.RoleMapping["analysts"] = ["ROLE_ANALYST"];
        using var provider = new OidcProvider(issuerPort, served.Session.Link + "api/auth/oidc/callback");

        await BrowserRun.RunAsync(output, async page =>
        {
            await page.GotoAsync(served.Session.Link!, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("login-oidc")).ToHaveTextAsync("Log in with Test provider");
            Assert.Equal(0, await page.GetByTestId("login-password").CountAsync());   // no password form: the provider logs users in
            await page.GetByTestId("login-oidc").ClickAsync();

            // The provider's own pages: its login, then its consent.
            await page.Locator("input[name=login]").FillAsync("bob");
            await page.Locator("input[name=password]").FillAsync("any");
            await page.Locator("button[type=submit]").ClickAsync();
            await page.Locator("button[type=submit]").ClickAsync();

            await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("bob");
            Assert.Equal("ROLE_ADMIN, ROLE_ANALYST, ROLE_USER", await page.GetByTestId("user-name").GetAttributeAsync("title"));
            await page.GetByTestId("logout").ClickAsync();
            await Expect(page.GetByTestId("login-oidc")).ToBeVisibleAsync();
        });
    }
}
