namespace Cuboid;

/// <summary>
/// Kerberos single sign-on (HTTP Negotiate, SPNEGO): a client with a ticket for <see cref="ServicePrincipal"/>
/// (<c>kinit</c>, or the desktop's login) sends it as <c>Authorization: Negotiate</c>; the server checks it with the
/// service's key from <see cref="Keytab"/>. The user's name is the ticket's principal without its realm.
/// </summary>
public sealed record KerberosConfig : AuthenticationConfig
{
    /// <summary>
    /// The service principal clients ask tickets for (<c>HTTP/cubes.example.com</c>); its key must be in the keytab, which
    /// decides: GSSAPI accepts a ticket for any principal whose key the keytab holds.
    /// </summary>
    public required string ServicePrincipal { get; init; }

    /// <summary>The keytab holding the service's key (set as the process's <c>KRB5_KTNAME</c> when the server starts); the system's default keytab when null.</summary>
    public string? Keytab { get; init; }
}
