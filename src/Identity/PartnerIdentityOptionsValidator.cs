using Microsoft.Extensions.Options;

namespace Avz.Identity;

/// <summary>Stops the start on identity settings that cannot work, with <see cref="PartnerIdentityOptions.Problems"/>'s sentences.</summary>
internal sealed class PartnerIdentityOptionsValidator : IValidateOptions<PartnerIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerIdentityOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
