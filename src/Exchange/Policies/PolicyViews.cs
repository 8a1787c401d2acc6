using Avz.Policy.Analysis;

namespace Avz.Exchange.Policies;

/// <summary>A stored policy version, as an administrator sees it.</summary>
/// <param name="Hash">Its version hash, <c>sha256:</c> and 64 hex digits: the address of the version.</param>
/// <param name="Convenant">The convenant.</param>
/// <param name="Label">The version label the file declares.</param>
/// <param name="Origin"><c>seed</c> (a policy file at start-up) or <c>upload</c>.</param>
/// <param name="State"><c>active</c>, <c>approved</c> (may be activated) or <c>awaiting-approval</c>.</param>
/// <param name="StoredAt">When it was stored.</param>
/// <param name="StoredBy">Who stored it.</param>
/// <param name="ApprovedAt">When a second administrator approved it; a seeded version counts as approved when stored.</param>
/// <param name="ApprovedBy">Who approved it; null for a seeded version.</param>
/// <param name="ActivatedAt">When it last became active, if ever.</param>
public sealed record PolicyVersionView(
    string Hash,
    string Convenant,
    string Label,
    string Origin,
    string State,
    DateTimeOffset StoredAt,
    PolicyAdministrator StoredBy,
    DateTimeOffset? ApprovedAt,
    PolicyAdministrator? ApprovedBy,
    DateTimeOffset? ActivatedAt);

/// <summary>Who did something to a policy version: the party, the OAuth client and the professional (Avz-Actor-Id).</summary>
/// <param name="Party">The party; <c>system</c> for a seed.</param>
/// <param name="Client">The client, if any.</param>
/// <param name="Actor">The professional, if any.</param>
public sealed record PolicyAdministrator(string Party, string? Client, string? Actor);

/// <summary>What an administrator reads before approving or activating: the version, its diff against the active version, and the impact on today's data.</summary>
/// <param name="Version">The version.</param>
/// <param name="Diff">The access matrix cells that change against the active version.</param>
/// <param name="Impact">What the change does to the stored items of open cases.</param>
public sealed record PolicyReview(PolicyVersionView Version, PolicyDiffView Diff, PolicyImpactView Impact);

/// <summary>The diff of a version against the active one, as an access matrix folded into lines.</summary>
/// <param name="Against">The active version's hash.</param>
/// <param name="Cells">How many cells (purpose, recipient, supplier, category, field) change.</param>
/// <param name="Gains">Cells whose level rises.</param>
/// <param name="Losses">Cells whose level falls.</param>
/// <param name="Changes">The folded lines.</param>
public sealed record PolicyDiffView(string Against, int Cells, int Gains, int Losses, IReadOnlyList<AccessChangeView> Changes)
{
    internal static PolicyDiffView Of(string against, IReadOnlyList<AccessChange> changes)
    {
        var gains = changes.Count(c => c.IsGain);
        return new PolicyDiffView(against, changes.Count, gains, changes.Count - gains, [.. PolicyDiff.Fold(changes).Select(AccessChangeView.Of)]);
    }
}

/// <summary>One line of the diff: for a purpose and recipient, fields of a category whose level changes alike, from the suppliers named.</summary>
/// <param name="Purpose">The purpose.</param>
/// <param name="Recipient">The receiving party.</param>
/// <param name="Category">The category.</param>
/// <param name="Fields">The fields.</param>
/// <param name="Suppliers">The supplying parties.</param>
/// <param name="Before">The level now: <c>none</c>, <c>emergency-only</c>, <c>with-consent</c> or <c>granted</c>.</param>
/// <param name="After">The level under the new version.</param>
public sealed record AccessChangeView(string Purpose, string Recipient, string Category, IReadOnlyList<string> Fields, IReadOnlyList<string> Suppliers, string Before, string After)
{
    internal static AccessChangeView Of(AccessChangeGroup group) =>
        new(group.Purpose, group.Recipient, group.Category, group.Fields, group.Suppliers, PolicyDiff.Word(group.Before), PolicyDiff.Word(group.After));
}

/// <summary>
/// The impact on today's data: over the stored items (and the registration data) of the convenant's open cases, for
/// each participating party, purpose and category, how many field values the party would newly see, or stop seeing,
/// on an ordinary request (consent on record counted; emergency access not).
/// </summary>
/// <param name="At">The moment both versions were evaluated at.</param>
/// <param name="OpenCases">The open cases looked at.</param>
/// <param name="StoredItems">Their stored items.</param>
/// <param name="Rows">One row per party, purpose and category that changes; empty when nothing does.</param>
public sealed record PolicyImpactView(DateTimeOffset At, int OpenCases, int StoredItems, IReadOnlyList<PolicyImpactRow> Rows);

/// <summary>One row of the impact.</summary>
/// <param name="Party">The receiving party.</param>
/// <param name="Purpose">The cases' purpose.</param>
/// <param name="Category">The category.</param>
/// <param name="NewlySee">Field values the party would see that it does not see now.</param>
/// <param name="StopSeeing">Field values it sees now and would no longer see.</param>
public sealed record PolicyImpactRow(string Party, string Purpose, string Category, int NewlySee, int StopSeeing);

/// <summary>The outcome of an upload: the review, and whether the content was new (an upload of stored content stores nothing).</summary>
/// <param name="Review">The version, diff and impact.</param>
/// <param name="Created">Whether this upload stored the version.</param>
public sealed record PolicyUpload(PolicyReview Review, bool Created);

/// <summary>A convenant's active version as stored, compiled: what every node decides with.</summary>
/// <param name="Convenant">The convenant.</param>
/// <param name="Policy">The compiled policy; its hash is the stored version's.</param>
public sealed record ActivePolicyVersion(string Convenant, Avz.Policy.CompiledPolicy Policy);
