using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Data;

/// <summary>SQL Server: instants as datetimeoffset.</summary>
internal sealed class SqlServerExchangeDbContext(DbContextOptions<SqlServerExchangeDbContext> options) : ExchangeDbContext(options);
