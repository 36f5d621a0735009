using Microsoft.Data.Sqlite;
using TicketActors.Actors.Hosting;

namespace TicketActors.Cli.Verify;

/// <summary>The options of <c>ticketactors verify</c>: a store that exists, never one created for the occasion.</summary>
public static class VerifyOptions
{
    /// <summary>
    /// Reads <c>--store</c> and <c>--connection</c>. A SQLite store must be an existing file; it is then opened in
    /// read-write mode, so that not even a race can create it. The memory store holds nothing to verify.
    /// </summary>
    public static bool TryParse(string? kind, string? connection, out StoreSettings store, out string error)
    {
        if (kind?.Trim().ToLowerInvariant() is not (null or "" or "sqlite" or "postgres" or "postgresql" or "memory"))
        {
            store = StoreSettings.Memory;
            error = $"--store must be sqlite or postgres, not '{kind}'";
            return false;
        }
        if (!StoreSettings.TryParse(kind, connection, out store, out error))
        {
            return false;
        }
        switch (store.Kind)
        {
            case StoreKind.Memory:
                error = "--store memory keeps nothing between runs, so there is nothing to verify; use sqlite or postgres";
                return false;
            case StoreKind.Sqlite:
                var builder = new SqliteConnectionStringBuilder(store.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                {
                    error = "--connection must name a SQLite file: an in-memory SQLite database holds nothing to verify";
                    return false;
                }
                if (Directory.Exists(builder.DataSource))
                {
                    error = $"the SQLite store '{builder.DataSource}' is a folder, not a file";
                    return false;
                }
                if (!File.Exists(builder.DataSource))
                {
                    error = $"the SQLite file '{builder.DataSource}' does not exist: nothing to verify (verify never creates a store; give the file simulate wrote with --connection)";
                    return false;
                }
                if (NoJournalIn(builder.DataSource) is { } why)
                {
                    error = $"the SQLite file '{builder.DataSource}' {why}: nothing to verify (the file was left as it was)";
                    return false;
                }
                builder.Mode = SqliteOpenMode.ReadWrite;
                store = store with { ConnectionString = builder.ConnectionString };
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// Why the file holds no journal to verify (not a database, or no journal table), or null when it has one. Read
    /// only, before the actor system starts: the SQL journal would otherwise turn a stray file into a database.
    /// </summary>
    private static string? NoJournalIn(string file)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0 ? "has no journal table" : null;
        }
        catch (SqliteException e)
        {
            return $"cannot be read as a SQLite database ({e.Message})";
        }
    }
}
