using System.Net.Security;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cuboid.Server.Security;

/// <summary>
/// Kerberos logins (<see cref="KerberosConfig"/>): an ASP.NET Core authentication handler over the base library's
/// <see cref="NegotiateAuthentication"/>, which accepts the client's SPNEGO token with GSSAPI and the service's keytab —
/// the protocol is the system's, not this code's. Kerberos completes in one round, so each request is checked alone.
/// </summary>
internal sealed partial class NegotiateLogin(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Session session)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Negotiate";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.Authorization is not [{ } header] || !header.StartsWith("Negotiate ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        byte[] token;
        try
        {
            token = Convert.FromBase64String(header["Negotiate ".Length..].Trim());
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Negotiate token is not base64."));
        }
        using var negotiate = new NegotiateAuthentication(new NegotiateAuthenticationServerOptions { Package = "Negotiate" });
        var answer = negotiate.GetOutgoingBlob(token, out var status);
        if (status != NegotiateAuthenticationStatusCode.Completed)
        {
            session.Warn($"Kerberos login refused from {Context.Connection.RemoteIpAddress}: {status}");
            return Task.FromResult(AuthenticateResult.Fail($"Kerberos: {status}."));
        }
        // The mutual-authentication token, for a client that checks the server too.
        if (answer is { Length: > 0 }) Response.Headers.WWWAuthenticate = "Negotiate " + Convert.ToBase64String(answer);
        var principal = negotiate.RemoteIdentity.Name ?? "";
        var at = principal.LastIndexOf('@');
        var user = at > 0 ? principal[..at] : principal;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(CuboidPrincipal.Create(session, user, CuboidPrincipal.Sources.Kerberos, SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Negotiate";
        return Task.CompletedTask;
    }

    /// <summary>GSSAPI reads the service's key from the keytab the process environment names: set before any request is accepted.</summary>
    public static void UseKeytab(KerberosConfig config)
    {
        if (config.Keytab is { } keytab) SetNativeEnvironment("KRB5_KTNAME", "FILE:" + Path.GetFullPath(keytab));
    }

    /// <summary>
    /// Sets a variable where native libraries (GSSAPI) read it: .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/>
    /// changes only its own copy on Unix.
    /// </summary>
    internal static void SetNativeEnvironment(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && NativeMethods.setenv(name, value, 1) != 0) throw new InvalidOperationException($"setenv {name} failed.");
    }

    private static partial class NativeMethods
    {
        [System.Runtime.InteropServices.LibraryImport("libc", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
        internal static partial int setenv(string name, string value, int overwrite);
    }
}
