namespace Avz.Identity;

/// <summary>Settings of the authorization server.</summary>
public sealed class PartnerIdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Identity";

    /// <summary>The issuer identifier; client assertions must name exactly this as audience (RFC 10070). Null: the request's base URL.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>How long an access token lives.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a client assertion may live (exp − iat), so a stolen one is useless soon.</summary>
    public TimeSpan MaxAssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuse assertions without <c>typ: client-authentication+jwt</c>. Off by default: common certified clients send no typ yet.</summary>
    public bool RequireExplicitAssertionType { get; set; }

    /// <summary>Allow plain HTTP on the token endpoint; only for development and tests behind loopback.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// RFC 8705 certificate-bound access tokens: <see cref="CertificateBinding.Off"/> (default),
    /// <see cref="CertificateBinding.Optional"/> (a token is bound to the TLS client certificate presented at the token
    /// endpoint, when there is one) or <see cref="CertificateBinding.Required"/> (no certificate, no token). Needs HTTPS.
    /// </summary>
    public CertificateBinding CertificateBoundTokens { get; set; }

    /// <summary><c>Sqlite</c> (default: identity.db in the data directory) or <c>Postgres</c>, shared by several gateway nodes.</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Store"/> is <c>Postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The token signing key: a PEM file (RSA or EC private key) or PKCS#12 (<c>.pfx</c>, <c>.p12</c>). Required outside Development.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The PKCS#12 file's password (prefer an environment variable or a secret store over a file).</summary>
    public string? SigningKeyPassword { get; set; }

    /// <summary>Outside Development, generate a signing key into the data directory when none is named (test rigs only).</summary>
    public bool GenerateSigningKey { get; set; }

    /// <summary>Whether <see cref="Store"/> names PostgreSQL (case ignored).</summary>
    public bool UsesPostgres => "Postgres".Equals(Store, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        if (!UsesPostgres && !"Sqlite".Equals(Store, StringComparison.OrdinalIgnoreCase))
        {
            yield return "Identity:Store must be Sqlite or Postgres.";
        }
        else if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Identity:Store Postgres needs Identity:ConnectionString.";
        }
    }
}
