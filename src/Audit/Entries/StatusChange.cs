namespace Avz.Audit.Entries;

/// <summary>A case's move from one status to another; <see cref="From"/> is null when the case was just registered.</summary>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
public sealed record StatusChange(LoggedCaseStatus? From, LoggedCaseStatus To);
