using System.Diagnostics;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// A private OpenLDAP server (Debian's slapd, installed when missing as root; .ci/run installs it) on a free port,
/// with a test tree: users alice, bob and carol under ou=people, groups analysts and admins under ou=groups, and a
/// service account that may search. Loaded with slapadd before it starts; stopped and deleted at the end.
/// </summary>
public sealed class LdapServer : IDisposable
{
    public const string BaseDn = "dc=cuboid,dc=test";
    public const string ServiceDn = "cn=admin,dc=cuboid,dc=test";
    public const string ServicePassword = "service-secret";

    private readonly string _dir;
    private readonly Process _slapd;

    public LdapServer()
    {
        if (!File.Exists("/usr/sbin/slapd"))
        {
            var log = PrivateServers.TryInstall("slapd ldap-utils");
            if (!File.Exists("/usr/sbin/slapd")) throw new InvalidOperationException($"OpenLDAP's slapd is required by the LDAP tests; install it with `apt-get install -y slapd ldap-utils` (.ci/run does). {log}");
        }
        _dir = Path.Combine(Path.GetTempPath(), "cuboid-ldap-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        var config = Path.Combine(_dir, "slapd.conf");
        File.WriteAllText(config, $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {_dir}/slapd.pid
            database mdb
            maxsize 10485760
            suffix "{BaseDn}"
            rootdn "{ServiceDn}"
            rootpw {ServicePassword}
            directory {_dir}/data
            """);
        PrivateServers.Run("/usr/sbin/slapadd", $"-f {config} -l /dev/stdin", Tree);
        Port = PrivateServers.FreePort();
        Url = $"ldap://127.0.0.1:{Port}";
        _slapd = PrivateServers.Start(new ProcessStartInfo("/usr/sbin/slapd", $"-f {config} -h {Url}/ -d 0"), Port);
    }

    public int Port { get; }

    public string Url { get; }

    public LdapConfig Config => new()
    {
        Url = Url,
        BaseDn = BaseDn,
        UserSearchBase = "ou=people",
        GroupSearchBase = "ou=groups",
        Username = ServiceDn,
        Password = ServicePassword,
    };

    private const string Tree = $"""
        dn: {BaseDn}
        objectClass: dcObject
        objectClass: organization
        o: Cuboid tests
        dc: cuboid

        dn: ou=people,{BaseDn}
        objectClass: organizationalUnit
        ou: people

        dn: ou=groups,{BaseDn}
        objectClass: organizationalUnit
        ou: groups

        dn: uid=alice,ou=people,{BaseDn}
        objectClass: inetOrgPerson
        uid: alice
        cn: Alice
        sn: Analyst
        userPassword: alice-pw

        dn: uid=bob,ou=people,{BaseDn}
        objectClass: inetOrgPerson
        uid: bob
        cn: Bob
        sn: Boss
        userPassword: bob-pw

        dn: uid=carol,ou=people,{BaseDn}
        objectClass: inetOrgPerson
        uid: carol
        cn: Carol
        sn: Nobody
        userPassword: carol-pw

        dn: cn=analysts,ou=groups,{BaseDn}
        objectClass: groupOfUniqueNames
        cn: analysts
        uniqueMember: uid=alice,ou=people,{BaseDn}
        uniqueMember: uid=bob,ou=people,{BaseDn}

        dn: cn=admins,ou=groups,{BaseDn}
        objectClass: groupOfUniqueNames
        cn: admins
        uniqueMember: uid=bob,ou=people,{BaseDn}

        """;

    public void Dispose()
    {
        try
        {
            PrivateServers.Stop(_slapd);
        }
        finally
        {
            try { Directory.Delete(_dir, recursive: true); }
            catch (IOException) { }
        }
    }
}
