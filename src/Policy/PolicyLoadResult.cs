using Avz.Policy.Model;

namespace Avz.Policy;

/// <summary>The outcome of loading a policy: the compiled policy, or the findings that refused it. A file with any finding is refused whole.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(PolicyDocument? document, CompiledPolicy? policy, IReadOnlyList<PolicyDiagnostic> diagnostics)
    {
        Document = document;
        Policy = policy;
        Diagnostics = diagnostics;
    }

    /// <summary>The parsed document, when the file is valid.</summary>
    public PolicyDocument? Document { get; }

    /// <summary>The compiled policy, when the file is valid.</summary>
    public CompiledPolicy? Policy { get; }

    /// <summary>Every finding, in file order; empty when the file is valid.</summary>
    public IReadOnlyList<PolicyDiagnostic> Diagnostics { get; }

    /// <summary>Whether the file is valid and compiled.</summary>
    public bool Succeeded => Policy is not null;
}
