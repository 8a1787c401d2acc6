using Avz.Identity.Handlers;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Avz.Identity;

/// <summary>The authorization server (OpenIddict) and token validation for the API.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>The database file in the data directory.</summary>
    public const string DatabaseFile = "identity.db";

    /// <summary>Adds the token endpoint <c>/connect/token</c> (client credentials, private_key_jwt), JWT access tokens, their validation, and a policy per scope.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Identity</c> section.</param>
    /// <param name="dataDirectory">Resolves the data directory at run time.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPartnerIdentity(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Note: the store and the certificate binding decide which services exist, so they are read once here, from the
        // same section the options bind to; everything else is read through IOptions at run time.
        var section = configuration.GetSection(PartnerIdentityOptions.SectionName);
        var settings = section.Get<PartnerIdentityOptions>() ?? new PartnerIdentityOptions();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PartnerIdentityOptions>, PartnerIdentityOptionsValidator>();
        services.AddOptions<PartnerIdentityOptions>().Bind(section).ValidateOnStart();
        if (settings.CertificateBoundTokens != CertificateBinding.Off)
        {
            // RFC 8705 §3: the binding is to the exact certificate, not to a CA, so the TLS layer asks for a client
            // certificate and accepts a self-signed one; the token endpoint and the API compare thumbprints.
            services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        }

        var postgres = settings.UsesPostgres;
        IdentityDatabase.Register(services, postgres, dataDirectory, provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PartnerIdentityOptions>>().Value.ConnectionString);
        services.AddScoped<PartnerClients>();
        services.AddScoped<ClientAdministration>();
        StaffAccounts.Register(services);
        services.AddHostedService<IdentityDatabaseInitializer>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>>(provider =>
            new SigningKeyConfigurator(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PartnerIdentityOptions>>().Value, provider.GetRequiredService<IHostEnvironment>(), () => dataDirectory(provider)));

        services.AddOpenIddict()
            .AddCore(core => IdentityDatabase.UseStores(core, postgres))
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("/connect/token");
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. IdentityScopes.All]);
                server.DisableAccessTokenEncryption();

                // Access tokens are signed JWTs, not encrypted; OpenIddict still wants an encryption key for the token
                // kinds this server never issues (codes, refresh tokens), so an in-memory one serves.
                server.AddEphemeralEncryptionKey();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                if (settings.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                server.AddEventHandler(AssertionHeaderHandler.Descriptor);
                server.AddEventHandler(AcceptUntypedAssertions.Descriptor);
                server.AddEventHandler(MarkUntypedAssertions.Descriptor);
                server.AddEventHandler(ScopePermissionHandler.Descriptor);
                server.AddEventHandler(AssertionClaimsHandler.Descriptor);
                server.AddEventHandler(ClientPolicyHandler.Descriptor);
                server.AddEventHandler(ClientCredentialsHandler.Descriptor);

                if (settings.CertificateBoundTokens != CertificateBinding.Off)
                {
                    // RFC 8705 §3: OpenIddict writes cnf.x5t#S256 of the connection's client certificate into the token.
                    // Note: OpenIddict 7 also validates that certificate as a means of client authentication
                    // (tls_client_auth), which this gateway does not use: clients authenticate with private_key_jwt and
                    // the certificate only binds the token, so it may be self-signed. That check is taken out.
                    server.UseClientCertificateBoundAccessTokens();
                    server.RemoveEventHandler(OpenIddict.Server.OpenIddictServerHandlers.ValidateClientCertificate.Descriptor);
                }
                var aspNetCore = server.UseAspNetCore();
                if (settings.AllowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // RFC 6750: the token travels in the Authorization header only, never in a URL or a form body.
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
                validation.AddAudiences(ClientCredentialsHandler.Audience);
            });

        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ValidatedTokens>();

        // The API authenticates through the remembering scheme; OpenIddict validates what it has not seen and answers
        // every challenge and refusal (RFC 6750 WWW-Authenticate), handed on by the scheme itself.
        services.AddAuthentication(CachedBearerHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CachedBearerHandler>(CachedBearerHandler.SchemeName, _ => { });
        // The partner policies name no scheme: the user they judge is the one the authentication middleware found with
        // the default scheme, the remembering bearer scheme above, on every call. Naming it made the authorization
        // middleware authenticate every call a second time, cloning the ticket and building a merged principal (issue
        // 16's allocation profile: about a twentieth of the information request's garbage). A staff member's portal
        // cookie opens no partner API call either way (PartnerPolicyTests).
        services.AddAuthorization(options =>
        {
            foreach (var scope in IdentityScopes.All)
            {
                options.AddPolicy(scope, policy => policy
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.HasScope(scope) && context.User.HasClaim(c => c.Type == IdentityClaims.Party)));
            }

            options.AddPolicy(IdentityScopes.LogReader, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => (context.User.HasScope(IdentityScopes.Exchange) || context.User.HasScope(IdentityScopes.Audit)) && context.User.HasClaim(c => c.Type == IdentityClaims.Party)));
        });
        return services;
    }
}
