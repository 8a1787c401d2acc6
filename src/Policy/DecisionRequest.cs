namespace Avz.Policy;

/// <summary>What a decision is asked about.</summary>
/// <param name="Recipient">The party that would receive the data.</param>
/// <param name="Supplier">The party that supplied it.</param>
/// <param name="Purpose">The purpose of the request.</param>
/// <param name="Category">The data category.</param>
/// <param name="At">The moment of the request.</param>
/// <param name="ConsentOnRecord">Whether valid, unwithdrawn consent for this purpose, category and recipient is on record.</param>
/// <param name="Mode">Ordinary or emergency request.</param>
/// <param name="HoldsProcessDirection">Whether the recipient holds process direction (procesregie) for the case.</param>
/// <param name="Fields">The fields asked for; null asks for every field of the category.</param>
public readonly record struct DecisionRequest(
    string Recipient,
    string Supplier,
    string Purpose,
    string Category,
    DateTimeOffset At,
    bool ConsentOnRecord = false,
    AccessMode Mode = AccessMode.Normal,
    bool HoldsProcessDirection = false,
    IReadOnlyList<string>? Fields = null);
