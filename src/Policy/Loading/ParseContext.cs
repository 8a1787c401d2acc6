using Avz.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Avz.Policy.Loading;

/// <summary>Collects the findings of one file's load, with the file name every location carries.</summary>
internal sealed class ParseContext(string file)
{
    public string File { get; } = file;

    public List<PolicyDiagnostic> Diagnostics { get; } = [];

    public bool HasErrors => Diagnostics.Count > 0;

    public SourceLocation At(YamlNode node) => At(node.Start);

    public SourceLocation At(Mark mark) => new(File, checked((int)mark.Line), checked((int)mark.Column));

    public void Report(string code, SourceLocation location, string message) =>
        Diagnostics.Add(new PolicyDiagnostic(code, location, message));

    public void Report(string code, YamlNode node, string message) => Report(code, At(node), message);
}
