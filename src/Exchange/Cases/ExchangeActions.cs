namespace Avz.Exchange.Cases;

/// <summary>The access log's action names for case operations (NEN 7513: the event).</summary>
public static class ExchangeActions
{
    /// <summary>A case was registered.</summary>
    public const string Register = "case.register";

    /// <summary>Cases were searched by subject.</summary>
    public const string Search = "case.search";

    /// <summary>A case was read.</summary>
    public const string Read = "case.read";

    /// <summary>A party was admitted to a case.</summary>
    public const string Admit = "case.admit";

    /// <summary>Process direction was handed over.</summary>
    public const string Direction = "case.direction";

    /// <summary>A case changed status.</summary>
    public const string Status = "case.status";

    /// <summary>Information was supplied.</summary>
    public const string Supply = "information.supply";

    /// <summary>Information was requested.</summary>
    public const string Request = "information.request";

    /// <summary>Information was requested in an emergency (doorzettingsmacht).</summary>
    public const string Emergency = "information.emergency";

    /// <summary>Consent was recorded.</summary>
    public const string ConsentRecord = "consent.record";

    /// <summary>Consent was withdrawn.</summary>
    public const string ConsentWithdraw = "consent.withdraw";

    /// <summary>Consents were read.</summary>
    public const string ConsentRead = "consent.read";

    /// <summary>A case's data was destroyed at the end of its retention.</summary>
    public const string Shred = "retention.shred";
}
