using System.CommandLine;
using TicketActors.Actors.Hosting;

namespace TicketActors.Cli.Verify;

/// <summary><c>ticketactors verify</c>: replays every box office journal of a store and checks the guarantees.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "The store to check: sqlite (default) or postgres" };
        var connection = new Option<string?>("--connection") { Description = $"SQLite file or connection string (default {StoreSettings.DefaultSqliteFile}); PostgreSQL connection string" };

        var command = new Command("verify", "Replay every event's journal from the store and check the invariants (nothing oversold, no ticket issued twice, snapshots true to the journal)")
        {
            store, connection,
        };
        command.SetAction((parsed, cancellation) =>
        {
            if (!VerifyOptions.TryParse(parsed.GetValue(store), parsed.GetValue(connection), out var settings, out var error))
            {
                return Task.FromResult(BadOptions.Refuse(command.Name, [error]));
            }
            return VerifyRunner.RunAsync(settings, cancellation);
        });
        return command;
    }
}
