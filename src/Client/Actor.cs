namespace Avz.Exchange.Client;

/// <summary>The professional a call is made for; the gateway logs them with every entry.</summary>
/// <param name="Id">Their id in the partner's own system (<c>Avz-Actor-Id</c>; letters, digits and <c>._:@-</c>, at most 128).</param>
/// <param name="Role">Their role (<c>Avz-Actor-Role</c>; lowercase words joined by <c>-</c>, such as <c>wijkagent</c>).</param>
/// <param name="OnBehalfOf">Whom they act for, if someone else (<c>Avz-On-Behalf-Of</c>).</param>
public sealed record Actor(string Id, string Role, string? OnBehalfOf = null);
