using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Server.Security;

/// <summary>The directory could not be asked (down, unreachable, refusing the service account): the request gets a 503 naming LDAP.</summary>
internal sealed class DirectoryUnavailableException(string message) : Exception(message);

/// <summary>
/// Checks a user's password against a directory (System.DirectoryServices.Protocols, LDAP v3): finds the user's
/// entry with the service account, binds as the user with the password, and reads the user's groups.
/// </summary>
internal sealed class LdapDirectory(LdapConfig config)
{
    private const int InvalidCredentials = 49;
    private readonly Uri _url = new(config.Url);

    /// <summary>The user's groups (<see cref="LdapConfig.GroupRoleAttribute"/> of each), or null when the name or password is wrong.</summary>
    public IReadOnlyList<string>? Authenticate(string user, string password)
    {
        if (password.Length == 0) return null;   // an empty password is an anonymous bind in LDAP, which succeeds: never a login
        try
        {
            using var service = Connect();
            service.Bind(config.Username is null ? new NetworkCredential() : new NetworkCredential(config.Username, config.Password));
            var users = (SearchResponse)service.SendRequest(new SearchRequest(Under(config.UserSearchBase),
                string.Format(CultureInfo.InvariantCulture, config.UserSearchFilter, Escape(user)), SearchScope.Subtree, "dn"));
            if (users.Entries.Count != 1) return null;
            var dn = users.Entries[0].DistinguishedName;
            using (var asUser = Connect())
            {
                try
                {
                    asUser.Bind(new NetworkCredential(dn, password));
                }
                catch (LdapException wrong) when (wrong.ErrorCode == InvalidCredentials)
                {
                    return null;
                }
            }
            var groups = (SearchResponse)service.SendRequest(new SearchRequest(Under(config.GroupSearchBase),
                string.Format(CultureInfo.InvariantCulture, config.GroupSearchFilter, Escape(dn), Escape(user)), SearchScope.Subtree, config.GroupRoleAttribute));
            return [.. groups.Entries.Cast<SearchResultEntry>()
                .SelectMany(e => e.Attributes[config.GroupRoleAttribute]?.GetValues(typeof(string)).Cast<string>() ?? [])];
        }
        catch (Exception error) when (error is LdapException or DirectoryOperationException)
        {
            throw new DirectoryUnavailableException($"The directory (LDAP) at {config.Url} could not check the login: {error.Message}");
        }
    }

    private LdapConnection Connect()
    {
        var port = _url.IsDefaultPort || _url.Port <= 0 ? (_url.Scheme == "ldaps" ? 636 : 389) : _url.Port;
        var connection = new LdapConnection(new LdapDirectoryIdentifier(_url.Host, port)) { AuthType = AuthType.Basic, Timeout = TimeSpan.FromSeconds(10) };
        connection.SessionOptions.ProtocolVersion = 3;
        if (_url.Scheme == "ldaps") connection.SessionOptions.SecureSocketLayer = true;
        return connection;
    }

    /// <summary>A search base under <see cref="LdapConfig.BaseDn"/> (a base that already ends with it is taken as it is).</summary>
    private string Under(string searchBase) =>
        searchBase.Length == 0 ? config.BaseDn
        : searchBase.EndsWith(config.BaseDn, StringComparison.OrdinalIgnoreCase) ? searchBase
        : $"{searchBase},{config.BaseDn}";

    /// <summary>A value made safe inside a search filter (RFC 4515): <c>alice)(uid=*</c> stays a name, not a filter.</summary>
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
