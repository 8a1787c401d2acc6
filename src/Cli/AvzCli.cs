using System.CommandLine;
using Avz.Cli.Policy;

namespace Avz.Cli;

/// <summary>The <c>avz</c> command line: builds the command tree and runs it with the given writers.</summary>
internal static class AvzCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("avz - administer an AVZ Exchange gateway: convenant policies, the access log, keys and clients.")
        {
            PolicyCommands.Create(output, error),
            Audit.AuditCommands.Create(output, error),
            Clients.TokenCommand.Create(output, error),
            Clients.ClientsCommands.Create(output, error),
            Clients.StaffCommands.Create(output, error),
            Keys.KeysCommands.Create(output, error),
            House.ContributionsCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine("Run 'avz --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
