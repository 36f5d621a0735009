using Akka.Actor;
using Akka.Configuration;
using Serilog;
using Spectre.Console;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Verification;
using TicketActors.Cli.Logging;

namespace TicketActors.Cli.Verify;

/// <summary>Starts an actor system on the store (no box office), verifies every journal and prints the report.</summary>
public static class VerifyRunner
{
    /// <summary>
    /// Verify reads: the journal and snapshot tables are not created where they are missing, so a database that
    /// never held a journal is reported as such instead of being changed.
    /// </summary>
    private static readonly Config ReadOnlyStore = ConfigurationFactory.ParseString($"""
        akka.loglevel = {ConsoleLogging.AkkaLogLevel(false)}
        akka.persistence.journal.sql.auto-initialize = off
        akka.persistence.snapshot-store.sql.auto-initialize = off
        """);

    public static async Task<int> RunAsync(StoreSettings store, CancellationToken cancellation)
    {
        ConsoleLogging.Configure(narrate: false);
        ActorSystem system;
        try
        {
            system = TicketActorsSystem.Create(overrides: ReadOnlyStore, store: store);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"error: the store {store} cannot be used: {e.Message}");
            await Log.CloseAndFlushAsync();
            return ExitCodes.InvariantsFailed;
        }

        VerificationReport report;
        try
        {
            report = await new JournalVerifier(system).VerifyAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine(cancellation.IsCancellationRequested
                ? "error: verify was cancelled"
                : $"error: the journals of {store} could not be read: {e.GetBaseException().Message}");
            return ExitCodes.InvariantsFailed;
        }
        finally
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            await Log.CloseAndFlushAsync();
        }

        Console.WriteLine($"store: {store}");
        if (report.Events.Count == 0)
        {
            Console.WriteLine("no box office journal in the store");
        }
        else
        {
            if (Console.IsOutputRedirected)
            {
                // Piped into a file or a CI log there is no terminal width to respect: keep each row on one line.
                AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            }
            AnsiConsole.Write(VerificationTable.Render(report));
            foreach (var failed in report.Events.Where(e => !e.Ok))
            {
                foreach (var violation in failed.Violations)
                {
                    Console.WriteLine($"violation in {failed.EventId}: {violation}");
                }
            }
        }
        Console.WriteLine(VerificationTable.OneLine(report));
        return report.AllHold ? ExitCodes.Ok : ExitCodes.InvariantsFailed;
    }
}
