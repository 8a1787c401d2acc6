namespace Avz.Exchange.Cases;

/// <summary>One step of the status history.</summary>
/// <param name="From">The previous status, null at registration.</param>
/// <param name="To">The new status.</param>
/// <param name="At">When.</param>
/// <param name="By">Which party.</param>
public sealed record StatusChangeView(string? From, string To, DateTimeOffset At, string By);
