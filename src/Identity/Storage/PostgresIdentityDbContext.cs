using Microsoft.EntityFrameworkCore;

namespace Avz.Identity.Storage;

/// <summary>The identity store in PostgreSQL, shared by several gateway nodes.</summary>
internal sealed class PostgresIdentityDbContext(DbContextOptions<PostgresIdentityDbContext> options) : IdentityDbContext(options);
