using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Data;

/// <summary>
/// The gateway's case data. One model, one subclass per provider so each keeps its own migrations
/// (Data/Migrations/Sqlite, /Postgres, /SqlServer), as bitwarden/server does.
/// </summary>
internal abstract class ExchangeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<CaseParticipant> Participants => Set<CaseParticipant>();

    public DbSet<CaseStatusChange> StatusChanges => Set<CaseStatusChange>();

    public DbSet<InformationItem> Items => Set<InformationItem>();

    public DbSet<InformationField> Fields => Set<InformationField>();

    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    public DbSet<DataKeyRecord> DataKeys => Set<DataKeyRecord>();

    public DbSet<JustificationRecord> Justifications => Set<JustificationRecord>();

    public DbSet<ReviewCommentRecord> ReviewComments => Set<ReviewCommentRecord>();

    public DbSet<ReconciliationMark> Reconciliation => Set<ReconciliationMark>();

    public DbSet<SystemKeyRecord> SystemKeys => Set<SystemKeyRecord>();

    public DbSet<PolicyVersionRecord> PolicyVersions => Set<PolicyVersionRecord>();

    public DbSet<PolicyActivationRecord> PolicyActivations => Set<PolicyActivationRecord>();

    public DbSet<SignalRecord> Signals => Set<SignalRecord>();

    public DbSet<PlanActionRecord> PlanActions => Set<PlanActionRecord>();

    public DbSet<PlanStatusChange> PlanStatusChanges => Set<PlanStatusChange>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseRecord>(c =>
        {
            c.ToTable("cases");
            c.HasKey(x => x.Id);
            c.Property(x => x.Convenant).HasMaxLength(64);
            c.Property(x => x.Purpose).HasMaxLength(64);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.DirectionHolder).HasMaxLength(64);
            c.Property(x => x.RegisteredBy).HasMaxLength(64);
            c.Property(x => x.Municipality).HasMaxLength(64);
            c.Property(x => x.SubjectIndex).HasMaxLength(32);
            c.Property(x => x.SubjectPseudonym).HasMaxLength(64);
            c.HasIndex(x => x.SubjectIndex);
            c.HasIndex(x => x.RetentionUntil);
            c.HasMany(x => x.Participants).WithOne().HasForeignKey(p => p.CaseId);
            c.HasMany(x => x.StatusChanges).WithOne().HasForeignKey(s => s.CaseId);
        });
        modelBuilder.Entity<CaseParticipant>(p =>
        {
            p.ToTable("case_participants");
            p.HasKey(x => new { x.CaseId, x.Party });
            p.Property(x => x.Party).HasMaxLength(64);
            p.Property(x => x.AdmittedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<CaseStatusChange>(s =>
        {
            s.ToTable("case_status_changes");
            s.HasKey(x => x.Id);
            s.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.By).HasMaxLength(64);
        });
        modelBuilder.Entity<InformationItem>(i =>
        {
            i.ToTable("information_items");
            i.HasKey(x => x.Id);
            i.Property(x => x.Category).HasMaxLength(64);
            i.Property(x => x.Supplier).HasMaxLength(64);
            i.Property(x => x.Purpose).HasMaxLength(64);
            i.HasIndex(x => x.CaseId);
            i.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId);
            i.HasMany(x => x.Fields).WithOne().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<InformationField>(f =>
        {
            f.ToTable("information_fields");
            f.HasKey(x => new { x.ItemId, x.Name });
            f.Property(x => x.Name).HasMaxLength(64);
        });
        modelBuilder.Entity<ConsentRecord>(c =>
        {
            c.ToTable("consents");
            c.HasKey(x => x.Id);
            c.Property(x => x.Purpose).HasMaxLength(64);
            c.Property(x => x.Categories).HasMaxLength(1024);
            c.Property(x => x.Recipients).HasMaxLength(2048);
            c.Property(x => x.RecordedBy).HasMaxLength(64);
            c.Property(x => x.WithdrawnBy).HasMaxLength(64);
            c.HasIndex(x => x.CaseId);
            c.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId);
        });
        modelBuilder.Entity<ReconciliationMark>(m =>
        {
            m.ToTable("log_reconciliation");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<JustificationRecord>(j =>
        {
            j.ToTable("justifications");
            j.HasKey(x => x.Commitment);
            j.Property(x => x.Commitment).HasMaxLength(71);
            j.HasIndex(x => x.CaseId);
            j.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId);
        });
        modelBuilder.Entity<ReviewCommentRecord>(r =>
        {
            r.ToTable("review_comments");
            r.HasKey(x => x.Commitment);
            r.Property(x => x.Commitment).HasMaxLength(71);
        });
        modelBuilder.Entity<DataKeyRecord>(k =>
        {
            k.ToTable("data_keys");
            k.HasKey(x => x.Id);
            k.Property(x => x.KekId).HasMaxLength(512);
            k.HasIndex(x => new { x.CaseId, x.Version }).IsUnique();
            k.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId);
        });
        modelBuilder.Entity<SystemKeyRecord>(k =>
        {
            k.ToTable("system_keys");
            k.HasKey(x => x.Name);
            k.Property(x => x.Name).HasMaxLength(64);
            k.Property(x => x.KekId).HasMaxLength(512);
        });
        modelBuilder.Entity<PolicyVersionRecord>(v =>
        {
            v.ToTable("policy_versions");
            v.HasKey(x => x.Hash);
            v.Property(x => x.Hash).HasMaxLength(71);
            v.Property(x => x.Convenant).HasMaxLength(64);
            v.Property(x => x.Origin).HasConversion<string>().HasMaxLength(16);
            v.Property(x => x.StoredByParty).HasMaxLength(64);
            v.Property(x => x.StoredByClient).HasMaxLength(128);
            v.Property(x => x.StoredByActor).HasMaxLength(128);
            v.Property(x => x.ApprovedByParty).HasMaxLength(64);
            v.Property(x => x.ApprovedByClient).HasMaxLength(128);
            v.Property(x => x.ApprovedByActor).HasMaxLength(128);
            v.HasIndex(x => x.Convenant);
        });
        modelBuilder.Entity<PolicyActivationRecord>(a =>
        {
            a.ToTable("policy_activations");
            a.HasKey(x => x.Id);
            a.Property(x => x.Convenant).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(71);
            a.Property(x => x.ActivatedByParty).HasMaxLength(64);
            a.Property(x => x.ActivatedByClient).HasMaxLength(128);
            a.Property(x => x.ActivatedByActor).HasMaxLength(128);
            a.HasIndex(x => x.Convenant);
            a.HasOne<PolicyVersionRecord>().WithMany().HasForeignKey(x => x.Hash);
        });

        modelBuilder.Entity<SignalRecord>(s =>
        {
            s.ToTable("signals");
            s.HasKey(x => x.Id);
            s.Property(x => x.Convenant).HasMaxLength(64);
            s.Property(x => x.SubjectIndex).HasMaxLength(32);
            s.Property(x => x.SubjectPseudonym).HasMaxLength(64);
            s.Property(x => x.Party).HasMaxLength(64);
            s.Property(x => x.ContactRole).HasMaxLength(40);
            s.HasIndex(x => new { x.Convenant, x.SubjectIndex });
            s.HasIndex(x => x.ValidUntil);
        });

        modelBuilder.Entity<PlanActionRecord>(a =>
        {
            a.ToTable("plan_actions");
            a.HasKey(x => x.Id);
            a.Property(x => x.Owner).HasMaxLength(64);
            a.Property(x => x.AddedBy).HasMaxLength(64);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            a.HasIndex(x => x.CaseId);
            a.HasIndex(x => new { x.Status, x.DueOn });
            a.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId);
            a.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ActionId);
        });

        modelBuilder.Entity<PlanStatusChange>(s =>
        {
            s.ToTable("plan_status_changes");
            s.HasKey(x => x.Id);
            s.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.By).HasMaxLength(64);
        });

        modelBuilder.Entity<NotificationRecord>(n =>
        {
            n.ToTable("notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.Party).HasMaxLength(64);
            n.Property(x => x.Type).HasMaxLength(32);
            n.Property(x => x.Convenant).HasMaxLength(64);
            n.Property(x => x.Step).HasMaxLength(64);
            n.HasIndex(x => new { x.Party, x.Id });
            n.HasIndex(x => x.NextAttemptAt);
        });
    }
}
