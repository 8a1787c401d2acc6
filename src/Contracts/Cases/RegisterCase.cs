namespace Avz.Exchange.Cases;

/// <summary>Registers a case (aanmelding).</summary>
/// <param name="Convenant">The convenant id.</param>
/// <param name="Purpose">The purpose id of the convenant.</param>
/// <param name="Subject">The subject's BSN; stored only encrypted.</param>
/// <param name="Reason">Why the case is registered; stored only encrypted.</param>
/// <param name="Municipality">The municipality the case belongs to (a party of kind municipality), for the house's trend counts; when left out, the registering party if it is a municipality.</param>
public sealed record RegisterCase(string? Convenant, string? Purpose, string? Subject, string? Reason, string? Municipality = null);
