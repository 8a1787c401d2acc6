using System.ComponentModel.DataAnnotations;

namespace Avz.Exchange.Api.Policies;

/// <summary>Where the gateway finds its convenant policies.</summary>
public sealed class PolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Policies";

    /// <summary>Folder with one <c>*.yaml</c> per convenant (test files, <c>*.tests.yaml</c>, are skipped); relative to the content root (the project folder under <c>dotnet run</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = "policies";
}
