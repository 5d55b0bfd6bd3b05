using System.CommandLine;

namespace Cuboid.Cli.Commands;

/// <summary>
/// The options of <c>cuboid serve</c> that open a session to a team: the address it listens on, how users log in
/// (<c>--users</c> for Basic, <c>--ldap</c> for a directory), HTTPS and the key of its tokens. Secrets come from
/// files and environment variables, never from the command line, which other users of the machine can read.
/// </summary>
internal sealed record ServeSecurity(string Host = "localhost", string? Users = null, string? Ldap = null, string? LdapBaseDn = null,
    IReadOnlyList<string>? LdapRoles = null, string? Https = null, string? JwtKey = null)
{
    public const string HttpsPasswordVariable = "CUBOID_HTTPS_PASSWORD";
    public const string LdapUserVariable = "CUBOID_LDAP_USER";
    public const string LdapPasswordVariable = "CUBOID_LDAP_PASSWORD";

    public sealed record Options(Option<string> Host, Option<FileInfo?> Users, Option<string?> Ldap, Option<string?> LdapBaseDn, Option<string[]> LdapRoles, Option<FileInfo?> Https, Option<FileInfo?> JwtKey)
    {
        public IEnumerable<Option> All => [Host, Users, Ldap, LdapBaseDn, LdapRoles, Https, JwtKey];

        public ServeSecurity Read(ParseResult parse) => new(parse.GetValue(Host)!, parse.GetValue(Users)?.FullName, parse.GetValue(Ldap), parse.GetValue(LdapBaseDn),
            parse.GetValue(LdapRoles) ?? [], parse.GetValue(Https)?.FullName, parse.GetValue(JwtKey)?.FullName);
    }

    public static Options Create() => new(
        new Option<string>("--host") { Description = "The address to listen on: localhost (default), an IP address, or 0.0.0.0 / :: to serve the network.", HelpName = "ADDRESS", DefaultValueFactory = _ => "localhost" },
        new Option<FileInfo?>("--users") { Description = "Turns on Basic authentication with the users of FILE: a line 'name:password[:ROLE,ROLE…]' each.", HelpName = "FILE" },
        new Option<string?>("--ldap") { Description = $"Turns on LDAP authentication against URL (ldap://host:389); the search account from ${LdapUserVariable} and ${LdapPasswordVariable}.", HelpName = "URL" },
        new Option<string?>("--ldap-base-dn") { Description = "The directory's base DN (users under ou=people, groups under ou=groups).", HelpName = "DN" },
        new Option<string[]>("--ldap-role") { Description = "GROUP=ROLE: the role a directory group gives (repeatable).", HelpName = "GROUP=ROLE" },
        new Option<FileInfo?>("--https") { Description = $"Serves HTTPS with the PKCS#12 certificate FILE (its password from ${HttpsPasswordVariable}).", HelpName = "FILE" },
        new Option<FileInfo?>("--jwt-key") { Description = "A PEM RSA private key signing the session's tokens, so they survive a restart (default: a key made at start).", HelpName = "FILE" });

    /// <summary>The session's configuration with these options.</summary>
    public SessionConfig Apply(SessionConfig config)
    {
        if (Users is not null && Ldap is not null) throw new ArgumentException("Give --users or --ldap, not both: a session has one way to log in.");
        AuthenticationConfig? authentication = Users is not null ? new BasicAuthenticationConfig()
            : Ldap is not null ? new LdapConfig
            {
                Url = Ldap,
                BaseDn = LdapBaseDn ?? throw new ArgumentException("--ldap needs --ldap-base-dn."),
                UserSearchBase = "ou=people",
                GroupSearchBase = "ou=groups",
                Username = Environment.GetEnvironmentVariable(LdapUserVariable),
                Password = Environment.GetEnvironmentVariable(LdapPasswordVariable),
            }
            : null;
        return config with
        {
            Host = Host,
            Authentication = authentication,
            Https = Https is null ? null : new HttpsConfig { Certificate = Https, Password = Environment.GetEnvironmentVariable(HttpsPasswordVariable) },
            Jwt = JwtKey is null ? null : new JwtConfig { KeyPair = File.ReadAllText(JwtKey) },
        };
    }

    /// <summary>Adds the users of <see cref="Users"/> and the group roles of <see cref="LdapRoles"/> to the started session.</summary>
    public void AddUsers(Session session)
    {
        foreach (var mapping in LdapRoles ?? [])
        {
            var equals = mapping.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == mapping.Length - 1) throw new ArgumentException($"--ldap-role '{mapping}' is not GROUP=ROLE.");
            var group = mapping[..equals];
            var roles = session.Security.Ldap.RoleMapping.GetValueOrDefault(group) ?? [];
            session.Security.Ldap.RoleMapping[group] = [.. roles, mapping[(equals + 1)..]];
        }
        if (Users is null) return;
        var number = 0;
        foreach (var line in File.ReadLines(Users))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(':', 3);
            // The message names the line, never its content: it holds a password.
            if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0) throw new ArgumentException($"{Users}, line {number}: a user is written name:password[:ROLE,ROLE…].");
            session.Security.BasicAuthentication.Set(parts[0], parts[1]);
            if (parts.Length == 3 && parts[2].Length > 0) session.Security.IndividualRoles[parts[0]] = [.. parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }
}
