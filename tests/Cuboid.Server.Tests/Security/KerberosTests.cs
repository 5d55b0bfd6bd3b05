using Cuboid.Server.Security;

namespace Cuboid.Server.Tests.Security;

/// <summary>Kerberos single sign-on against a private KDC: a client with a ticket (kinit, then curl --negotiate) gets in; without one, 401 Negotiate.</summary>
public sealed class KerberosTests(KerberosKdc kdc) : IClassFixture<KerberosKdc>
{
    [Fact]
    public void AUserWithATicketGetsInAndOneWithoutIsAskedToNegotiate()
    {
        // The server's GSSAPI reads the realm's configuration from the environment, as a deployment's /etc/krb5.conf.
        NegotiateLogin.SetNativeEnvironment("KRB5_CONFIG", kdc.Config);
        var (served, _) = SmallCube.Start(new SessionConfig { Authentication = new KerberosConfig { ServicePrincipal = "HTTP/localhost", Keytab = kdc.Keytab } });
        using var _ = served;
        served.Session.Security.IndividualRoles["alice"] = [Roles.Admin];
        var cache = Path.Combine(Path.GetTempPath(), $"cuboid-krb5cc-{Guid.NewGuid():N}");
        var url = served.Session.Link + "api/auth/me";

        var (noTicket, anonymous) = kdc.Exec("/usr/bin/curl", $"-s -i {url}", cache);
        Assert.Equal(0, noTicket);
        Assert.Contains("HTTP/1.1 401", anonymous, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Negotiate", anonymous, StringComparison.OrdinalIgnoreCase);

        var (_, forged) = kdc.Exec("/usr/bin/curl", $"-s -i -H \"Authorization: Negotiate YIIBAAAAAAAA\" {url}", cache);
        Assert.Contains("HTTP/1.1 401", forged, StringComparison.Ordinal);

        var (kinit, kinitOutput) = kdc.Exec("/usr/bin/kinit", "alice", cache, input: "alice-pw\n");
        Assert.True(kinit == 0, kinitOutput);
        var (code, answer) = kdc.Exec("/usr/bin/curl", $"-s --negotiate -u : {url}", cache);
        Assert.Equal(0, code);
        Assert.Contains("\"name\":\"alice\"", answer, StringComparison.Ordinal);
        Assert.Contains(Roles.Admin, answer, StringComparison.Ordinal);
        File.Delete(cache);
    }
}
