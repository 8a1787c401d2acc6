using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// The request path's reads search by index on SQLite, never scan a table: a scan grows with every case in the house,
/// and one did (issue 16's 1,000-case data set took the information request from 1,900 to 59 requests/s).
/// </summary>
public sealed class CaseReadPlanTests : GatewayTest
{
    [Fact]
    public async Task EveryReadOfTheRequestPath_SearchesByIndex()
    {
        _ = Client;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>();
        var id = Guid.NewGuid();
        IQueryable<object>[] reads =
        [
            CaseReads.CaseByIdQuery.Compile()(db, id),
            CaseReads.ParticipantsQuery.Compile()(db, id),
            CaseReads.OpenConsentsQuery.Compile()(db, id, "process-direction"),
            CaseReads.ItemsQuery.Compile()(db, id),
            CaseReads.FieldsQuery.Compile()(db, id),
        ];

        foreach (var read in reads)
        {
            var plan = await PlanAsync(db, read.ToQueryString());

            Assert.NotEmpty(plan);
            Assert.All(plan, step => Assert.False(step.StartsWith("SCAN", StringComparison.Ordinal), $"{step} in the plan of:\n{read.ToQueryString()}"));
        }
    }

    private static async Task<List<string>> PlanAsync(ExchangeDbContext db, string sql)
    {
        // ToQueryString declares the parameters as .param set lines before the statement; EXPLAIN needs only the statement.
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + statement;
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(statement, "@[A-Za-z_0-9]+").Select(m => m.Value).Distinct())
            {
                command.Parameters.AddWithValue(name, "x");
            }

            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                steps.Add(reader.GetString(3));
            }

            return steps;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
