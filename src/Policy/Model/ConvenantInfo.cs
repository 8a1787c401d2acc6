namespace Avz.Policy.Model;

/// <summary>The convenant a policy file encodes.</summary>
/// <param name="Id">Stable identifier, such as <c>avz-groningen</c>.</param>
/// <param name="Name">Full name of the convenant.</param>
/// <param name="SignedOn">The date the convenant was signed.</param>
/// <param name="Version">The policy version label chosen by the administrators.</param>
/// <param name="TimeZone">IANA time zone in which effective dates are read.</param>
public sealed record ConvenantInfo(string Id, string Name, DateOnly SignedOn, string Version, string TimeZone);
