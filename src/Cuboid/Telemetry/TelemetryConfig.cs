namespace Cuboid;

/// <summary>How an OTLP exporter talks to its collector.</summary>
public enum OtlpProtocol
{
    /// <summary>gRPC, usually on port 4317.</summary>
    Grpc,

    /// <summary>Protobuf over HTTP, usually on port 4318 (<c>/v1/traces</c> and <c>/v1/metrics</c> are added to the endpoint).</summary>
    HttpProtobuf,
}

/// <summary>
/// What the session's server exports of its OpenTelemetry traces and metrics (<see cref="CuboidTelemetry"/>, with
/// ASP.NET Core's own for HTTP requests): a Prometheus scrape endpoint, and OTLP to a collector. Needs the server
/// (<see cref="SessionConfig.Port"/>); a headless program adds an OpenTelemetry SDK of its own instead.
/// </summary>
public sealed record TelemetryConfig
{
    /// <summary>
    /// Whether the server serves its metrics at <see cref="PrometheusPath"/> in Prometheus's text format. With
    /// <see cref="SessionConfig.Authentication"/> on, the scraper logs in as a user with <see cref="Roles.Admin"/>.
    /// </summary>
    public bool Prometheus { get; init; }

    /// <summary>The path of the Prometheus scrape endpoint: <c>/metrics</c> by default.</summary>
    public string PrometheusPath { get; init; } = "/metrics";

    /// <summary>The collector traces and metrics are sent to over OTLP (<c>http://collector:4317</c>); none when null.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>gRPC (the default) or protobuf over HTTP.</summary>
    public OtlpProtocol OtlpProtocol { get; init; } = OtlpProtocol.Grpc;

    /// <summary>How often metrics are sent over OTLP: every minute by default. Spans go in batches every few seconds, and what is left when the session closes.</summary>
    public TimeSpan OtlpMetricsInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The <c>service.name</c> of the exported resource: <c>cuboid</c> by default; the session's name is its <c>service.instance.id</c>.</summary>
    public string ServiceName { get; init; } = "cuboid";
}
