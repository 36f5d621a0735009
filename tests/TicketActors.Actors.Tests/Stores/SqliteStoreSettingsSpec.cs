using Microsoft.Data.Sqlite;
using TicketActors.Actors.Hosting;

namespace TicketActors.Actors.Tests.Stores;

/// <summary>
/// CASES C16, the config check: the journal and the snapshot store share one SQLite file, which is only safe in WAL
/// mode with a busy timeout. <see cref="StoreSettings.Prepare"/> makes it so, and refuses a store that cannot be.
/// </summary>
public sealed class SqliteStoreSettingsSpec : IDisposable
{
    private readonly SqliteFile _file = new();

    [Fact]
    public void Prepare_switches_a_new_file_to_WAL_and_keeps_a_busy_timeout()
    {
        var store = StoreSettings.Sqlite(_file.FilePath);

        store.Prepare();

        Assert.Equal("wal", _file.Scalar("PRAGMA journal_mode"));
        Assert.True(new SqliteConnectionStringBuilder(store.ConnectionString).DefaultTimeout > 0);
    }

    [Fact]
    public void Prepare_creates_the_folder_of_the_file()
    {
        var path = Path.Combine(Path.GetDirectoryName(_file.FilePath)!, "nested", "deeper", "tickets.db");

        StoreSettings.Sqlite(path).Prepare();

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void The_journal_and_the_snapshot_store_use_the_prepared_file()
    {
        var store = StoreSettings.Sqlite(_file.FilePath);
        var config = TicketActorsSystem.Configuration(store: store);

        Assert.Equal(store.ConnectionString, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(store.ConnectionString, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData(":memory:")]
    [InlineData("Data Source=tickets;Mode=Memory")]
    public void Prepare_refuses_an_in_memory_database(string connection)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => StoreSettings.Sqlite(connection).Prepare());

        Assert.Equal("the SQLite store needs a file: each connection to ':memory:' sees its own empty database", refused.Message);
    }

    [Fact]
    public void Prepare_refuses_a_shared_cache_in_memory_uri_because_it_cannot_be_in_WAL_mode()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            StoreSettings.Sqlite("Data Source=file:tickets-c16?mode=memory&cache=shared").Prepare());

        Assert.Contains("must be in WAL mode with a busy timeout (it is 'memory'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_refuses_a_connection_string_without_a_busy_timeout()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            StoreSettings.Sqlite($"Data Source={_file.FilePath};Default Timeout=0").Prepare());

        Assert.Equal($"the SQLite file {_file.FilePath} must be in WAL mode with a busy timeout (it is 'wal', timeout 0 s): the journal and the snapshot store share it",
            refused.Message);
    }

    [Fact]
    public void Creating_the_actor_system_on_an_in_memory_SQLite_database_fails_before_the_system_starts()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TicketActorsSystem.Create("refused", store: StoreSettings.Sqlite("Data Source=:memory:")));

        Assert.Contains(":memory:", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _file.Dispose();
}
