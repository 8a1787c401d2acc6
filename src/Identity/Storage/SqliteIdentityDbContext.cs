using Microsoft.EntityFrameworkCore;

namespace Avz.Identity.Storage;

/// <summary>The identity store in <c>identity.db</c> in the data directory.</summary>
internal sealed class SqliteIdentityDbContext(DbContextOptions<SqliteIdentityDbContext> options) : IdentityDbContext(options);
