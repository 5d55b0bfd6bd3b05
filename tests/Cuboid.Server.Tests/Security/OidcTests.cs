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

    private static OidcConfig Config(int issuerPort, string? audience) => new()
    {
        ProviderId = "Test provider",
        IssuerUrl = $"http://localhost:{issuerPort}",
        ClientId = OidcProvider.ClientId,
        ClientSecret = OidcProvider.ClientSecret,
        AccessTokenAudience = audience,
    };

    [Fact]
    public async Task AServiceCallsWithTheProvidersAccessTokenForThisAudienceOnly()
    {
        var issuerPort = Cuboid.Tests.Support.PrivateServers.FreePort();
        var (served, _) = SmallCube.Start(new SessionConfig { Authentication = Config(issuerPort, "urn:cuboid") });
        using var _ = served;
        var (elsewhere, _) = SmallCube.Start(new SessionConfig { Authentication = Config(issuerPort, "urn:another-api") });
        using var __ = elsewhere;
        using var provider = new OidcProvider(issuerPort, served.Session.Link + "api/auth/oidc/callback");
        var token = TestContext.Current.CancellationToken;

        // The client-credentials grant: a service's own token, a JWT for the audience urn:cuboid.
        using var http = new HttpClient();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, $"{provider.Issuer}/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "api", ["resource"] = "urn:cuboid" }),
        };
        tokenRequest.Headers.Authorization = SecuredSession.Basic(OidcProvider.ClientId, OidcProvider.ClientSecret);
        using var tokenResponse = await http.SendAsync(tokenRequest, token);
        var accessToken = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(token)).RootElement.GetProperty("access_token").GetString()!;

        using (var me = await served.SendAsync(HttpMethod.Get, "/api/auth/me", SecuredSession.Bearer(accessToken)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("\"name\":\"cuboid\"", await me.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
        }
        using (var other = await elsewhere.SendAsync(HttpMethod.Get, "/api/cubes", SecuredSession.Bearer(accessToken)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, other.StatusCode);   // a token for another audience
        }
        // The provider's issuer on a token signed with another key is refused.
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = provider.Issuer,
            Audience = "urn:cuboid",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory" },
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
        });
        using var refused = await served.SendAsync(HttpMethod.Get, "/api/cubes", SecuredSession.Bearer(forged));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
