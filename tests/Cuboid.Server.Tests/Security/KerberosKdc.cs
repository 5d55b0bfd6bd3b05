using System.Diagnostics;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// A private MIT Kerberos KDC (Debian's krb5-kdc, installed when missing as root; .ci/run installs it) for the realm
/// CUBOID.TEST on a free port, with the user alice (password alice-pw) and the service HTTP/localhost, whose key is
/// in <see cref="Keytab"/>. <see cref="Config"/> is the krb5.conf clients and the server use.
/// </summary>
public sealed class KerberosKdc : IDisposable
{
    public const string Realm = "CUBOID.TEST";

    private readonly string _dir;
    private readonly Process _kdc;

    public KerberosKdc()
    {
        if (!File.Exists("/usr/sbin/krb5kdc") || !File.Exists("/usr/bin/kinit"))
        {
            var log = PrivateServers.TryInstall("krb5-kdc krb5-admin-server krb5-user");
            if (!File.Exists("/usr/sbin/krb5kdc")) throw new InvalidOperationException($"MIT Kerberos's krb5kdc is required by the Kerberos tests; install krb5-kdc, krb5-admin-server and krb5-user (.ci/run does). {log}");
        }
        _dir = Path.Combine(Path.GetTempPath(), "cuboid-kdc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        Port = PrivateServers.FreePort();
        Config = Path.Combine(_dir, "krb5.conf");
        File.WriteAllText(Config, $$"""
            [libdefaults]
              default_realm = {{Realm}}
              dns_lookup_kdc = false
              dns_lookup_realm = false
              rdns = false
              dns_canonicalize_hostname = false
              udp_preference_limit = 1
            [realms]
              {{Realm}} = {
                kdc = 127.0.0.1:{{Port}}
              }
            """);
        var profile = Path.Combine(_dir, "kdc.conf");
        File.WriteAllText(profile, $$"""
            [kdcdefaults]
              kdc_ports = {{Port}}
              kdc_tcp_ports = {{Port}}
            [realms]
              {{Realm}} = {
                database_name = {{_dir}}/principal
                key_stash_file = {{_dir}}/stash
                acl_file = {{_dir}}/kadm5.acl
              }
            """);
        Keytab = Path.Combine(_dir, "http.keytab");
        Run("/usr/sbin/kdb5_util", $"create -s -r {Realm} -P master-pw", profile);
        Run("/usr/sbin/kadmin.local", $"-r {Realm} -q \"addprinc -pw alice-pw alice\"", profile);
        Run("/usr/sbin/kadmin.local", $"-r {Realm} -q \"addprinc -randkey HTTP/localhost\"", profile);
        Run("/usr/sbin/kadmin.local", $"-r {Realm} -q \"ktadd -k {Keytab} HTTP/localhost\"", profile);
        var start = new ProcessStartInfo("/usr/sbin/krb5kdc", "-n");
        start.Environment["KRB5_CONFIG"] = Config;
        start.Environment["KRB5_KDC_PROFILE"] = profile;
        _kdc = PrivateServers.Start(start, Port);
    }

    public int Port { get; }

    /// <summary>The krb5.conf naming this KDC.</summary>
    public string Config { get; }

    /// <summary>The keytab with the key of HTTP/localhost.</summary>
    public string Keytab { get; }

    /// <summary>Runs a Kerberos tool with this realm's configuration.</summary>
    public (int Code, string Output) Exec(string exe, string arguments, string? cache = null, string? input = null)
    {
        var start = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        start.Environment["KRB5_CONFIG"] = Config;
        if (cache is not null) start.Environment["KRB5CCNAME"] = "FILE:" + cache;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        return (process.ExitCode, output.Result + errors.Result);
    }

    private void Run(string exe, string arguments, string profile)
    {
        var start = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KRB5_CONFIG"] = Config;
        start.Environment["KRB5_KDC_PROFILE"] = profile;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(exe)} {arguments} exited {process.ExitCode}: {output.Result}{errors.Result}");
    }

    public void Dispose()
    {
        PrivateServers.Stop(_kdc);
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
