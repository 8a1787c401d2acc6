namespace Avz.Audit.Review;

/// <summary>Why an entry is in the privacy officers' review queue. Wire words as the entry vocabulary derives them (<c>refusal-burst</c>).</summary>
public enum ReviewReason
{
    /// <summary><c>emergency</c>: emergency access (doorzettingsmacht) was used or attempted; every one is reviewed.</summary>
    Emergency,

    /// <summary><c>refusal-burst</c>: one professional was refused many times in a short while.</summary>
    RefusalBurst,

    /// <summary><c>volume-above-median</c>: a professional's accesses on one day far exceed their own recent daily median.</summary>
    VolumeAboveMedian,

    /// <summary><c>outside-office-hours</c>: case data was accessed outside office hours (in the house's time zone).</summary>
    OutsideOfficeHours,

    /// <summary><c>closed-or-shredded-case</c>: a case was accessed, or its access attempted, after it was closed, rejected or shredded.</summary>
    ClosedOrShreddedCase,

    /// <summary><c>fishing</c>: one professional searched by BSN repeatedly and found nothing.</summary>
    Fishing,
}
