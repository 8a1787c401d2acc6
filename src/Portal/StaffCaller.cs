using System.Security.Claims;
using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Identity;
using Avz.Policy.Model;

namespace Avz.Exchange.Portal;

/// <summary>
/// A logged-in staff member as the access log names them: the house's party, client <c>portal:</c> and the account id,
/// the account id as actor (never the e-mail address), the staff role as the actor's role.
/// </summary>
public static class StaffCaller
{
    /// <summary>The prefix of the client id the portal's entries carry: <c>portal:</c> and the account id, so each staff account is its own client (four eyes compares clients).</summary>
    public const string ClientPrefix = "portal:";

    /// <summary>The caller for a staff member's request.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The caller.</returns>
    public static Caller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var account = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return new Caller(
            HouseOf(context.RequestServices.GetRequiredService<IPolicySource>()),
            ClientPrefix + account,
            account,
            user.FindFirstValue(StaffRoles.ClaimType) ?? "",
            null,
            context.Items["Avz-Transaction-Id"] as string,
            System.Diagnostics.Activity.Current?.TraceId.ToString());
    }

    /// <summary>Whether a principal is a staff member's portal session.</summary>
    /// <param name="user">The principal.</param>
    /// <returns>True when it carries a staff role.</returns>
    public static bool IsStaff(ClaimsPrincipal user) => user?.HasClaim(c => c.Type == StaffRoles.ClaimType) == true;

    /// <summary>The staff role word as the leaf's closed set has it.</summary>
    /// <param name="role">The role word.</param>
    /// <returns>The role, or null for an unknown word.</returns>
    public static StaffRole? Role(string? role) => Wire.TryParse<StaffRole>(role ?? "", out var parsed) ? parsed : null;

    /// <summary>The house's party id: staff work for the house. The gateway's own name when no active convenant names a house.</summary>
    /// <param name="policies">The active policies.</param>
    /// <returns>The party id.</returns>
    public static string HouseOf(IPolicySource policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        return policies.Active.SelectMany(p => p.Document.Parties).FirstOrDefault(p => p.Kind == PartyKind.House)?.Id ?? "avz-exchange";
    }
}
