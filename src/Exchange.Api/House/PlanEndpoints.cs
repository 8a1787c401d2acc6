using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Exchange.House;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.House;

/// <summary>
/// A case's plan of approach (<c>/v1/cases/{id}/plan</c>) and the partners' notifications (<c>/v1/notifications</c>),
/// scope <c>exchange</c>. Every call is an entry, its index in <c>Avz-Log-Index</c>.
/// </summary>
public static class PlanEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapPlanEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithTags("House")
            .ForPartners();
        group.MapGet("/cases/{id:guid}/plan", Read).WithName("GetPlan")
            .WithSummary("The case's plan of approach: the actions the policy's plan-action rules let the caller read (its own always), the rest listed with owner and reason only.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/cases/{id:guid}/plan/actions", Add).WithName("AddPlanAction")
            .WithSummary("The house or the direction holder adds an action: owner (a participant), description (encrypted), due date. Overdue actions climb the convenant's escalation ladder.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPut("/cases/{id:guid}/plan/actions/{actionId:guid}/status", Move).WithName("ChangePlanActionStatus")
            .WithSummary("The owner, the direction holder or the house moves an action to open, done, stalled or cancelled; done and cancelled are final.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/notifications", List).WithName("ListNotifications")
            .WithSummary("What happened for the calling party since a cursor (after=): actions given to it, escalations that reached it, matches of its signals. Ids only, never content.");
        return group;
    }

    internal static async Task<Results<Ok<PlanView>, ProblemHttpResult>> Read(Guid id, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.ReadPlanAsync(CaseCalls.CallerOf(context), id, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Created<PlanActionView>, ProblemHttpResult>> Add(Guid id, AddPlanAction body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.AddPlanActionAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), v => TypedResults.Created($"/v1/cases/{id}/plan", v));

    internal static async Task<Results<Ok<PlanActionView>, ProblemHttpResult>> Move(Guid id, Guid actionId, ChangePlanStatus body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.ChangePlanStatusAsync(CaseCalls.CallerOf(context), id, actionId, body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<NotificationList>, ProblemHttpResult>> List(long? after, int? limit, Notifications notifications, HttpContext context) =>
        CaseCalls.Answer(context, await notifications.ListAsync(CaseCalls.CallerOf(context), after ?? 0, limit ?? 100, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);
}
