using Avz.Policy.Model;

namespace Avz.Policy.Testing;

/// <summary>One expected decision from a policy test file.</summary>
internal sealed record PolicyTestCase(
    string Name,
    DecisionRequest Request,
    IReadOnlyList<string>? ExpectedPermitted,
    bool ExpectAllPermitted,
    IReadOnlyDictionary<string, WithholdReason> ExpectedWithheld,
    WithholdReason? ExpectedOtherwise,
    bool? ExpectEmergency,
    SourceLocation Location);
