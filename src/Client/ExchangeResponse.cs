namespace Avz.Exchange.Client;

/// <summary>A successful answer, with the access-log entry of the call and, with a pinned log key, its verified receipt.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
/// <param name="Value">The answer.</param>
/// <param name="TransactionId">The call's transaction id (<c>Avz-Transaction-Id</c>), in the entry too.</param>
/// <param name="LogIndex">The index of the call's access-log entry (<c>Avz-Log-Index</c>), if it left one.</param>
/// <param name="Receipt">The verified receipt of that entry, when <see cref="ExchangeClientOptions.LogKey"/> is set.</param>
public sealed record ExchangeResponse<T>(T Value, Guid TransactionId, long? LogIndex, VerifiedReceipt? Receipt);
