namespace Avz.Policy.Model;

/// <summary>
/// One step of the convenant's escalation ladder for overdue plan actions (the uniform escalation agreements of
/// process direction): when an action is still open this long after its due date, the step is taken and its target told.
/// </summary>
/// <param name="Id">The step's id, such as <c>chain-manager</c>; the access log names it.</param>
/// <param name="To">Whom the step reaches: <c>owner</c> (the action's owner), <c>direction-holder</c> (the case's), <c>house</c> (every party of kind house), or a party id.</param>
/// <param name="After">How long after the due date the step is taken.</param>
/// <param name="Location">Where the step is declared.</param>
public sealed record EscalationStep(string Id, string To, RetentionPeriod After, SourceLocation Location)
{
    /// <summary>The action's owner.</summary>
    public const string Owner = "owner";

    /// <summary>The case's direction holder.</summary>
    public const string DirectionHolder = "direction-holder";

    /// <summary>Every party of kind house.</summary>
    public const string House = "house";
}
