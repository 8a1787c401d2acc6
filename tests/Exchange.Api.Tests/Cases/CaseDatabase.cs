using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>Direct access to a test gateway's SQLite case database, for tests that tamper with it or count what it holds.</summary>
internal static class CaseDatabase
{
    public static readonly string[] Tables = ["cases", "case_participants", "case_status_changes", "information_items", "information_fields", "consents", "data_keys", "system_keys"];

    public static SqliteConnection Open(GatewayFactory factory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "exchange.db")};Pooling=false");
        connection.Open();
        return connection;
    }

    public static Dictionary<string, long> Counts(GatewayFactory factory)
    {
        using var connection = Open(factory);
        return Tables.ToDictionary(t => t, t => Scalar<long>(connection, $"SELECT COUNT(*) FROM {t}"));
    }

    public static T Scalar<T>(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
