using System.Text.Json;
using Avz.Audit.Notes;
using Avz.Audit.Verification;

namespace Avz.Exchange.Client;

/// <summary>
/// An inclusion receipt that verified: the call's entry is in the log under a checkpoint signed by the pinned key.
/// <see cref="Json"/> is the receipt as the gateway sent it; store it, and anyone with the log's key checks it again
/// (<c>avz audit verify --receipt</c>).
/// </summary>
/// <param name="Index">The entry's index.</param>
/// <param name="TreeSize">The size of the checkpoint it was proved against.</param>
/// <param name="Entry">The entry (canonical JSON).</param>
/// <param name="Json">The receipt document.</param>
public sealed record VerifiedReceipt(long Index, long TreeSize, string Entry, string Json)
{
    /// <summary>Verifies a receipt document against a log key and the call it should record.</summary>
    /// <param name="json">The receipt document.</param>
    /// <param name="logKey">The pinned verifier key.</param>
    /// <param name="index">The entry the call's answer named.</param>
    /// <param name="transactionId">The call's transaction id, which the entry must carry.</param>
    /// <param name="clientId">The client that made the call, which the entry must name.</param>
    /// <returns>The verified receipt.</returns>
    /// <exception cref="ReceiptVerificationException">It does not verify, or its entry is not the call's.</exception>
    public static VerifiedReceipt Verify(string json, NoteVerifier logKey, long index, Guid transactionId, string clientId)
    {
        ArgumentNullException.ThrowIfNull(logKey);
        InclusionReceipt receipt;
        byte[] leaf;
        byte[][] proof;
        try
        {
            receipt = JsonSerializer.Deserialize<InclusionReceipt>(json) ?? throw new JsonException("empty");
            leaf = Convert.FromBase64String(receipt.Leaf);
            proof = [.. receipt.Proof.Select(Convert.FromBase64String)];
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentNullException)
        {
            throw new ReceiptVerificationException($"The receipt of entry {index} is not a receipt document.", e) { ReceiptJson = json };
        }

        if (receipt.Index != index)
        {
            throw new ReceiptVerificationException($"The receipt is for entry {receipt.Index}, not {index}.") { ReceiptJson = json };
        }

        if (!LogVerifier.VerifyReceipt(leaf, index, proof, receipt.Checkpoint, logKey, out var problem))
        {
            throw new ReceiptVerificationException($"The receipt of entry {index} does not verify: {problem}.") { ReceiptJson = json };
        }

        using var entry = JsonDocument.Parse(leaf);
        var root = entry.RootElement;
        if (!Member(root, "transactionId", transactionId.ToString("D")) || !Member(root, "client", clientId))
        {
            throw new ReceiptVerificationException($"Entry {index} is in the log but does not record this call (transaction {transactionId:D}, client {clientId}).") { ReceiptJson = json };
        }

        // VerifyReceipt checked the signature and the checkpoint's form; this reads its size.
        var size = logKey.TryVerify(receipt.Checkpoint, out var text) && Checkpoint.TryParse(text, out var checkpoint) ? checkpoint!.Size : 0;
        return new VerifiedReceipt(index, size, System.Text.Encoding.UTF8.GetString(leaf), json);
    }

    private static bool Member(JsonElement root, string name, string expected) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), expected, StringComparison.Ordinal);
}
