using Avz.Audit.Entries;
using Avz.Policy;

namespace Avz.Exchange.Cases;

/// <summary>
/// The exchange's words in the access log's closed vocabulary. The log's sets are its own (Audit knows neither the
/// policy engine nor the case model); these switches are exhaustive, so a new status or withhold reason does not
/// compile until the log's specification has a word for it.
/// </summary>
internal static class LogVocabulary
{
    public static LoggedCaseStatus ToLogged(this CaseStatus status) => status switch
    {
        CaseStatus.Registered => LoggedCaseStatus.Registered,
        CaseStatus.Triage => LoggedCaseStatus.Triage,
        CaseStatus.Consultation => LoggedCaseStatus.Consultation,
        CaseStatus.Monitoring => LoggedCaseStatus.Monitoring,
        CaseStatus.Closed => LoggedCaseStatus.Closed,
        CaseStatus.Rejected => LoggedCaseStatus.Rejected,
    };

    public static WithheldReason ToLogged(this WithholdReason reason) => reason switch
    {
        WithholdReason.NotPermitted => WithheldReason.NotPermitted,
        WithholdReason.ConsentRequired => WithheldReason.ConsentRequired,
        WithholdReason.OutsideEffectivePeriod => WithheldReason.OutsideEffectivePeriod,
        WithholdReason.EmergencyNotAllowed => WithheldReason.EmergencyNotAllowed,
        WithholdReason.NotDirectionHolder => WithheldReason.NotDirectionHolder,
        WithholdReason.None => throw new ArgumentOutOfRangeException(nameof(reason), "A withheld field always has a reason."),
    };
}
