namespace Avz.Exchange.Cases;

/// <summary>A case as its participants see it.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Convenant">The convenant.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="Status">The status (wire name).</param>
/// <param name="DirectionHolder">The party holding process direction.</param>
/// <param name="RegisteredBy">The registering party.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="Subject">The subject's BSN; null when the policy's <c>registration</c> category does not grant it to the caller.</param>
/// <param name="Reason">The registration reason; null when the policy does not grant it to the caller.</param>
/// <param name="RetentionUntil">When its data will be destroyed, once closed or rejected.</param>
/// <param name="Participants">The participating parties.</param>
/// <param name="History">The status history.</param>
/// <param name="Withheld">The registration fields the caller does not see, with why.</param>
/// <param name="Municipality">The municipality the case belongs to, when known.</param>
public sealed record CaseView(
    Guid Id,
    string Convenant,
    string Purpose,
    string Status,
    string DirectionHolder,
    string RegisteredBy,
    DateTimeOffset RegisteredAt,
    string? Subject,
    string? Reason,
    DateTimeOffset? RetentionUntil,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<StatusChangeView> History,
    IReadOnlyList<RegistrationWithheld> Withheld,
    string? Municipality = null);
