using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Avz.Identity;

/// <summary>
/// Access tokens OpenIddict has validated, remembered until they expire, so a partner's next call with the same token
/// over the same client certificate skips the signature check (issue 16: token validation was a third of a session
/// call's CPU). The key is SHA-256 over the token and the connection certificate's SHA-256 thumbprint, so the token
/// itself is not kept, and a certificate-bound token presented over another connection certificate (or none) is a miss
/// that OpenIddict checks and refuses. Only successes are remembered: a refused token always goes through OpenIddict
/// again, and garbage cannot fill the cache. Nothing a success depends on changes during a token's life: the gateway's
/// tokens are self-contained JWTs (a disabled client gets no new token; its issued ones ran until expiry before too).
/// </summary>
public sealed class ValidatedTokens(TimeProvider time)
{
    /// <summary>The most tokens remembered; beyond it expired ones are swept, and if none expired nothing new is added.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Key, Entry> entries = new();

    /// <summary>How many tokens are remembered now.</summary>
    public int Count => entries.Count;

    /// <summary>The principal a remembered, unexpired token was validated to, as a copy the caller may change.</summary>
    /// <param name="key">The token's key.</param>
    /// <param name="scheme">The scheme the ticket is issued under.</param>
    /// <param name="ticket">The ticket to hand on.</param>
    /// <returns>Whether the token was remembered and has not expired.</returns>
    internal bool TryGet(in Key key, string scheme, out AuthenticationTicket? ticket)
    {
        ticket = null;
        if (!entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (entry.Expires <= time.GetUtcNow())
        {
            entries.TryRemove(key, out _);
            return false;
        }

        ticket = new AuthenticationTicket(entry.Principal.Clone(), entry.Properties.Clone(), scheme);
        return true;
    }

    /// <summary>Remembers a validated token until its expiry (the <c>exp</c> its principal carries); one without is not remembered.</summary>
    internal void Remember(in Key key, AuthenticationTicket ticket)
    {
        if (ticket.Principal.GetExpirationDate() is not { } until || until <= time.GetUtcNow())
        {
            return;
        }

        if (entries.Count >= Capacity)
        {
            var now = time.GetUtcNow();
            foreach (var (k, e) in entries)
            {
                if (e.Expires <= now)
                {
                    entries.TryRemove(k, out _);
                }
            }

            if (entries.Count >= Capacity)
            {
                return;
            }
        }

        entries[key] = new Entry(ticket.Principal.Clone(), ticket.Properties.Clone(), until);
    }

    /// <summary>The key of a token presented over a connection with this client certificate thumbprint (empty: none).</summary>
    internal static Key KeyOf(ReadOnlySpan<char> token, ReadOnlySpan<byte> certificateThumbprint)
    {
        // One SHA-256 over token, separator and thumbprint in one buffer: the one-shot hash makes no hash object (an
        // incremental hash made and released one for every call, issue 16). Tokens are at most 8,192 characters.
        var tokenBytes = MemoryMarshal.AsBytes(token);
        var length = tokenBytes.Length + 2 + certificateThumbprint.Length;
        byte[]? rented = null;
        var input = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            tokenBytes.CopyTo(input);
            input[tokenBytes.Length] = 0;
            input[tokenBytes.Length + 1] = 0;
            certificateThumbprint.CopyTo(input[(tokenBytes.Length + 2)..]);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(input[..length], digest);
            return MemoryMarshal.Read<Key>(digest);
        }
        finally
        {
            if (rented is not null)
            {
                // The token is a credential: the pooled buffer does not keep it for its next user.
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The largest hash input taken on the stack: a token of about 2,000 characters with its thumbprint.</summary>
    private const int StackBytes = 4096;

    /// <summary>A SHA-256 digest as a dictionary key.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Key(ulong A, ulong B, ulong C, ulong D);

    private sealed record Entry(System.Security.Claims.ClaimsPrincipal Principal, AuthenticationProperties Properties, DateTimeOffset Expires);
}

/// <summary>
/// The API's bearer scheme: a token remembered by <see cref="ValidatedTokens"/> authenticates at once; any other goes
/// to OpenIddict's validation, whose success is remembered. Challenges and refusals are OpenIddict's own
/// (<c>WWW-Authenticate</c> with the RFC 6750 error).
/// <para>
/// OpenIddict's validation keeps what its token check and its challenge need in a transaction that its request
/// pipeline makes. On the API, <see cref="GatewayAuthenticationMiddleware"/> does not run that pipeline for every call
/// (a remembered token never needs it); this handler runs it, once per request, the first time OpenIddict is needed.
/// </para>
/// </summary>
internal sealed class CachedBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AvzBearer";

    /// <summary>OpenIddict validation's scheme, which checks what is not remembered and answers challenges and refusals.</summary>
    private const string Validation = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.Ordinal) || value.Length > 8192)
        {
            return await Delegate().ConfigureAwait(false);
        }

        var certificate = Context.Connection.ClientCertificate;
        Span<byte> thumbprint = stackalloc byte[32];
        var thumbprintLength = certificate is null ? 0 : certificate.TryGetCertHash(HashAlgorithmName.SHA256, thumbprint, out var n) ? n : 0;
        var key = ValidatedTokens.KeyOf(value.AsSpan(7), thumbprint[..thumbprintLength]);
        if (tokens.TryGet(key, Scheme.Name, out var remembered))
        {
            return AuthenticateResult.Success(remembered!);
        }

        var result = await Delegate().ConfigureAwait(false);
        if (result.Succeeded)
        {
            tokens.Remember(key, result.Ticket);
        }

        return result;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (await PrepareValidationAsync().ConfigureAwait(false))
        {
            await Context.ChallengeAsync(Validation, properties).ConfigureAwait(false);
        }
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (await PrepareValidationAsync().ConfigureAwait(false))
        {
            await Context.ForbidAsync(Validation, properties).ConfigureAwait(false);
        }
    }

    private async Task<AuthenticateResult> Delegate()
    {
        if (!await PrepareValidationAsync().ConfigureAwait(false))
        {
            return AuthenticateResult.Fail("OpenIddict's validation answered the request itself.");
        }

        var result = await Context.AuthenticateAsync(Validation).ConfigureAwait(false);
        return result.Succeeded ? AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name)) : result;
    }

    /// <summary>Runs OpenIddict validation's request pipeline for this request unless it ran already.</summary>
    /// <returns>False if that pipeline answered the request itself, so nothing more may be written or granted.</returns>
    private async Task<bool> PrepareValidationAsync()
    {
        if (Context.Features.Get<OpenIddictValidationAspNetCoreFeature>() is not null)
        {
            return true;
        }

        var handlers = Context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        var handler = await handlers.GetHandlerAsync(Context, Validation).ConfigureAwait(false) as IAuthenticationRequestHandler
            ?? throw new InvalidOperationException("OpenIddict's validation scheme is not registered as a request handler.");
        return !await handler.HandleRequestAsync().ConfigureAwait(false);
    }
}
