namespace Avz.Exchange.Portal;

/// <summary>The staff portal's settings (<c>Portal</c> section).</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Portal";

    /// <summary>Whether the gateway serves the portal; off, its paths answer 404 and no staff can log in.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The port the portal is served on, when it faces another network than the partner API: the gateway then listens
    /// on it too (list both addresses in <c>Urls</c>), serves the portal there only, and nothing but the portal and the
    /// health probes. Unset: the portal shares the API's addresses.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>How long a staff session lasts without a request before it ends; default 15 minutes.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "08:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
