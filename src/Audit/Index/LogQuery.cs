namespace Avz.Audit.Index;

/// <summary>A search of the log index: every given member must match; newest first, from <see cref="Before"/> down.</summary>
public sealed record LogQuery
{
    /// <summary>The most hits one page holds.</summary>
    public const int MaxLimit = 500;

    /// <summary>The calling party.</summary>
    public string? Party { get; init; }

    /// <summary>The acting professional.</summary>
    public string? Actor { get; init; }

    /// <summary>The case.</summary>
    public string? Case { get; init; }

    /// <summary>The subject's pseudonym.</summary>
    public string? Subject { get; init; }

    /// <summary>The purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The action word.</summary>
    public string? Action { get; init; }

    /// <summary>The decision word.</summary>
    public string? Decision { get; init; }

    /// <summary>Only entries with (true) or without (false) emergency access.</summary>
    public bool? Emergency { get; init; }

    /// <summary>From this time on (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only entries with a smaller index: the cursor of the previous page.</summary>
    public long? Before { get; init; }

    /// <summary>The most hits to return.</summary>
    public int Limit { get; init; } = 50;
}
