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

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Exchange, Audit, PolicyAdmin];
}
