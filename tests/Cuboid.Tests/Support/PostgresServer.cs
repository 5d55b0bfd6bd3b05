namespace Cuboid.Tests.Support;

/// <summary>
/// A private PostgreSQL server for the tests: Debian's binaries (installed with apt-get when missing
/// and the tests run as root — .ci/run installs them beforehand), a fresh cluster in a temporary
/// folder on a free port, trust authentication on 127.0.0.1, stopped and deleted at the end.
/// Fails with a clear message where PostgreSQL cannot be had.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _data;

    public PostgresServer()
    {
        _bin = FindBin() ?? (PrivateServers.TryInstall("postgresql") is var log && FindBin() is { } found ? found
            : throw new InvalidOperationException($"PostgreSQL is required by the SQL tests and was not found under /usr/lib/postgresql; install it with `apt-get install -y postgresql` (.ci/run does). {log}"));
        _data = Path.Combine(Path.GetTempPath(), "cuboid-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_data);
        if (IsRoot) Run("chown", $"postgres:postgres {_data}", asPostgres: false);
        Run(Path.Combine(_bin, "initdb"), $"-D {_data} -U postgres --auth=trust --encoding=UTF8 --no-sync", asPostgres: true);
        Port = PrivateServers.FreePort();
        Run(Path.Combine(_bin, "pg_ctl"), $"-D {_data} -w -t 60 -l {_data}/server.log -o \"-p {Port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off\" start", asPostgres: true);
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    private static bool IsRoot => PrivateServers.IsRoot;

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;

    private static void Run(string exe, string arguments, bool asPostgres)
    {
        if (asPostgres && IsRoot) PrivateServers.Run("/usr/sbin/runuser", $"-u postgres -- {exe} {arguments}");
        else PrivateServers.Run(exe, arguments);
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {_data} -m immediate stop", asPostgres: true);
        }
        finally
        {
            try { Directory.Delete(_data, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
