namespace Avz.Exchange.Api.Hosting;

/// <summary>Where logs and telemetry go besides the console. Read when the host is built: they decide which exporters exist.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>The Seq server's URL (<c>Seq:ServerUrl</c>); unset, logs go to the console only.</summary>
    public string? SeqServerUrl { get; set; }

    /// <summary>The OTLP (gRPC) endpoint for traces and metrics (<c>OpenTelemetry:OtlpEndpoint</c>); unset, nothing is exported.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The settings as the configuration states them.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The options.</returns>
    public static ObservabilityOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ObservabilityOptions
        {
            SeqServerUrl = configuration.GetSection("Seq").GetValue<string?>("ServerUrl"),
            OtlpEndpoint = configuration.GetSection("OpenTelemetry").GetValue<Uri?>("OtlpEndpoint"),
        };
    }
}
