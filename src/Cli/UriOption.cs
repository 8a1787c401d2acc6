using System.CommandLine;

namespace Avz.Cli;

/// <summary>An option that takes an absolute http(s) URL, with a sentence when it is not one (System.CommandLine has no parser for <see cref="Uri"/>).</summary>
internal static class UriOption
{
    public static Option<Uri?> Create(string name, string description, Uri? defaultValue = null)
    {
        var option = new Option<Uri?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"{name} needs an absolute http(s) URL, such as http://127.0.0.1:5080/; '{text}' is not one.");
                return null;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }
}
