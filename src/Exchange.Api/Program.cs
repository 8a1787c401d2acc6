using Avz.Exchange.Api.Audit;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Policies;

var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayObservability();
builder.Services.AddGatewayHosting(builder.Configuration);
builder.Services.AddConvenantPolicies(builder.Configuration);
builder.Services.AddAccessLog(builder.Configuration);

var app = builder.Build();

app.UseGatewayHosting();
app.MapPolicyEndpoints();
app.MapAuditEndpoints();

return StartupFailure.Run(app);

/// <summary>The gateway host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
