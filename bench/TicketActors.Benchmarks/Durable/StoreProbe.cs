using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TicketActors.Actors.Hosting;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// Reads the Akka.Persistence.Sql tables directly (default table mapping: <c>journal</c>, <c>snapshot</c>), so the
/// checks see what is stored, not only what the actor says.
/// </summary>
public static class StoreProbe
{
    /// <summary>Journal entries (rows) of one persistence id (the box office never deletes them).</summary>
    public static Task<long> JournalEntriesAsync(StoreSettings store, string persistenceId) =>
        ScalarAsync(store, "SELECT count(*) FROM journal WHERE persistence_id = @id", persistenceId);

    /// <summary>
    /// Box office events of one persistence id in the entries up to <paramref name="upToSequenceNr"/>: a group
    /// commit's <c>event-batch/1</c> entry is a JSON array of events, counted by the database's JSON functions.
    /// </summary>
    public static Task<long> JournalEventsAsync(StoreSettings store, string persistenceId, long upToSequenceNr = long.MaxValue) =>
        ScalarAsync(store, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT coalesce(sum(CASE WHEN manifest = 'event-batch/1' THEN {(store.Kind == StoreKind.Sqlite
                ? "json_array_length(CAST(message AS TEXT))"
                : "json_array_length(convert_from(message, 'UTF8')::json)")} ELSE 1 END), 0) " +
            $"FROM journal WHERE persistence_id = @id AND sequence_number <= {upToSequenceNr}"), persistenceId);

    /// <summary>The highest sequence number with a snapshot, or 0.</summary>
    public static Task<long> LatestSnapshotAsync(StoreSettings store, string persistenceId) =>
        ScalarAsync(store, "SELECT coalesce(max(sequence_number), 0) FROM snapshot WHERE persistence_id = @id", persistenceId);

    /// <summary>Bytes of the latest snapshot, or 0.</summary>
    public static Task<long> LatestSnapshotBytesAsync(StoreSettings store, string persistenceId) =>
        ScalarAsync(store, store.Kind == StoreKind.Sqlite
            ? "SELECT coalesce(max(length(snapshot)), 0) FROM snapshot WHERE persistence_id = @id"
            : "SELECT coalesce(max(octet_length(snapshot)), 0) FROM snapshot WHERE persistence_id = @id", persistenceId);

    public static Task<long> DeleteSnapshotsAsync(StoreSettings store, string persistenceId) =>
        ExecuteAsync(store, "DELETE FROM snapshot WHERE persistence_id = @id", persistenceId);

    private static Task<long> ScalarAsync(StoreSettings store, string sql, string persistenceId) =>
        RunAsync(store, sql, persistenceId, async command =>
            Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

    private static Task<long> ExecuteAsync(StoreSettings store, string sql, string persistenceId) =>
        RunAsync(store, sql, persistenceId, async command => await command.ExecuteNonQueryAsync());

    /// <summary>Opens a connection to the store, prepares <paramref name="sql"/> with <c>@id</c> bound, and runs it.</summary>
    private static async Task<long> RunAsync(StoreSettings store, string sql, string persistenceId, Func<DbCommand, Task<long>> run)
    {
        await using DbConnection connection = store.Kind switch
        {
            StoreKind.Sqlite => new SqliteConnection(store.ConnectionString),
            StoreKind.Postgres => new NpgsqlConnection(store.ConnectionString),
            _ => throw new InvalidOperationException($"the {store.Kind} store has no tables"),
        };
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var id = command.CreateParameter();
        id.ParameterName = store.Kind == StoreKind.Sqlite ? "@id" : "id";
        id.Value = persistenceId;
        command.Parameters.Add(id);
        return await run(command);
    }
}
