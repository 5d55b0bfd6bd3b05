using System.Diagnostics;

namespace Cuboid.Tests.Support;

/// <summary>
/// A private ClickHouse server for the DirectQuery tests: Debian's clickhouse-server (release
/// 18.16; installed with apt-get when missing and the tests run as root — .ci/run installs it
/// beforehand) with its own config file, data folder and free ports, stopped and deleted at the end.
/// </summary>
public sealed class ClickHouseServer : IDisposable
{
    private const string Binary = "/usr/sbin/clickhouse-server";
    private readonly string _folder;
    private readonly Process _process;

    public ClickHouseServer()
    {
        if (!File.Exists(Binary) && PrivateServers.TryInstall("clickhouse-server") is var log && !File.Exists(Binary))
        {
            throw new InvalidOperationException($"ClickHouse is required by the DirectQuery tests and {Binary} was not found; install it with `apt-get install -y clickhouse-server` (.ci/run does). {log}");
        }
        _folder = Path.Combine(Path.GetTempPath(), "cuboid-ch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        HttpPort = PrivateServers.FreePort();
        var tcpPort = PrivateServers.FreePort();
        File.WriteAllText(Path.Combine(_folder, "config.xml"), $"""
            <yandex>
              <logger><level>warning</level><log>{_folder}/server.log</log><errorlog>{_folder}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
              <listen_host>127.0.0.1</listen_host>
              <http_port>{HttpPort}</http_port>
              <tcp_port>{tcpPort}</tcp_port>
              <path>{_folder}/data/</path>
              <tmp_path>{_folder}/data/tmp/</tmp_path>
              <user_files_path>{_folder}/data/user_files/</user_files_path>
              <format_schema_path>{_folder}/data/format_schemas/</format_schema_path>
              <users_config>users.xml</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <timezone>UTC</timezone>
              <mark_cache_size>268435456</mark_cache_size>
            </yandex>
            """);
        File.WriteAllText(Path.Combine(_folder, "users.xml"), """
            <yandex>
              <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
              <users>
                <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
                <analyst><password>s3cret-pw</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></analyst>
              </users>
              <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
            </yandex>
            """);
        _process = PrivateServers.Start(new ProcessStartInfo(Binary, $"--config-file={_folder}/config.xml") { WorkingDirectory = _folder }, HttpPort);
        Url = new Uri($"http://127.0.0.1:{HttpPort}/");
    }

    public int HttpPort { get; }

    public Uri Url { get; }

    /// <summary>A user with a password, for the credential tests.</summary>
    public static (string User, string Password) Analyst => ("analyst", "s3cret-pw");

    public void Dispose()
    {
        PrivateServers.Stop(_process);
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
