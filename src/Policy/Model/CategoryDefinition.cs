namespace Avz.Policy.Model;

/// <summary>A category of data, such as police registrations or addiction care.</summary>
/// <param name="Id">Stable identifier used in rules and requests.</param>
/// <param name="Description">What the category holds.</param>
/// <param name="Sensitivity">Its sensitivity under the AVG.</param>
/// <param name="Fields">Its fields, in declaration order.</param>
/// <param name="Location">Where the category is declared.</param>
public sealed record CategoryDefinition(
    string Id,
    string Description,
    Sensitivity Sensitivity,
    IReadOnlyList<FieldDefinition> Fields,
    SourceLocation Location)
{
    /// <summary>
    /// The reserved category of a case's registration data: the subject's BSN and the registration's reason. The
    /// gateway writes it when a case is registered (it cannot be supplied); the registering party is its supplier, and
    /// rules on it decide which participants see those two fields in a case's answers, like any other category.
    /// </summary>
    public const string Registration = "registration";

    /// <summary>The registration field holding the subject's BSN (<see cref="FieldType.String"/>).</summary>
    public const string RegistrationSubject = "subject";

    /// <summary>The registration field holding the reason for registering (<see cref="FieldType.Text"/>).</summary>
    public const string RegistrationReason = "reason";

    /// <summary>The reserved category of a plan action's description: the owner party is its supplier.</summary>
    public const string PlanAction = "plan-action";

    /// <summary>The one field of <see cref="PlanAction"/>.</summary>
    public const string PlanActionDescription = "description";

    /// <summary>True for the reserved <see cref="Registration"/> category.</summary>
    public bool IsRegistration => string.Equals(Id, Registration, StringComparison.Ordinal);

    /// <summary>
    /// The field with this id, or null; a loop over the few fields by index, without a delegate or an enumerator (the
    /// list's, boxed behind the interface, was an object per call), as it runs per field of every request.
    /// </summary>
    /// <param name="id">The field id.</param>
    /// <returns>The field, or null.</returns>
    public FieldDefinition? FindField(string id)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Id, id, StringComparison.Ordinal))
            {
                return Fields[i];
            }
        }

        return null;
    }
}
