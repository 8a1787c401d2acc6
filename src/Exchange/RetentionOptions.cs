namespace Avz.Exchange;

/// <summary>How often cases past their retention are shredded (<c>Retention</c> section).</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Retention";

    /// <summary>The time between two retention runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        if (Interval <= TimeSpan.Zero)
        {
            yield return "Retention:Interval must be a positive time span, such as 01:00:00.";
        }
    }
}
