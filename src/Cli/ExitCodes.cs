namespace Avz.Cli;

/// <summary>The exit codes of every <c>avz</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done, nothing found.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found something: an invalid file, a failing test, a difference.</summary>
    public const int Finding = 1;

    /// <summary>The command line is wrong, or a file it names cannot be read.</summary>
    public const int Usage = 2;
}
