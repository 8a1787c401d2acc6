using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Avz.Testing;

/// <summary>
/// A real PostgreSQL server started from the installed binaries in a temporary directory, on a free loopback port,
/// for the tests of one collection. initdb refuses to run as root, so as root it runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? folder;
    private string? binaries;
    private int databases;

    /// <summary>Why the server could not start; null when it runs.</summary>
    public string? Unavailable { get; private set; }

    private int Port { get; set; }

    public ValueTask InitializeAsync()
    {
        binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (binaries is null)
        {
            Unavailable = "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql); .ci/run installs them.";
            return ValueTask.CompletedTask;
        }

        folder = Path.Combine(Path.GetTempPath(), "avz-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            Run("chown", "postgres", folder);
        }

        Port = FreePort();
        var data = Path.Combine(folder, "data");
        RunAsOwner(Path.Combine(binaries, "initdb"), "-D", data, "-U", "avz", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        RunAsOwner(
            Path.Combine(binaries, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=100", "start");
        return ValueTask.CompletedTask;
    }

    /// <summary>The server's folder (data files, WAL, server log), for tests that search the raw bytes.</summary>
    public string? Folder => folder;

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        if (Unavailable is not null)
        {
            Assert.Skip(Unavailable);
        }

        var name = $"db_{Interlocked.Increment(ref databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        if (folder is not null && binaries is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                RunAsOwner(Path.Combine(binaries, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "avz", Database = database, Pooling = true, MaxPoolSize = 20 }.ToString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsOwner(string program, params string[] args)
    {
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. args]);
        }
        else
        {
            Run(program, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
