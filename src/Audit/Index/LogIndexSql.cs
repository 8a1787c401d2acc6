using System.Globalization;
using System.Text;

namespace Avz.Audit.Index;

/// <summary>The index's SQL, the same on SQLite and PostgreSQL but for the column types; parameters are <c>@name</c> on both.</summary>
internal static class LogIndexSql
{
    public const string Columns = "idx, at, party, client, actor, role, case_id, subject, purpose, action, decision, emergency, reasons, found, refers_to, verdict, status_to";

    /// <summary>The search with its parameters: index and leaf of each hit, newest first.</summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters) Search(LogQuery query, Func<DateTimeOffset, object> time, string entries)
    {
        var where = new StringBuilder();
        var parameters = new List<(string, object?)>();
        void Equal(string column, object? value)
        {
            if (value is not null)
            {
                where.Append(where.Length == 0 ? " WHERE " : " AND ").Append("i.").Append(column).Append(" = @").Append(column);
                parameters.Add(("@" + column, value));
            }
        }

        Equal("party", query.Party);
        Equal("actor", query.Actor);
        Equal("case_id", query.Case);
        Equal("subject", query.Subject);
        Equal("purpose", query.Purpose);
        Equal("action", query.Action);
        Equal("decision", query.Decision);
        Equal("emergency", query.Emergency);
        void Compare(string column, string op, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(CultureInfo.InvariantCulture, $"i.{column} {op} @{name}");
                parameters.Add(("@" + name, value));
            }
        }

        Compare("at", ">=", "from_at", query.From is { } from ? time(from) : null);
        Compare("at", "<", "to_at", query.To is { } to ? time(to) : null);
        Compare("idx", "<", "before_idx", query.Before);
        var limit = Math.Clamp(query.Limit, 1, LogQuery.MaxLimit);
        return ($"SELECT i.idx, e.leaf FROM audit_index i JOIN {entries} e ON e.idx = i.idx{where} ORDER BY i.idx DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}", parameters);
    }

    /// <summary>A row's values in column order, with the time as the store keeps it.</summary>
    public static object?[] Values(LogIndexRow row, Func<DateTimeOffset, object> time) =>
        [row.Index, time(row.Time), row.Party, row.Client, row.Actor, row.Role, row.Case, row.Subject, row.Purpose, row.Action, row.Decision, row.Emergency, row.Reasons, row.Found, row.RefersTo, row.Verdict, row.StatusTo];

    /// <summary>SQLite keeps times as sortable UTC text.</summary>
    public static object SqliteTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
