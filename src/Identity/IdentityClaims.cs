namespace Avz.Identity;

/// <summary>Claims the gateway puts in access tokens, and the application property that binds a client to its party.</summary>
public static class IdentityClaims
{
    /// <summary>The convenant party the client acts for.</summary>
    public const string Party = "avz_party";

    /// <summary>The application property holding the party.</summary>
    public const string PartyProperty = "avz_party";

    /// <summary>The application property marking a disabled client.</summary>
    public const string DisabledProperty = "avz_disabled";
}
