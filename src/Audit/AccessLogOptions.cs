namespace Avz.Audit;

/// <summary>Settings of the access log.</summary>
public sealed class AccessLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Audit";

    /// <summary>The log's origin: the first line of every checkpoint and the name of its key, unique per log (such as <c>avz.example.nl/groningen/access-log</c>).</summary>
    public string Origin { get; set; } = "localhost/avz-exchange/access-log";

    /// <summary>The longest time entries stay uncovered by a signed checkpoint while the log is busy; C2SP witnesses expect about a second.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most entries one transaction integrates (group commit).</summary>
    public int MaxBatch { get; set; } = 4096;
}
