namespace Avz.Exchange.Cases;

/// <summary>A field of the case's registration data the caller does not see.</summary>
/// <param name="Field">The field: <c>subject</c> (the BSN) or <c>reason</c>.</param>
/// <param name="Reason">Why: not-permitted, consent-required, outside-effective-period.</param>
public sealed record RegistrationWithheld(string Field, string Reason);
