namespace Cuboid.Tests.Security;

/// <summary>The session's users and roles, without a server: passwords kept hashed, roles combined.</summary>
public sealed class SessionSecurityTests
{
    [Fact]
    public void APasswordIsVerifiedAndNeverKeptInClear()
    {
        var credentials = new BasicCredentials();
        credentials.Add("alice", "correct horse");
        Assert.True(credentials.Verify("alice", "correct horse"));
        Assert.False(credentials.Verify("alice", "Correct horse"));
        Assert.False(credentials.Verify("bob", "correct horse"));
        Assert.Equal(["alice"], credentials.Users);

        var error = Assert.Throws<ArgumentException>(() => credentials.Add("alice", "again"));
        Assert.StartsWith("The user 'alice' exists already; Set changes a password.", error.Message, StringComparison.Ordinal);
        credentials.Set("alice", "battery staple");
        Assert.False(credentials.Verify("alice", "correct horse"));
        Assert.True(credentials.Verify("alice", "battery staple"));
        Assert.Throws<ArgumentException>(() => credentials.Set("a:b", "x"));
        Assert.True(credentials.Remove("alice"));
        Assert.False(credentials.Remove("alice"));
        Assert.False(credentials.Verify("alice", "battery staple"));
    }

    [Fact]
    public void NoPasswordIsInTheObjectsMemoryAsText()
    {
        var credentials = new BasicCredentials();
        credentials.Set("alice", "very-distinctive-password");
        var fields = typeof(BasicCredentials).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .Select(f => f.GetValue(credentials)).OfType<System.Collections.IEnumerable>().SelectMany(e => e.Cast<object>()).Select(o => o.ToString() ?? "");
        Assert.DoesNotContain(fields, text => text.Contains("very-distinctive-password", StringComparison.Ordinal));
    }

    [Fact]
    public void AUsersRolesAreTheDefaultOnesTheirOwnAndThoseOfTheirMappedGroups()
    {
        var security = new SessionSecurity();
        Assert.Equal([Roles.User], security.RolesOf("alice"));
        security.IndividualRoles["alice"] = [Roles.Admin];
        Assert.Equal([Roles.Admin, Roles.User], security.RolesOf("alice"));
        security.Ldap.RoleMapping["Europe"] = ["ROLE_EUROPE"];
        Assert.Equal([Roles.Admin, "ROLE_EUROPE", Roles.User], security.RolesOf("alice", ["europe", "unmapped"], security.Ldap));
        Assert.Equal([Roles.Admin, Roles.User], security.RolesOf("alice", ["europe"]));   // groups without a mapping give nothing
        security.DefaultRoles = [];
        Assert.Empty(security.RolesOf("bob"));
        Assert.Throws<ArgumentNullException>(() => security.DefaultRoles = null!);
    }
}
