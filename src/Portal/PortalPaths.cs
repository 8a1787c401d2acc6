namespace Avz.Exchange.Portal;

/// <summary>Where the portal lives, and the policy names its pages demand.</summary>
public static class PortalPaths
{
    /// <summary>The pages' root.</summary>
    public const string Root = "/portal";

    /// <summary>The accessibility statement (public).</summary>
    public const string Accessibility = "/toegankelijkheid";

    /// <summary>The login page.</summary>
    public const string Login = "/portal/inloggen";

    /// <summary>The page a refused staff member lands on.</summary>
    public const string AccessDenied = "/portal/geen-toegang";

    /// <summary>The staff session cookie (ASP.NET Core Identity's application cookie, hardened).</summary>
    public const string SessionCookie = "avz-staff";

    /// <summary>The authorization policy of any logged-in staff member.</summary>
    public const string Staff = "staff";

    /// <summary>The authorization policy of the privacy officers' pages.</summary>
    public const string PrivacyOfficer = "staff-privacy-officer";

    /// <summary>The authorization policy of the administrators' pages.</summary>
    public const string Administrator = "staff-administrator";

    /// <summary>Whether a request path is the portal's (it gets the portal's content security policy).</summary>
    /// <param name="path">The request path.</param>
    /// <returns>True for the portal's pages and its stylesheet.</returns>
    public static bool Owns(PathString path) =>
        path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Accessibility, StringComparison.OrdinalIgnoreCase);
}
