namespace Avz.Audit.Review;

/// <summary>The review queue's window and the thresholds of its anomaly rules (section <c>Review</c>); each rule is specified in <c>src/Audit/README.md</c>.</summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Review";

    /// <summary>How far back the queue looks for entries to review.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The house's time zone, for office hours and days.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>Office hours start (local time).</summary>
    public TimeSpan OfficeHoursStart { get; set; } = TimeSpan.FromHours(7);

    /// <summary>Office hours end (local time, exclusive).</summary>
    public TimeSpan OfficeHoursEnd { get; set; } = TimeSpan.FromHours(19);

    /// <summary>Whether Saturday and Sunday are outside office hours all day.</summary>
    public bool WeekendsOutsideOfficeHours { get; set; } = true;

    /// <summary>Refusals of one professional within <see cref="RefusalBurstWindow"/> that make a burst.</summary>
    public int RefusalBurstCount { get; set; } = 5;

    /// <summary>The window of a refusal burst.</summary>
    public TimeSpan RefusalBurstWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times their recent daily median a professional's day must exceed.</summary>
    public double VolumeFactor { get; set; } = 3.0;

    /// <summary>Accesses in a day below which no volume is flagged, whatever the median.</summary>
    public int VolumeMinimum { get; set; } = 20;

    /// <summary>The days before that make a professional's recent median.</summary>
    public int VolumeHistoryDays { get; set; } = 14;

    /// <summary>Working days in that history needed before volume is judged at all.</summary>
    public int VolumeMinimumHistoryDays { get; set; } = 3;

    /// <summary>BSN searches of one professional that found nothing, within <see cref="FishingWindow"/>, that make fishing.</summary>
    public int FishingCount { get; set; } = 3;

    /// <summary>The window of fishing.</summary>
    public TimeSpan FishingWindow { get; set; } = TimeSpan.FromHours(1);
}
