namespace Avz.Exchange;

/// <summary>
/// How the exchange's settings name a choice of provider: the enum value's name, case ignored, hyphens ignored
/// (<c>Sqlite</c>, <c>sqlite</c>, <c>azure-key-vault</c>, <c>AzureKeyVault</c>); a number is not a name.
/// </summary>
internal static class SettingWords
{
    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        text is not null && !int.TryParse(text, out _) && Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;
}
