using System.Globalization;

/// <summary>
/// The gateway's process as Linux's /proc shows it: <c>dotnet run</c> starts the app as a child, so the figures are
/// read from the deepest process under the one the benchmark started.
/// </summary>
internal static class GatewayProcess
{
    // /proc/[pid]/stat counts CPU time in USER_HZ ticks, which the kernel fixes at 100 a second for user space.
    private const double TicksPerSecond = 100;

    /// <summary>The resident memory of the gateway in MB.</summary>
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{Deepest(pid)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The CPU time the gateway has used so far, user and system, all its threads.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{Deepest(pid)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it start with the state.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static int Deepest(int pid)
    {
        var current = pid;
        while (File.Exists($"/proc/{current}/task/{current}/children") && File.ReadAllText($"/proc/{current}/task/{current}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var child, ..])
        {
            current = int.Parse(child, CultureInfo.InvariantCulture);
        }

        return current;
    }
}
