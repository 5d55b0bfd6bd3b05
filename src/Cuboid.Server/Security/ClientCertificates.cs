using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Certificate;

namespace Cuboid.Server.Security;

/// <summary>
/// Logins by client certificate (ASP.NET Core's certificate handler): a certificate whose chain ends at an authority
/// of <see cref="ClientCertificateConfig.TrustStore"/> logs in the user <see cref="ClientCertificateConfig.UserNameRegex"/>
/// reads from its subject; any other certificate is refused.
/// </summary>
internal static class ClientCertificates
{
    public const string Scheme = CertificateAuthenticationDefaults.AuthenticationScheme;

    public static void Configure(CertificateAuthenticationOptions options, Session session)
    {
        if (session.Config.ClientCertificate is not { } config) return;
        var userName = new Regex(config.UserNameRegex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.CustomTrustStore = Listening.TrustStore(config);
        options.RevocationMode = X509RevocationMode.NoCheck;
        options.Events = new CertificateAuthenticationEvents
        {
            OnCertificateValidated = context =>
            {
                var match = userName.Match(context.ClientCertificate.Subject);
                if (!match.Success || match.Groups.Count < 2 || match.Groups[1].Value.Length == 0)
                {
                    context.Fail($"No user name in the certificate's subject (SessionConfig.ClientCertificate.UserNameRegex).");
                    return Task.CompletedTask;
                }
                context.Principal = CuboidPrincipal.Create(session, match.Groups[1].Value, CuboidPrincipal.Sources.Certificate, Scheme);
                context.Success();
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                session.Warn($"client certificate refused from {context.HttpContext.Connection.RemoteIpAddress}: {context.Exception.Message}");
                context.Fail(context.Exception);
                return Task.CompletedTask;
            },
        };
    }
}
