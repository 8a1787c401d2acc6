using Microsoft.EntityFrameworkCore;

namespace Avz.Identity.Storage;

/// <summary>
/// The authorization server's store: OpenIddict's applications and tokens, and the client assertions already used.
/// One subclass per provider (SQLite, PostgreSQL), each with its own migrations under Storage/Migrations.
/// </summary>
/// <param name="options">The EF Core options.</param>
public abstract class IdentityDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Assertion ids seen, so an assertion is accepted once (RFC 7523 §3, jti).</summary>
    public DbSet<UsedAssertion> UsedAssertions => Set<UsedAssertion>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<UsedAssertion>(entity =>
        {
            entity.ToTable("used_assertions");
            entity.HasKey(a => new { a.ClientId, a.TokenId });
            entity.HasIndex(a => a.ExpiresAt);
        });
    }
}
