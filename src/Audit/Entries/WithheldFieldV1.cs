namespace Avz.Audit.Entries;

/// <summary>A withheld field as leaf format version 1 wrote it, with its reason as free text.</summary>
/// <param name="Field">The field, as <c>category/field</c>.</param>
/// <param name="Reason">The reason code as written.</param>
public sealed record WithheldFieldV1(string Field, string Reason);
