namespace Avz.Audit.Entries;

/// <summary>A field that was withheld, and why.</summary>
/// <param name="Field">The field, as <c>category/field</c>.</param>
/// <param name="Reason">Why it was withheld.</param>
public sealed record WithheldField(string Field, WithheldReason Reason);
