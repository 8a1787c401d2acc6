using Avz.Cli;

return AvzCli.Run(args, Console.Out, Console.Error);
