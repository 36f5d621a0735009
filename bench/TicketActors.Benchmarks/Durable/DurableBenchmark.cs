using Microsoft.Data.Sqlite;
using Serilog;
using Serilog.Events;
using TicketActors.Actors.Hosting;
using TicketActors.Testing;

namespace TicketActors.Benchmarks.Durable;

/// <summary>
/// The durable benchmark of issue 3: every store and buyer count in one run, the row-lock baseline next to the
/// actor design, a correctness check after each run, then the recovery time of a big event; prints the table and
/// writes durable.md and durable.json.
/// </summary>
public static class DurableBenchmark
{
    public static async Task<int> RunAsync(DurableOptions options, IReadOnlyList<string> args, CancellationToken cancellation)
    {
        // Akka logs through Serilog: warnings and errors only, on stderr, so the tables stay readable.
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Console(outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        var context = RunContext.Capture(options, args);
        Console.WriteLine($"durable benchmark: buyers {string.Join(", ", options.Buyers)}; stores {string.Join(", ", options.Stores)}; " +
            $"{options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s measured per run; {context.Machine}");
        if (options.Stores.Contains("postgres") && !ThrowawayPostgres.IsInstalled)
        {
            Console.Error.WriteLine($"error: PostgreSQL 15 is not installed ({ThrowawayPostgres.BinFolder}); on Debian: apt-get install -y postgresql-15, or run with --stores sqlite");
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("ticketactors-bench-").FullName;
        var rows = new List<BenchmarkRow>();
        RecoveryResult? recovery = null;
        string? recoveryError = null;
        try
        {
            if (options.Stores.Contains("postgres"))
            {
                Console.WriteLine("starting a throwaway PostgreSQL 15 (fsync on) ...");
                await using var postgres = await ThrowawayPostgres.StartAsync();
                foreach (var buyers in options.Buyers)
                {
                    var baselineDb = $"baseline_{buyers}";
                    await postgres.CreateDatabaseAsync(baselineDb);
                    rows.Add(Show(await Guarded("postgres", RowLockBaseline.Design, buyers,
                        () => RowLockBaseline.RunAsync(postgres.ConnectionString(baselineDb), buyers, options, cancellation))));
                    var actorDb = $"actor_{buyers}";
                    await postgres.CreateDatabaseAsync(actorDb);
                    rows.Add(Show(await Guarded("postgres", BenchmarkRow.ActorDesign, buyers,
                        () => ActorPurchases.RunAsync(StoreSettings.Postgres(postgres.ConnectionString(actorDb)), "postgres", buyers, options, cancellation))));
                }
            }
            if (options.Stores.Contains("sqlite"))
            {
                foreach (var buyers in options.Buyers)
                {
                    var store = StoreSettings.Sqlite(Path.Combine(folder, $"hot-{buyers}.db"));
                    rows.Add(Show(await Guarded("sqlite", BenchmarkRow.ActorDesign, buyers,
                        () => ActorPurchases.RunAsync(store, "sqlite", buyers, options, cancellation))));
                }
            }
            if (options.RecoveryTickets > 0)
            {
                Console.WriteLine($"recovery: selling {options.RecoveryTickets:N0} tickets on SQLite ({options.RecoveryBuyers:N0} buyers, " +
                    $"{options.RecoveryQuantity} per purchase, at most {options.RecoveryBudget.TotalSeconds:N0} s) ...");
                try
                {
                    recovery = await RecoveryBenchmark.RunAsync(folder, options, Console.Out, cancellation);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    recoveryError = $"{e.GetType().Name}: {e.Message}";
                    Console.Error.WriteLine($"error: the recovery measurement failed: {recoveryError}");
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                Console.Error.WriteLine($"warning: could not delete {folder}");
            }
            await Log.CloseAndFlushAsync();
        }

        var report = new DurableReport(context, rows, recovery, recoveryError);
        var markdown = report.ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutFolder);
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "durable.md"), markdown, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(options.OutFolder, "durable.json"), report.ToJson(), CancellationToken.None);
        Console.WriteLine($"written: {Path.Combine(options.OutFolder, "durable.md")}, {Path.Combine(options.OutFolder, "durable.json")}");
        return report.AllCorrect ? 0 : 1;
    }

    /// <summary>A run that throws still gets its row (not correct, with the error), and the others still run.</summary>
    private static async Task<BenchmarkRow> Guarded(string store, string design, int buyers, Func<Task<BenchmarkRow>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var empty = new LoadResult(buyers, TimeSpan.FromSeconds(1), 0, [], 0, new Dictionary<string, long>());
            return new BenchmarkRow(store, design, buyers, empty, false, $"the run failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static BenchmarkRow Show(BenchmarkRow row)
    {
        var failures = row.Load.TotalFailures > 0 ? $"; failed: {ActorPurchases.FormatFailures(row.Load.Failures)}" : "";
        failures += row.Load.Retries > 0 ? $"; {row.Load.Retries:N0} retries" : "";
        Console.WriteLine($"  {row.Store,-8} {row.Design,-20} {row.Buyers,5} buyers: {row.Load.PurchasesPerSecond,9:N0} purchases/s, " +
            $"p50 {row.Load.P50Ms:0.00} ms, p99 {row.Load.P99Ms:0.00} ms; {(row.Correct ? "correct" : "NOT CORRECT")}: {row.Check}{failures}");
        return row;
    }
}
