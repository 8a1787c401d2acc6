using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

internal sealed partial class CaseService
{
    private const int MaxJustification = 2000;
    private const int MinJustification = 20;

    public async Task<ExchangeResult<SuppliedItem>> SupplyAsync(Caller caller, Guid id, SupplyItem request, CancellationToken cancellationToken)
    {
        CategoryDefinition? category = null;
        var values = new List<(FieldDefinition Field, string Text)>();
        var (record, policy, failure) = await LoadForParticipantAsync<SuppliedItem>(
            caller, id, EntryAction.InformationSupply, includeHistory: false, cancellationToken, p => ValidateSupply(p, request, out category, values)).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (record!.ShreddedAt is not null)
        {
            return await RefuseAsync<SuppliedItem>(caller, EntryAction.InformationSupply, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false);
        }

        if (CaseStatusRules.IsFinished(record.Status))
        {
            return await RefuseAsync<SuppliedItem>(caller, EntryAction.InformationSupply, record, policy, ExchangeErrors.CaseFinished, EntryReason.CaseFinished, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var supplied = values.Select(v => category!.Id + "/" + v.Field.Id).ToList();
        if (!policy!.MaySupply(caller.Party, record.Purpose, category!.Id, now))
        {
            var refused = await log.AppendAsync(
                Entry(caller, EntryAction.InformationSupply, EntryDecision.Refused, record, policy) with { Reasons = [EntryReason.SupplyNotPermitted] },
                cancellationToken).ConfigureAwait(false);
            return ExchangeResult<SuppliedItem>.Fail(ExchangeErrors.SupplyNotPermitted, refused);
        }

        var item = new InformationItem { Id = Guid.CreateVersion7(now), CaseId = id, Category = category!.Id, Supplier = caller.Party, Purpose = record.Purpose, SuppliedAt = now };
        var (dataKey, key) = await keys.CurrentAsync(Db, id, cancellationToken).ConfigureAwait(false);
        foreach (var (field, text) in values)
        {
            item.Fields.Add(new InformationField { ItemId = item.Id, Name = field.Id, Ciphertext = keys.Encrypt(dataKey, key, item.Id.ToString(), field.Id, Encoding.UTF8.GetBytes(text)) });
        }

        var index = await saves.SaveItemAsync(Db, item, Entry(caller, EntryAction.InformationSupply, EntryDecision.Permitted, record, policy) with { Supplied = supplied, Items = [item.Id.ToString()] }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<SuppliedItem>.Ok(new SuppliedItem(item.Id, category.Id, [.. values.Select(v => v.Field.Id)], now), index);
    }

    public Task<ExchangeResult<InformationView>> RequestAsync(Caller caller, Guid id, string? purpose, string? category, CancellationToken cancellationToken) =>
        RequestAsync(caller, id, purpose, category, justification: null, cancellationToken);

    public Task<ExchangeResult<InformationView>> EmergencyAsync(Caller caller, Guid id, EmergencyRequest request, CancellationToken cancellationToken) =>
        request.Justification is not { } text || string.IsNullOrWhiteSpace(text) || text.Trim().Length < MinJustification || text.Length > MaxJustification
            ? Task.FromResult(ExchangeResult<InformationView>.Fail(ExchangeErrors.JustificationRequired))
            : RequestAsync(caller, id, purpose: null, request.Category, text, cancellationToken);

    private async Task<ExchangeResult<InformationView>> RequestAsync(Caller caller, Guid id, string? purpose, string? category, string? justification, CancellationToken cancellationToken)
    {
        // The reads (case, participants, consents, items, fields) share one connection, and on SQLite one read
        // transaction (CaseReadScope); the scope ends before decryption and the log append, so a request does not hold
        // either while it waits for the log (issue 16's profile: a connection per query was a tenth of the request's
        // CPU through EF Core, and on SQLite each autocommit read took the WAL's read lock anew).
        using var scope = await CaseReadScope.BeginAsync(reads, lease, cancellationToken).ConfigureAwait(false);
        var emergency = justification is not null;
        var action = emergency ? EntryAction.InformationEmergency : EntryAction.InformationRequest;
        var (record, policy, failure) = await LoadForParticipantAsync<InformationView>(
            caller, id, action, includeHistory: false, cancellationToken, p => ValidateRequest(p, purpose, category), scope).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (purpose is not null && !string.Equals(purpose, record!.Purpose, StringComparison.Ordinal))
        {
            // An attempt to use the case's data for another purpose than its own: refused, and logged (NEN 7513).
            return await RefuseAsync<InformationView>(caller, action, record, policy, ExchangeErrors.PurposeMismatch, EntryReason.PurposeMismatch, cancellationToken).ConfigureAwait(false);
        }

        if (record!.ShreddedAt is not null)
        {
            return await RefuseAsync<InformationView>(caller, action, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false);
        }

        var holdsDirection = string.Equals(record.DirectionHolder, caller.Party, StringComparison.Ordinal);
        if (emergency && !holdsDirection)
        {
            // Doorzettingsmacht belongs to the party holding process direction; anyone else is refused, and the
            // attempt, with its justification, goes to the privacy officer's review like any emergency access.
            var attempted = await justifications.StoreAsync(Db, id, justification!, cancellationToken).ConfigureAwait(false);
            var refused = await log.AppendAsync(
                Entry(caller, action, EntryDecision.Refused, record, policy) with { Reasons = [EntryReason.NotDirectionHolder], Emergency = true, Justification = attempted },
                cancellationToken).ConfigureAwait(false);
            return ExchangeResult<InformationView>.Fail(ExchangeErrors.EmergencyRefused, refused);
        }

        var now = time.GetUtcNow();
        var consents = await scope.OpenConsentsAsync(id, record.Purpose, cancellationToken).ConfigureAwait(false);
        var items = await scope.ItemsWithFieldsAsync(id, category, cancellationToken).ConfigureAwait(false);
        scope.Dispose();

        // Sized for the fields found, so the lists do not grow field by field (issue 16's allocation profile).
        var found = 0;
        foreach (var item in items)
        {
            found += item.Fields.Count;
        }

        var views = new List<ItemView>(items.Count);
        var withheld = new List<WithheldView>();
        var released = new List<string>(found);
        var withheldLog = new List<(string Field, WithheldReason Reason)>();
        var releasedViaEmergency = new List<string>();
        var ownSupply = false;
        var legalBasis = new List<string>();
        var rules = new List<string>(found);
        // Sorted in place, and each item's fields by name below, instead of through LINQ's ordered enumerables:
        // this loop runs for every item of every information request (issue 16's allocation profile).
        items.Sort(static (a, b) => a.SuppliedAt != b.SuppliedAt ? a.SuppliedAt.CompareTo(b.SuppliedAt) : a.Id.CompareTo(b.Id));

        // Handed back before the log append below, so other requests for the case's key need not make a cipher of their own meanwhile.
        using var texts = keys.TextsFor(lease);
        foreach (var item in items)
        {
            var definition = policy!.FindCategory(item.Category);
            var fields = item.Fields.ToArray();
            Array.Sort(fields, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var names = Array.ConvertAll(fields, static f => f.Name);

            // Made only when a field of the item is withheld: the reasons by field name.
            Dictionary<string, WithheldReason>? reasons = null;
            HashSet<string>? overridden = null;
            var bases = new List<string>(fields.Length);
            if (string.Equals(item.Supplier, caller.Party, StringComparison.Ordinal))
            {
                // A party sees what it supplied itself; that is not a disclosure to it.
                ownSupply = true;
            }
            else if (definition is null)
            {
                reasons = WithholdAll(names);
            }
            else
            {
                var consent = AnyCovers(consents, now, item.Category, caller.Party);
                var decision = policy.Decide(new DecisionRequest(caller.Party, item.Supplier, record.Purpose, item.Category, now, consent, emergency ? AccessMode.Emergency : AccessMode.Normal, holdsDirection, names));
                if (decision.Status != DecisionStatus.Evaluated)
                {
                    reasons = WithholdAll(names);
                }
                else
                {
                    foreach (var field in decision.Withheld)
                    {
                        (reasons ??= new Dictionary<string, WithheldReason>(names.Length, StringComparer.Ordinal))[field.Field] = field.Reason.ToLogged();
                    }

                    foreach (var field in decision.Permitted)
                    {
                        if (field.ViaEmergency)
                        {
                            (overridden ??= new HashSet<string>(StringComparer.Ordinal)).Add(field.Field);
                        }

                        rules.Add(field.RuleId!);
                        bases.Add(field.LegalBasis!);
                        if (field.Ground is { } ground)
                        {
                            bases.Add(ground);
                        }
                    }
                }
            }

            var values = new Dictionary<string, object>(fields.Length, StringComparer.Ordinal);
            var itemId = item.Id.ToString();
            foreach (var field in fields)
            {
                var path = item.Category + "/" + field.Name;
                if (reasons is not null && reasons.TryGetValue(field.Name, out var reason))
                {
                    withheld.Add(new WithheldView(item.Id, item.Category, item.Supplier, field.Name, Wire.Of(reason)));
                    withheldLog.Add((path, reason));
                    continue;
                }

                var plain = await texts.DecryptAsync(new FieldPlace(id, itemId, field.Name), field.Ciphertext, cancellationToken).ConfigureAwait(false);
                values[field.Name] = FieldValues.ToWire(definition?.FindField(field.Name)?.Type ?? FieldType.Text, plain);
                released.Add(path);
                if (overridden?.Contains(field.Name) == true)
                {
                    releasedViaEmergency.Add(path);
                }
            }

            if (values.Count > 0)
            {
                var itemBases = SortedDistinct(bases);
                legalBasis.AddRange(itemBases);
                views.Add(new ItemView(item.Id, item.Category, item.Supplier, item.SuppliedAt, values, itemBases));
            }
        }

        texts.Dispose();
        var outcome = withheld.Count == 0 ? EntryDecision.Permitted : views.Count == 0 && items.Count > 0 ? EntryDecision.Withheld : EntryDecision.Partial;
        var commitment = emergency ? await justifications.StoreAsync(Db, id, justification!, cancellationToken).ConfigureAwait(false) : null;
        var index = await log.AppendAsync(
            Entry(caller, action, outcome, record, policy) with
            {
                Released = SortedDistinct(released),
                Withheld = SortedDistinct(withheldLog),
                LegalBasis = SortedDistinct(legalBasis),
                ReleasedViaEmergency = SortedDistinct(releasedViaEmergency),
                Rules = SortedDistinct(rules),
                Reasons = ownSupply ? [EntryReason.OwnSupply] : [],
                Emergency = emergency,
                Justification = commitment,
            },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<InformationView>.Ok(new InformationView(id, record.Purpose, emergency, policy!.VersionHash, views, withheld), index);
    }

    /// <summary>
    /// The distinct values in ordinal order, as the entry and the item views list them; collected in lists and sorted
    /// once instead of kept in sorted sets as they arrive (issue 16's allocation profile).
    /// </summary>
    private static string[] SortedDistinct(List<string> values)
    {
        // A static method group: its delegate is cached, where a comparer object made the sort allocate one per call.
        values.Sort(string.CompareOrdinal);
        var kept = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (kept == 0 || !string.Equals(values[kept - 1], values[i], StringComparison.Ordinal))
            {
                values[kept++] = values[i];
            }
        }

        values.RemoveRange(kept, values.Count - kept);
        return [.. values];
    }

    /// <summary>The withheld fields in ordinal order of their paths, then of their reasons, each once.</summary>
    private static WithheldField[] SortedDistinct(List<(string Field, WithheldReason Reason)> withheld)
    {
        withheld.Sort(static (a, b) => string.CompareOrdinal(a.Field, b.Field) is var byField and not 0 ? byField : a.Reason.CompareTo(b.Reason));
        var kept = 0;
        for (var i = 0; i < withheld.Count; i++)
        {
            if (kept == 0 || withheld[kept - 1] != withheld[i])
            {
                withheld[kept++] = withheld[i];
            }
        }

        var fields = new WithheldField[kept];
        for (var i = 0; i < kept; i++)
        {
            fields[i] = new WithheldField(withheld[i].Field, withheld[i].Reason);
        }

        return fields;
    }

    private static Dictionary<string, WithheldReason> WithholdAll(string[] names)
    {
        var reasons = new Dictionary<string, WithheldReason>(names.Length, StringComparer.Ordinal);
        foreach (var name in names)
        {
            reasons[name] = WithheldReason.NotPermitted;
        }

        return reasons;
    }

    /// <summary>Whether a consent in force at <paramref name="now"/> covers the category for the party; a loop, not a closure per item.</summary>
    private static bool AnyCovers(List<ConsentRecord> consents, DateTimeOffset now, string category, string party)
    {
        foreach (var consent in consents)
        {
            if (consent.ValidUntil > now && consent.RecordedAt <= now && Covers(consent, category, party))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The justification a leaf commits to, checked against the commitment; null once it was erased with its case.</summary>
    public async Task<string?> ReadJustificationAsync(TextCommitment commitment, CancellationToken cancellationToken) =>
        await justifications.ReadAsync(Db, commitment, cancellationToken).ConfigureAwait(false)
        ?? await comments.ReadAsync(Db, commitment, cancellationToken).ConfigureAwait(false);

    public Task<TextCommitment> KeepReviewCommentAsync(string comment, CancellationToken cancellationToken) =>
        comments.StoreAsync(Db, comment, cancellationToken);

    private static ExchangeError? ValidateRequest(CompiledPolicy policy, string? purpose, string? category) =>
        purpose is not null && policy.FindPurpose(purpose) is null ? ExchangeErrors.UnknownPurpose
        : category is not null && policy.FindCategory(category) is null ? ExchangeErrors.UnknownCategory
        : null;

    /// <summary>Checks a supplied item against the policy's category and field types; fills the normalised values.</summary>
    private static ExchangeError? ValidateSupply(CompiledPolicy policy, SupplyItem request, out CategoryDefinition? category, List<(FieldDefinition Field, string Text)> values)
    {
        category = request.Category is null ? null : policy.FindCategory(request.Category);
        if (category is null)
        {
            return ExchangeErrors.UnknownCategory;
        }

        if (category.IsRegistration)
        {
            return ExchangeErrors.RegistrationNotSupplied;
        }

        if (request.Fields is not { Count: > 0 })
        {
            return ExchangeErrors.NoFields;
        }

        values.Clear();
        foreach (var (name, value) in request.Fields)
        {
            var field = category.FindField(name);
            if (field is null)
            {
                return ExchangeErrors.UnknownField;
            }

            if (FieldValues.TryNormalize(field, value, out var text) is { } invalid)
            {
                return invalid;
            }

            values.Add((field, text));
        }

        return null;
    }

    /// <summary>Whether a consent names the category and the receiving party.</summary>
    internal static bool Covers(ConsentRecord consent, string category, string party) =>
        Names(consent.Categories, category) && Names(consent.Recipients, party);

    /// <summary>Whether a space-separated list holds the word, as <c>list.Split(' ').Contains(word)</c> says, without the array.</summary>
    private static bool Names(string list, string word)
    {
        var span = list.AsSpan();
        foreach (var range in span.Split(' '))
        {
            if (span[range].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
