using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TicketActors.Actors.Hosting;

/// <summary>Where box offices keep their journal and snapshots.</summary>
public enum StoreKind
{
    /// <summary>In-memory: for tests and for simulations that ask for it. Nothing survives the process.</summary>
    Memory,
    /// <summary>The embedded default: one SQLite file in WAL mode.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server, by connection string: production and the cluster.</summary>
    Postgres,
}

/// <summary>The store one actor system uses, and its connection string.</summary>
public sealed record StoreSettings(StoreKind Kind, string ConnectionString)
{
    public const string DefaultSqliteFile = "data/tickets.db";

    public static StoreSettings Memory { get; } = new(StoreKind.Memory, "");

    /// <summary>A SQLite store from a file path ("data/tickets.db") or a full connection string ("Data Source=...").</summary>
    public static StoreSettings Sqlite(string? fileOrConnectionString = null)
    {
        var text = string.IsNullOrWhiteSpace(fileOrConnectionString) ? DefaultSqliteFile : fileOrConnectionString;
        var builder = text.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder { DataSource = text };
        return new StoreSettings(StoreKind.Sqlite, builder.ConnectionString);
    }

    public static StoreSettings Postgres(string connectionString) =>
        new(StoreKind.Postgres, new NpgsqlConnectionStringBuilder(connectionString).ConnectionString);

    /// <summary>Reads <c>--store</c> and <c>--connection</c>; says what is wrong instead of throwing.</summary>
    public static bool TryParse(string? kind, string? connection, out StoreSettings store, out string error)
    {
        store = Memory;
        error = "";
        try
        {
            switch (kind?.Trim().ToLowerInvariant())
            {
                case "memory" when connection is null:
                    return true;
                case "memory":
                    error = "--connection does not apply to the memory store";
                    return false;
                case null or "" or "sqlite":
                    store = Sqlite(connection);
                    return true;
                case "postgres" or "postgresql" when string.IsNullOrWhiteSpace(connection):
                    error = "--store postgres needs --connection, e.g. \"Host=127.0.0.1;Port=5432;Database=tickets;Username=postgres\"";
                    return false;
                case "postgres" or "postgresql":
                    store = Postgres(connection!);
                    return true;
                default:
                    error = $"--store must be memory, sqlite or postgres, not '{kind}'";
                    return false;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            error = $"--connection is not a valid {kind ?? "sqlite"} connection string: {e.Message}";
            return false;
        }
    }

    /// <summary>The persistence part of the Akka configuration: the store's file from <c>hocon/</c> with this connection string.</summary>
    public Config ToConfig()
    {
        if (Kind == StoreKind.Memory)
        {
            return HoconFiles.Load(HoconFiles.MemoryStore);
        }
        var quoted = System.Text.Json.JsonSerializer.Serialize(ConnectionString);
        return ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.connection-string = {quoted}
            akka.persistence.snapshot-store.sql.connection-string = {quoted}
            akka.persistence.query.journal.sql.connection-string = {quoted}
            """)
            .WithFallback(HoconFiles.Load(Kind == StoreKind.Sqlite ? HoconFiles.SqliteStore : HoconFiles.PostgresStore))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// Makes the store ready before the actor system opens it. PostgreSQL: checks that the server answers. SQLite:
    /// creates the file's folder and switches the
    /// file to WAL, so the snapshot store can write while the journal writes (CASES C16); refuses a file that stays
    /// in another journal mode. Throws <see cref="InvalidOperationException"/> with a readable message.
    /// </summary>
    public void Prepare()
    {
        if (Kind == StoreKind.Postgres)
        {
            // Fail fast with the cause, instead of box offices timing out their recovery one by one.
            try
            {
                using var postgres = new NpgsqlConnection(ConnectionString);
                postgres.Open();
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
            {
                throw new InvalidOperationException($"PostgreSQL cannot be reached: {e.Message}", e);
            }
        }
        if (Kind != StoreKind.Sqlite)
        {
            return;
        }
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException("the SQLite store needs a file: each connection to ':memory:' sees its own empty database");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || builder.DefaultTimeout <= 0)
        {
            throw new InvalidOperationException(
                $"the SQLite file {builder.DataSource} must be in WAL mode with a busy timeout (it is '{mode}', timeout {builder.DefaultTimeout} s): the journal and the snapshot store share it");
        }
    }

    /// <summary>What to print: the store and where it is, without a password.</summary>
    public override string ToString() => Kind switch
    {
        StoreKind.Memory => "memory",
        StoreKind.Sqlite => $"sqlite ({new SqliteConnectionStringBuilder(ConnectionString).DataSource})",
        _ => $"postgres ({new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString})",
    };
}
