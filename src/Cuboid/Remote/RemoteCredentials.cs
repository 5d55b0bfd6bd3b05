using System.Net.Http.Headers;
using System.Text;

namespace Cuboid;

/// <summary>How a <see cref="RemoteSession"/> logs in to a session's server: a name and password (Basic, LDAP), or a token it issued.</summary>
public sealed class RemoteCredentials
{
    private RemoteCredentials(AuthenticationHeaderValue header) => Header = header;

    internal AuthenticationHeaderValue Header { get; }

    /// <summary>A user's name and password (<c>Authorization: Basic</c>), checked by the server's <see cref="SessionConfig.Authentication"/>.</summary>
    public static RemoteCredentials Basic(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        return new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
    }

    /// <summary>A bearer token: one the session issued (<c>POST /api/auth/token</c>) or an OpenID provider's access token.</summary>
    public static RemoteCredentials Token(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return new(new AuthenticationHeaderValue("Bearer", accessToken));
    }

    /// <inheritdoc/>
    public override string ToString() => Header.Scheme + " (hidden)";
}
