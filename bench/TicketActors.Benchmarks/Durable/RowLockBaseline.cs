using System.Buffers.Text;
using System.Security.Cryptography;
using Npgsql;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// The usual web-app way, as the issue defines it: every purchase is one PostgreSQL transaction that takes the hot
/// inventory row's lock (<c>UPDATE inventory SET available = available - n WHERE id = $1 AND available >= n</c>),
/// inserts the ticket (serial from a sequence, a random code, the buyer, a unique request id) and commits
/// (fsync on). Each buyer takes a connection from the pool per purchase, as a request handler does.
/// </summary>
public static class RowLockBaseline
{
    public const string Design = "row-lock baseline";
    private const int EventRow = 1;
    private const int Stock = 10_000_000;

    private const string Schema = """
        DROP TABLE IF EXISTS tickets;
        DROP TABLE IF EXISTS inventory;
        DROP SEQUENCE IF EXISTS ticket_serial;
        CREATE TABLE inventory (id integer PRIMARY KEY, available integer NOT NULL CHECK (available >= 0));
        CREATE SEQUENCE ticket_serial;
        CREATE TABLE tickets (
          serial bigint PRIMARY KEY DEFAULT nextval('ticket_serial'),
          code text NOT NULL UNIQUE,
          event_id integer NOT NULL,
          buyer_id text NOT NULL,
          request_id text NOT NULL UNIQUE,
          issued_at timestamptz NOT NULL DEFAULT now());
        """;

    public static async Task<BenchmarkRow> RunAsync(string connectionString, int buyers, DurableOptions options, CancellationToken cancellation)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand(Schema + $"INSERT INTO inventory VALUES ({EventRow}, {Stock});"))
        {
            await setup.ExecuteNonQueryAsync(cancellation);
        }
        var poolSize = new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;

        var run = Guid.NewGuid().ToString("N")[..8];
        var load = await LoadGenerator.RunAsync(buyers, options.WarmUp, options.Duration,
            async (buyer, number) => new PurchaseOutcome(await PurchaseAsync(dataSource, $"buyer-{buyer}", $"{run}-{buyer}-{number}", 1, cancellation)), cancellation);

        // The checks: the stock went down by exactly the committed purchases, one ticket each, no serial or code twice.
        await using var check = dataSource.CreateCommand("""
            SELECT (SELECT available FROM inventory WHERE id = 1), count(*), count(DISTINCT serial), count(DISTINCT code) FROM tickets
            """);
        await using var reader = await check.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var available = reader.GetInt32(0);
        var tickets = reader.GetInt64(1);
        var serials = reader.GetInt64(2);
        var codes = reader.GetInt64(3);
        var problems = new List<string>();
        if (Stock - available != load.TotalSuccesses)
        {
            problems.Add($"inventory went down by {Stock - available:N0} for {load.TotalSuccesses:N0} commits");
        }
        if (tickets != load.TotalSuccesses)
        {
            problems.Add($"{tickets:N0} tickets for {load.TotalSuccesses:N0} commits");
        }
        if (serials != tickets || codes != tickets)
        {
            problems.Add($"{tickets - serials:N0} duplicate serials, {tickets - codes:N0} duplicate codes");
        }
        var verdict = problems.Count == 0
            ? $"inventory down by {load.TotalSuccesses:N0} = commits = tickets, serials and codes unique"
            : string.Join("; ", problems);
        var note = buyers > poolSize ? $"{buyers} buyers share a pool of {poolSize} connections" : null;
        return new BenchmarkRow("postgres", Design, buyers, load, problems.Count == 0, verdict, note);
    }

    private static async Task<string?> PurchaseAsync(NpgsqlDataSource dataSource, string buyerId, string requestId, int quantity, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var take = new NpgsqlCommand("UPDATE inventory SET available = available - $2 WHERE id = $1 AND available >= $2", connection, transaction))
        {
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = EventRow });
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = quantity });
            if (await take.ExecuteNonQueryAsync(cancellation) != 1)
            {
                await transaction.RollbackAsync(cancellation);
                return "SoldOut";
            }
        }
        await using (var issue = new NpgsqlCommand(
            "INSERT INTO tickets (code, event_id, buyer_id, request_id) VALUES ($1, $2, $3, $4) RETURNING serial", connection, transaction))
        {
            issue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NewCode() });
            issue.Parameters.Add(new NpgsqlParameter<int> { TypedValue = EventRow });
            issue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = buyerId });
            issue.Parameters.Add(new NpgsqlParameter<string> { TypedValue = requestId });
            await issue.ExecuteScalarAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return null;
    }

    /// <summary>128 random bits as 22 URL-safe characters, like the box office's ticket codes.</summary>
    private static string NewCode()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
