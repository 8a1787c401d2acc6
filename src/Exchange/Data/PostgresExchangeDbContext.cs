using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Data;

/// <summary>PostgreSQL (Npgsql): instants as timestamptz.</summary>
internal sealed class PostgresExchangeDbContext(DbContextOptions<PostgresExchangeDbContext> options) : ExchangeDbContext(options);
