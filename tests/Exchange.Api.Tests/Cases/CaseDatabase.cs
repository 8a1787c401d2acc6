using System.Data.Common;
using Avz.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// A test gateway on one database provider, with direct access to its case database for tests that tamper with it or
/// count what it holds. SQL uses double-quoted identifiers, which SQLite and PostgreSQL both read.
/// </summary>
public sealed class CaseDatabase : IAsyncDisposable
{
    public static readonly string[] Tables = ["cases", "case_participants", "case_status_changes", "information_items", "information_fields", "consents", "justifications", "log_reconciliation", "data_keys", "system_keys"];

    private readonly string? connectionString;

    private CaseDatabase(string provider, string? connectionString, GatewayFactory factory)
    {
        Provider = provider;
        this.connectionString = connectionString;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public string Provider { get; }

    public GatewayFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a gateway on SQLite (its default) or on a fresh database of the shared PostgreSQL server.</summary>
    public static CaseDatabase Start(string provider, PostgresServer postgres)
    {
        var overrides = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        string? connection = null;
        if (provider == "Postgres")
        {
            connection = postgres.CreateDatabase();
            overrides["Database:ConnectionString"] = connection;
        }

        return new CaseDatabase(provider, connection, new GatewayFactory(overrides));
    }

    /// <summary>An instant long past, as the provider stores it (SQLite: UTC ticks; PostgreSQL: timestamptz).</summary>
    public object LongAgo => Provider == "Postgres" ? DateTimeOffset.UnixEpoch : 0L;

    /// <summary>A case id as a query parameter (SQLite stores GUIDs as upper-case text).</summary>
    public object Id(string id) => Provider == "Postgres" ? Guid.Parse(id) : Guid.Parse(id).ToString().ToUpperInvariant();

    public DbConnection Open()
    {
        DbConnection connection = Provider == "Postgres"
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "exchange.db")};Pooling=false");
        connection.Open();
        return connection;
    }

    public Dictionary<string, long> Counts()
    {
        using var connection = Open();
        return Tables.ToDictionary(t => t, t => Convert.ToInt64(Scalar(connection, $"SELECT COUNT(*) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static object? Scalar(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static int Execute(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static List<object[]> Rows(DbConnection connection, string sql)
    {
        using var command = Command(connection, sql, []);
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
