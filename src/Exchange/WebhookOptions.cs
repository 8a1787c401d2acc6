namespace Avz.Exchange;

/// <summary>
/// Webhooks per party (<c>Webhooks</c> section): where a party's notifications are delivered as CloudEvents signed per
/// Standard Webhooks, and how often delivery runs. A party without an entry polls <c>GET /v1/notifications</c>.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>The prefix of a Standard Webhooks secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>Per party id: its endpoint and secret (<c>Webhooks:Parties:politie:Url</c>, <c>...:Secret</c>).</summary>
    public Dictionary<string, WebhookEndpoint> Parties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often due deliveries are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per notification before delivery is given up (the first and the retries).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            yield return "Webhooks:PollInterval must be a positive time span, such as 00:00:05.";
        }

        if (MaxAttempts is < 1 or > 20)
        {
            yield return "Webhooks:MaxAttempts must be from 1 to 20.";
        }

        foreach (var (party, endpoint) in Parties)
        {
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                yield return $"Webhooks:Parties:{party}:Url must be an absolute https URL (http only on loopback).";
            }

            if (endpoint.SigningKey() is null)
            {
                yield return $"Webhooks:Parties:{party}:Secret must be whsec_ followed by the base64 of 24 to 64 random bytes.";
            }
        }
    }
}

/// <summary>One party's webhook.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>Where the party receives its notifications.</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret, <c>whsec_</c> and base64 (Standard Webhooks); from the environment or a secret store, never a file in the repository.</summary>
    public string? Secret { get; set; }

    /// <summary>The secret's key bytes, or null when it is not a valid secret.</summary>
    /// <returns>The key.</returns>
    public byte[]? SigningKey()
    {
        if (Secret is null || !Secret.StartsWith(WebhookOptions.SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var buffer = new byte[64];
        return Convert.TryFromBase64String(Secret[WebhookOptions.SecretPrefix.Length..], buffer, out var length) && length is >= 24 and <= 64 ? buffer[..length] : null;
    }
}
