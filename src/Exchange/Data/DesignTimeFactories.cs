using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Avz.Exchange.Data;

// Used only by `dotnet ef migrations add` (see src/Exchange/README.md); connection strings are placeholders, no
// database is contacted while a migration is generated.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteExchangeDbContext>
{
    public SqliteExchangeDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresExchangeDbContext>
{
    public PostgresExchangeDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresExchangeDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerExchangeDbContext>
{
    public SqlServerExchangeDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqlServerExchangeDbContext>().UseSqlServer("Server=localhost;Database=design").Options);
}
