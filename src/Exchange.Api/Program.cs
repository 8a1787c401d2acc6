using Avz.Exchange.Api.Audit;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.House;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Api.Policies;
using Avz.Exchange.Portal;
using Avz.Identity;

var builder = GatewayContentRoot.CreateBuilder(args);

builder.UseGatewayAddress();
builder.AddGatewayObservability();
builder.Services.AddGatewayHosting(builder.Configuration);
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddAccessLog(builder.Configuration);
builder.Services.AddCases(builder.Configuration);
builder.Services.AddConvenantPolicies(builder.Configuration);
builder.Services.AddPartnerIdentity(builder.Configuration, DataDirectory.Of);
builder.Services.AddHostedService<DevelopmentClients>();
builder.Services.AddStaffPortal(builder.Configuration, builder.Environment.IsDevelopment());

var app = builder.Build();

app.UseGatewayHosting();
app.UseStaffPortalGuard();
app.UseRequestLimitsBeforeAuthentication();
app.UseGatewayAuthentication();
app.UseClientRateLimit();
app.UseAuthorization();
app.MapPolicyEndpoints();
app.MapPolicyAdministrationEndpoints();
app.MapClientEndpoints();
app.MapAuditEndpoints();
app.MapOversightEndpoints();
app.MapReviewEndpoints();
app.MapSessionEndpoints();
app.MapCaseEndpoints();
app.MapTrendEndpoints();
app.MapSignalEndpoints();
app.MapPlanEndpoints();
app.MapStaffPortal();

return StartupFailure.Run(app);

/// <summary>The gateway host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
