using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TicketActors.Testing;

/// <summary>
/// A private PostgreSQL 15 server for one test run: a fresh data folder in /tmp, TCP on a free loopback port, fsync
/// on, stopped and deleted on dispose. The server refuses to run as root, so as root it runs as the <c>postgres</c>
/// user (created if missing). Needs the PostgreSQL 15 server binaries (Debian's postgresql-15 package).
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private bool _stopped;

    private ThrowawayPostgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A connection string to the <c>tickets</c> database (or another one created with <see cref="CreateDatabaseAsync"/>).</summary>
    public string ConnectionString(string database = "tickets") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres",
            Pooling = true, MaxPoolSize = 200, Timeout = 15, CommandTimeout = 30,
        }.ConnectionString;

    public static bool IsInstalled => File.Exists(Path.Combine(BinFolder, "pg_ctl"));

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinFolder}); on Debian: apt-get install -y postgresql-15");
        }
        var folder = Directory.CreateTempSubdirectory("ticketactors-pg-").FullName;
        var server = new ThrowawayPostgres(folder, FreePort());
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await EnsurePostgresUser();
            await Run("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
        }
        await Run(Path.Combine(BinFolder, "initdb"), ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        await Run(Path.Combine(BinFolder, "pg_ctl"), ["-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {server.Port} -h 127.0.0.1 -k {folder} -c max_connections=300 -c fsync=on"], asRoot);
        await server.CreateDatabaseAsync("tickets");
        return server;
    }

    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server at once (the test then sees a database that went away); <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Run(Path.Combine(BinFolder, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
    }

    public async Task StartAgainAsync() =>
        await Run(Path.Combine(BinFolder, "pg_ctl"), ["-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port} -h 127.0.0.1 -k {_folder} -c max_connections=300 -c fsync=on"], Environment.UserName == "root");

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await Run(Path.Combine(BinFolder, "pg_ctl"), ["-D", DataFolder, "-m", "fast", "-w", "stop"], Environment.UserName == "root");
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test stopped it on purpose); the folder goes anyway.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsurePostgresUser()
    {
        var id = await Run("id", ["-u", "postgres"], asPostgres: false, throwOnFailure: false);
        if (id != 0)
        {
            await Run("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], asPostgres: false);
        }
    }

    private static async Task<int> Run(string program, string[] arguments, bool asPostgres, bool throwOnFailure = true)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = "/tmp";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
        return process.ExitCode;
    }
}
