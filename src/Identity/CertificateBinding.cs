namespace Avz.Identity;

/// <summary>Whether access tokens are bound to the client's TLS certificate (RFC 8705 §3).</summary>
public enum CertificateBinding
{
    /// <summary>Bearer tokens; no client certificate is asked for.</summary>
    Off,

    /// <summary>A token is bound when the client presents a certificate at the token endpoint.</summary>
    Optional,

    /// <summary>Every token is bound; a token request without a client certificate is refused.</summary>
    Required,
}
