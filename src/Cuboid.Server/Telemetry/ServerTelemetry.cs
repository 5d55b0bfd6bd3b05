using Cuboid.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cuboid.Server.Telemetry;

/// <summary>
/// Exports the session's traces and metrics (<see cref="SessionConfig.Telemetry"/>) with the OpenTelemetry SDK: the
/// engine's (<see cref="CuboidTelemetry"/>) and ASP.NET Core's for HTTP requests, scraped by Prometheus on the server
/// or sent to a collector over OTLP. The providers live in the server's services, so they start and stop with it.
/// </summary>
internal static class ServerTelemetry
{
    public static void AddTelemetry(this IServiceCollection services, Session session)
    {
        if (session.Config.Telemetry is not { } config) return;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config.ServiceName, serviceInstanceId: CuboidTelemetry.SessionTag(session)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CuboidTelemetry.Name).AddAspNetCoreInstrumentation();
                // No cached scrape: each one reads the instruments now (scrapes come every few seconds at most).
                if (config.Prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (config.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, config, endpoint, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(config.OtlpMetricsInterval.TotalMilliseconds, 100, int.MaxValue);
                    });
                }
            });
        if (config.OtlpEndpoint is { } collector)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(CuboidTelemetry.Name)
                // A query string may carry a live socket's token: spans keep the path only.
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddOtlpExporter(exporter => Configure(exporter, config, collector, "v1/traces")));
        }
    }

    /// <summary>
    /// Serves the Prometheus scrape endpoint when asked for: with authentication on, to a user with
    /// <see cref="Roles.Admin"/> only (metrics name every cube and table of every user).
    /// </summary>
    public static void MapTelemetry(this WebApplication app, Session session)
    {
        if (session.Config.Telemetry is not { Prometheus: true } config) return;
        var endpoint = app.MapPrometheusScrapingEndpoint(config.PrometheusPath);
        if (session.Enabled())
        {
            endpoint.RequireAuthorization(new AuthorizationPolicyBuilder(ServerSecurity.Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin).Build());
        }
    }

    /// <summary>An endpoint set in code is used as given over HTTP: each signal's path is added to the collector's address.</summary>
    private static void Configure(OtlpExporterOptions exporter, TelemetryConfig config, Uri endpoint, string signalPath)
    {
        exporter.Protocol = config.OtlpProtocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = config.OtlpProtocol == OtlpProtocol.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }
}
