using Microsoft.EntityFrameworkCore;

namespace Avz.Identity.Storage;

/// <summary>
/// The authorization server's store: OpenIddict's applications and tokens, the client assertions already used, and
/// the staff accounts (ASP.NET Core Identity: privacy officers and administrators who log in to the portal).
/// One subclass per provider (SQLite, PostgreSQL), each with its own migrations under Storage/Migrations.
/// </summary>
/// <param name="options">The EF Core options.</param>
public abstract class IdentityDbContext(DbContextOptions options)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<StaffUser>(options)
{
    /// <summary>Assertion ids seen, so an assertion is accepted once (RFC 7523 §3, jti).</summary>
    public DbSet<UsedAssertion> UsedAssertions => Set<UsedAssertion>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<UsedAssertion>(entity =>
        {
            entity.ToTable("used_assertions");
            entity.HasKey(a => new { a.ClientId, a.TokenId });
            entity.HasIndex(a => a.ExpiresAt);
        });
    }
}
