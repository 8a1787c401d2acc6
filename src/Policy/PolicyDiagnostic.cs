using Avz.Policy.Model;

namespace Avz.Policy;

/// <summary>One finding about a policy file: a stable code, where, and a sentence that says what to fix.</summary>
/// <param name="Code">A stable code from <see cref="PolicyErrorCodes"/>.</param>
/// <param name="Location">Where in the file.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
public sealed record PolicyDiagnostic(string Code, SourceLocation Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Code}: {Message}";
}
