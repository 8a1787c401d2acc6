namespace Avz.Exchange.Api.Policies;

/// <summary>An active convenant policy.</summary>
/// <param name="Convenant">The convenant id.</param>
/// <param name="Name">The convenant's name.</param>
/// <param name="Version">The version label.</param>
/// <param name="VersionHash">The policy version hash every decision carries.</param>
public sealed record PolicySummary(string Convenant, string Name, string Version, string VersionHash);
