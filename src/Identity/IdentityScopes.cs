namespace Avz.Identity;

/// <summary>The scopes partner clients can hold.</summary>
public static class IdentityScopes
{
    /// <summary>Request and supply case information.</summary>
    public const string Exchange = "exchange";

    /// <summary>Read the access log (privacy officer).</summary>
    public const string Audit = "audit";

    /// <summary>Maintain convenant policies and clients.</summary>
    public const string PolicyAdmin = "policy-admin";

    /// <summary>
    /// Not a scope: the authorization policy for reading access-log entries, held by <see cref="Exchange"/> clients
    /// (their own entries) and <see cref="Audit"/> clients (privacy officers, every entry).
    /// </summary>
    public const string LogReader = "log-reader";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Exchange, Audit, PolicyAdmin];
}
