using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Avz.Exchange.Subjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange;

/// <summary>Registers the case exchange. The host supplies the <see cref="IKeyEncryptionKey"/>, the <see cref="IPolicySource"/>, the access log and the clock.</summary>
public static class ExchangeServiceCollectionExtensions
{
    /// <summary>How long an unwrapped data key stays in memory.</summary>
    public static readonly TimeSpan DataKeyLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Adds the exchange's database context, key handling and case operations.</summary>
    /// <param name="services">The services.</param>
    /// <param name="provider">The database engine, read once the container is built.</param>
    /// <param name="connectionString">Its connection string, read once the container is built.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCaseExchange(this IServiceCollection services, Func<IServiceProvider, DatabaseProvider> provider, Func<IServiceProvider, string> connectionString)
    {
        // Pooled contexts: the options are built once, not per request, and a context is reset rather than constructed
        // (the profile of issue 16 found options building and context construction on every request).
        services.AddDbContextPool<SqliteExchangeDbContext>((s, o) => o.UseSqlite(connectionString(s)));
        services.AddDbContextPool<PostgresExchangeDbContext>((s, o) => o.UseNpgsql(connectionString(s)));
        services.AddDbContextPool<SqlServerExchangeDbContext>((s, o) => o.UseSqlServer(connectionString(s)));
        services.AddScoped(s => new ContextLease(s, provider(s)));
        services.AddScoped<ExchangeDbContext>(s => s.GetRequiredService<ContextLease>().Context);
        services.AddSingleton(s => new DataKeyCache(s.GetRequiredService<TimeProvider>(), DataKeyLifetime));
        services.AddSingleton<CaseKeys>();
        services.AddSingleton(s => new CaseReads(provider(s) == DatabaseProvider.Sqlite && DirectConnection.CanOpen(connectionString(s)) ? new SqliteCaseReads(connectionString(s)) : null));
        services.AddSingleton<WriteGate>();
        services.AddSingleton(s => new LoggedSave(
            s.GetRequiredService<Avz.Audit.AccessLog>(), s.GetRequiredService<WriteGate>(), provider(s) == DatabaseProvider.Sqlite ? new SqliteItemWrites(connectionString(s), s.GetRequiredService<WriteGate>()) : null));
        services.AddSingleton<Justifications>();
        services.AddSingleton<ReviewComments>();
        services.AddSingleton<SubjectSecret>();
        services.AddSingleton<Policies.CompiledVersions>();
        services.AddScoped<Policies.IPolicyAdministration, Policies.PolicyAdministration>();
        services.AddScoped<Oversight.SubjectReports>();
        services.AddScoped<Oversight.Reviews>();
        services.AddScoped(s => new House.EarlySignals(s.GetRequiredService<ExchangeDbContext>(), s.GetRequiredService<IPolicySource>(), s.GetRequiredService<SubjectSecret>(), s.GetRequiredService<LoggedSave>(), s.GetRequiredService<Avz.Audit.AccessLog>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<WriteGate>()));
        services.AddScoped(s => new House.Notifications(s.GetRequiredService<ExchangeDbContext>(), s.GetRequiredService<Avz.Audit.AccessLog>()));
        services.AddScoped(s => new House.PlanMonitor(s.GetRequiredService<ExchangeDbContext>(), s.GetRequiredService<IPolicySource>(), s.GetRequiredService<LoggedSave>(), s.GetRequiredService<TimeProvider>()));
        services.AddScoped(s => new House.TrendReports(s.GetRequiredService<ExchangeDbContext>(), s.GetRequiredService<IPolicySource>(), s.GetRequiredService<TimeProvider>()));
        services.AddScoped<CaseService>();
        services.AddScoped<ICaseExchange>(s => s.GetRequiredService<CaseService>());
        services.AddScoped<RetentionJob>();
        services.AddScoped<SupplyReconciler>();
        services.AddScoped<KeyRotation>();
        return services;
    }
}
