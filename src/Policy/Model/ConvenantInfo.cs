namespace Avz.Policy.Model;

/// <summary>The convenant a policy file encodes.</summary>
/// <param name="Id">Stable identifier, such as <c>avz-groningen</c>.</param>
/// <param name="Name">Full name of the convenant.</param>
/// <param name="SignedOn">The date the convenant was signed.</param>
/// <param name="Version">The policy version label chosen by the administrators.</param>
/// <param name="TimeZone">IANA time zone in which effective dates are read.</param>
public sealed record ConvenantInfo(string Id, string Name, DateOnly SignedOn, string Version, string TimeZone)
{
    /// <summary>The word for every party of kind <c>house</c> in <see cref="ConsentRecordedBy"/>.</summary>
    public const string House = "house";

    /// <summary>The word for the party holding process direction of the case in <see cref="ConsentRecordedBy"/>.</summary>
    public const string DirectionHolder = "direction-holder";

    /// <summary>
    /// Who may record and withdraw the subject's consent: party ids and the words <c>house</c> and
    /// <c>direction-holder</c>. Nobody else, so no party can unlock data for itself by naming itself as recipient.
    /// Default: the house and the direction holder, who speak with the person.
    /// </summary>
    public IReadOnlyList<string> ConsentRecordedBy { get; init; } = [House, DirectionHolder];

    /// <summary>The default of <see cref="SignalValidity"/>: two years, as the Verwijsindex risicojongeren keeps a signal.</summary>
    public static RetentionPeriod DefaultSignalValidity { get; } = new(2, 0, 0);

    /// <summary>How long an early signal stays active (<c>signalValidity</c>).</summary>
    public RetentionPeriod SignalValidity { get; init; } = DefaultSignalValidity;
}
