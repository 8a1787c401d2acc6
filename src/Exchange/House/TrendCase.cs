namespace Avz.Exchange.House;

/// <summary>The metadata of one case that the trend counts use.</summary>
/// <param name="Municipality">The row key of its municipality.</param>
/// <param name="Purpose">Its purpose.</param>
/// <param name="Column">Its status column.</param>
/// <param name="DaysToConsultation">Days from registration to the first case consultation; null when it had none.</param>
internal sealed record TrendCase(string Municipality, string Purpose, int Column, double? DaysToConsultation);
