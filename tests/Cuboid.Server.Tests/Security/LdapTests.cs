using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cuboid.Tests.Support;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>Logins checked against a real OpenLDAP server started for these tests, its groups mapped to roles.</summary>
public sealed class LdapTests(LdapServer ldap) : IClassFixture<LdapServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private (ServedSession Served, Table Sales) Start(LdapConfig? config = null, string? logs = null)
    {
        var started = SmallCube.Start(new SessionConfig { Authentication = config ?? ldap.Config, LogsPath = logs });
        var security = started.Served.Session.Security;
        security.Ldap.RoleMapping["admins"] = [Roles.Admin];
        security.Ldap.RoleMapping["analysts"] = ["ROLE_ANALYST"];
        return started;
    }

    private static async Task<string[]> RolesAsync(ServedSession served, System.Net.Http.Headers.AuthenticationHeaderValue authorization)
    {
        using var me = await served.SendAsync(HttpMethod.Get, "/api/auth/me", authorization);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return [.. (await me.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)];
    }

    [Fact]
    public async Task ADirectoryUserLogsInWithTheRolesOfTheirGroups()
    {
        var (served, _) = Start();
        using var _ = served;
        Assert.Equal([Roles.Admin, "ROLE_ANALYST", Roles.User], await RolesAsync(served, Basic("bob", "bob-pw")));
        Assert.Equal(["ROLE_ANALYST", Roles.User], await RolesAsync(served, Basic("alice", "alice-pw")));
        Assert.Equal([Roles.User], await RolesAsync(served, Basic("carol", "carol-pw")));
        using (var cubes = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "alice-pw"))) Assert.Equal(HttpStatusCode.OK, cubes.StatusCode);

        // The mapping changes for the next request, and a token carries the groups, not the roles.
        using var tokenResponse = await served.SendAsync(HttpMethod.Post, "/api/auth/token", Basic("alice", "alice-pw"));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("accessToken").GetString()!;
        served.Session.Security.Ldap.RoleMapping["analysts"] = [Roles.Admin];
        Assert.Equal([Roles.Admin, Roles.User], await RolesAsync(served, Bearer(token)));
    }

    [Theory]
    [InlineData("alice", "bob-pw")]
    [InlineData("alice", "")]
    [InlineData("mallory", "alice-pw")]
    [InlineData("*", "alice-pw")]
    [InlineData("alice)(uid=*", "alice-pw")]
    public async Task AWrongPasswordAnUnknownOrAForgedNameIsRefused(string user, string password)
    {
        var (served, _) = Start();
        using var _ = served;
        using var refused = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic(user, password));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AnUnreachableDirectoryIsA503NamingItWithoutAStackTrace()
    {
        var closed = PrivateServers.FreePort();
        var logs = Path.GetTempFileName();
        var (served, _) = Start(ldap.Config with { Url = $"ldap://127.0.0.1:{closed}" }, logs);
        using var _ = served;
        using var response = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "alice-pw"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Directory unavailable", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith($"The directory (LDAP) at ldap://127.0.0.1:{closed} could not check the login", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Cuboid", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-pw", await File.ReadAllTextAsync(logs, Token), StringComparison.Ordinal);
    }

    [Fact]
    public void TheServiceAccountsPasswordIsNotInTheConfigsText() =>
        Assert.DoesNotContain(LdapServer.ServicePassword, ldap.Config.ToString(), StringComparison.Ordinal);
}
