using Akka.Actor;
using Microsoft.Data.Sqlite;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Domain.BoxOffice;
using TicketActors.Domain.Tickets;

namespace TicketActors.Actors.Tests.Serialization;

/// <summary>
/// A SQLite journal written by the v1 serializer (Fixtures/journal-v1.db) must recover after any later change of the
/// C# types: the stored form is the manifest and the JSON, never a CLR type name. The fixture was made once by a
/// throwaway program with <c>TicketActorsSystem.Create(store: StoreSettings.Sqlite(path))</c> and
/// <c>BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(config))</c>:
/// <list type="bullet">
/// <item><c>golden</c> (general 10, limit 4, 25.00 EUR; vip 4, limit 2, 99.00 EUR): r-1 ann 2 general, r-2 bob 1 vip,
/// r-3 cid 1 general, r-4 ann 2 vip, then r-5 dan 2 vip refused (1 vip left). Events only, no snapshot.</item>
/// <item><c>golden-snap</c> (same categories), run with <c>snapshot-every = 3</c>: s-1 eve 3 general, s-2 fay 2 vip,
/// s-3 gus 1 general, s-4 eve 1 vip. A snapshot at sequence number 3, then two events.</item>
/// </list>
/// The system was terminated cleanly, the WAL checkpointed into the file and the file set to <c>journal_mode=DELETE</c>,
/// so the .db alone holds everything. Specs copy it to a temporary folder and never open the committed file for writing.
/// </summary>
public sealed class JournalV1FixtureSpec : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly RecordedOrder[] Golden =
    [
        new("r-1", "ann", "general", 1, At("2026-12-03T17:05:12.4369924+00:00"), [(1, "x8Sj7UubL7WFAIgqVa_54g"), (2, "081iz31xr5dp4KgEkwMtFw")]),
        new("r-2", "bob", "vip", 2, At("2026-12-03T17:05:12.5927216+00:00"), [(3, "LdCrE50JpKcN4vWLgTTkKQ")]),
        new("r-3", "cid", "general", 3, At("2026-12-03T17:05:12.6045618+00:00"), [(4, "NLd7VdFyFTWBqt8_efMpCg")]),
        new("r-4", "ann", "vip", 4, At("2026-12-03T17:05:12.6132776+00:00"), [(5, "hOyfBch00yVLCoK_3ntziQ"), (6, "dcQyQbGOLxUcJST6if9gBA")]),
    ];

    private static readonly RecordedOrder[] GoldenSnap =
    [
        new("s-1", "eve", "general", 1, At("2026-12-03T17:05:13.8593829+00:00"),
            [(1, "jYa6Yfli0HHBnnl0Ul2WSA"), (2, "DferxwK0iYd6-4WwRuuP-g"), (3, "VC0B71w8p6wyXFrEYhbItA")]),
        new("s-2", "fay", "vip", 2, At("2026-12-03T17:05:13.8651473+00:00"), [(4, "KReAYL_ebB7IRsWGPO1YeA"), (5, "Lies9tpH5gPMMAPdSp7yFg")]),
        new("s-3", "gus", "general", 3, At("2026-12-03T17:05:13.9304937+00:00"), [(6, "Et4heXMpNucwGwdOwvTCjQ")]),
        new("s-4", "eve", "vip", 4, At("2026-12-03T17:05:13.9453041+00:00"), [(7, "qQG59VqCx_SWhZ72lSMprQ")]),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ticketactors-journal-v1-{Guid.NewGuid():N}");
    private string _database = "";
    private ActorSystem? _system;
    private IActorRef _registry = ActorRefs.Nobody;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = Path.Combine(_folder, "journal-v1.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-v1.db"), _database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_fixture_needs_no_WAL_file_and_stores_the_stable_manifests_under_serializer_4711()
    {
        Assert.Equal(["journal-v1.db"], Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "journal-v1.db*").Select(Path.GetFileName));
        Assert.Equal([("delete", 0L, "", 0L)], Rows("SELECT journal_mode, 0, '', 0 FROM pragma_journal_mode"));

        Assert.Equal(
        [
            ("box-office-golden", 1L, "event-created/1", 4711L),
            ("box-office-golden", 2L, "tickets-issued/1", 4711L),
            ("box-office-golden", 3L, "tickets-issued/1", 4711L),
            ("box-office-golden", 4L, "tickets-issued/1", 4711L),
            ("box-office-golden", 5L, "tickets-issued/1", 4711L),
            ("box-office-golden-snap", 1L, "event-created/1", 4711L),
            ("box-office-golden-snap", 2L, "tickets-issued/1", 4711L),
            ("box-office-golden-snap", 3L, "tickets-issued/1", 4711L),
            ("box-office-golden-snap", 4L, "tickets-issued/1", 4711L),
            ("box-office-golden-snap", 5L, "tickets-issued/1", 4711L),
        ], JournalRows());
        Assert.Equal([("box-office-golden-snap", 3L, "box-office-snapshot/1", 4711L)],
            Rows("SELECT persistence_id, sequence_number, manifest, serializer_id FROM snapshot ORDER BY persistence_id, sequence_number"));
    }

    [Fact]
    public async Task A_journal_written_with_the_v1_manifests_recovers_its_availability_and_every_order_by_request_id()
    {
        StartSystem();

        Assert.Equal([new("general", 10, 3, 0, 7), new CategoryAvailability("vip", 4, 3, 0, 1)], (await AvailabilityOf("golden")).Categories.ToArray());
        foreach (var recorded in Golden)
        {
            var replay = Assert.IsType<Purchased>(await Send(recorded.Repeat("golden")));
            recorded.AssertSameAs(replay.Order);
        }
        Assert.Equal([new("general", 10, 3, 0, 7), new CategoryAvailability("vip", 4, 3, 0, 1)], (await AvailabilityOf("golden")).Categories.ToArray());
        Assert.Equal(10, JournalRows().Count);
    }

    [Fact]
    public async Task A_v1_snapshot_and_the_events_after_it_recover_the_same_state()
    {
        StartSystem();

        Assert.Equal([new("general", 10, 4, 0, 6), new CategoryAvailability("vip", 4, 3, 0, 1)], (await AvailabilityOf("golden-snap")).Categories.ToArray());
        foreach (var recorded in GoldenSnap)
        {
            var replay = Assert.IsType<Purchased>(await Send(recorded.Repeat("golden-snap")));
            recorded.AssertSameAs(replay.Order);
        }
        // eve holds 3 of 4 general tickets (s-1, in the snapshot) and 1 of 2 vip (s-4, after it).
        Assert.Equal(RejectionReason.LimitExceeded, Assert.IsType<Rejected>(await Send(new Purchase("golden-snap", "s-5", "eve", "general", 2))).Reason);
        var next = Assert.IsType<Purchased>(await Send(new Purchase("golden-snap", "s-6", "eve", "vip", 1)));
        Assert.Equal((5, 8), (next.Order.Number, next.Order.Tickets.Single().Serial));
    }

    [Fact]
    public async Task A_recovered_v1_journal_keeps_selling_from_the_next_serial_and_writes_v1_again()
    {
        StartSystem();

        var soldOut = Assert.IsType<Rejected>(await Send(new Purchase("golden", "r-5", "dan", "vip", 2)));
        var limit = Assert.IsType<Rejected>(await Send(new Purchase("golden", "r-6", "ann", "vip", 1)));
        var next = Assert.IsType<Purchased>(await Send(new Purchase("golden", "r-7", "eve", "general", 2)));

        Assert.Equal((RejectionReason.InsufficientTickets, 1), (soldOut.Reason, soldOut.Available));
        Assert.Equal(RejectionReason.LimitExceeded, limit.Reason);
        Assert.Equal(5, next.Order.Number);
        Assert.Equal([7, 8], next.Order.Tickets.Select(t => t.Serial));
        Assert.DoesNotContain(next.Order.Tickets, t => Golden.SelectMany(o => o.Tickets).Any(old => old.Code == t.Code));
        Assert.Equal([new("general", 10, 5, 0, 5), new CategoryAvailability("vip", 4, 3, 0, 1)], (await AvailabilityOf("golden")).Categories.ToArray());
        Assert.Equal(("box-office-golden", 6L, "tickets-issued/1", 4711L), JournalRows()[5]);
    }

    private void StartSystem()
    {
        _system = TicketActorsSystem.Create("journal-v1", store: StoreSettings.Sqlite(_database));
        _registry = _system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(_system.Settings.Config)), BoxOfficeRegistry.Name);
    }

    private Task<IBoxOfficeReply> Send(IBoxOfficeCommand command) => _registry.Ask<IBoxOfficeReply>(command, Patience);

    private async Task<Availability> AvailabilityOf(string eventId) => Assert.IsType<Availability>(await Send(new GetAvailability(eventId)));

    private List<(string, long, string, long)> JournalRows() =>
        Rows("SELECT persistence_id, sequence_number, manifest, identifier FROM journal ORDER BY persistence_id, sequence_number");

    private List<(string, long, string, long)> Rows(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return rows;
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record RecordedOrder(string RequestId, string BuyerId, string Category, int Number, DateTimeOffset IssuedAt, (int Serial, string Code)[] Tickets)
    {
        public Purchase Repeat(string eventId) => new(eventId, RequestId, BuyerId, Category, Tickets.Length);

        public void AssertSameAs(Order order)
        {
            Assert.Equal((Number, RequestId, BuyerId, Category, IssuedAt), (order.Number, order.RequestId, order.BuyerId, order.Category, order.IssuedAt));
            Assert.Equal(Tickets.Select(t => new Ticket(t.Serial, t.Code, Category)), order.Tickets);
        }
    }
}
