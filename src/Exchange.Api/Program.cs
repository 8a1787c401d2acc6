using Avz.Exchange.Api.Policies;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddConvenantPolicies(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policies", tags: ["ready"]);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapPolicyEndpoints();

app.Run();

/// <summary>The gateway host; public so integration tests can start it with WebApplicationFactory.</summary>
public partial class Program;
