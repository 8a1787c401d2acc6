using Avz.Policy.Model;

namespace Avz.Policy.Testing;

/// <summary>The outcome of one policy test case.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Location">Where the case is written.</param>
/// <param name="Passed">Whether the decision matched the expectation.</param>
/// <param name="Failures">What differed, one sentence each; empty when passed.</param>
public sealed record PolicyTestResult(string Name, SourceLocation Location, bool Passed, IReadOnlyList<string> Failures);
