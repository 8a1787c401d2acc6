using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Validates a module's options with the module's own check, which returns one sentence per problem. The host
/// registers it with <c>ValidateOnStart</c>, so a setting that cannot work stops the start and says what to fix.
/// </summary>
internal static class SentenceValidation
{
    /// <summary>Binds a module's options to their section and validates them at start with the module's check.</summary>
    public static OptionsBuilder<T> AddModuleOptions<T>(this IServiceCollection services, IConfiguration configuration, string sectionName, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(problems));
        return services.AddOptions<T>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
    }

    private sealed class Validator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var sentences = problems(options).ToList();
            return sentences.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(sentences);
        }
    }
}
