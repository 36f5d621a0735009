using System.CommandLine;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Simulation;

namespace TicketActors.Cli.Simulate;

/// <summary><c>ticketactors simulate</c>: many user actors buy from one box office; the main job of the project.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users", "-u") { CustomParser = NumberOptions.Whole, Description = "Number of simulated buyers (user actors)", DefaultValueFactory = _ => 1000 };
        var tickets = new Option<int?>("--tickets", "-t") { CustomParser = NumberOptions.OptionalWhole, Description = "Tickets for sale (capacity of the single 'general' category; default 100)" };
        var quantity = new Option<string>("--quantity", "-q") { Description = "Tickets each user asks for: a number (2) or a range (1-4)", DefaultValueFactory = _ => "1" };
        var categories = new Option<string?>("--categories", "-c") { Description = "Categories as name:capacity[:price-in-cents], e.g. general:900,vip:100" };
        var limit = new Option<string?>("--limit", "-l") { Description = "Per-buyer limit: a number for every category (4), or per category (4,vip:2 or vip:2); default the largest quantity, never above a category's capacity" };
        var seed = new Option<int?>("--seed", "-s") { CustomParser = NumberOptions.OptionalWhole, Description = "Seed of the users' choices (category, quantity), to repeat what they ask for (default: random, printed in the report)" };
        var eventId = new Option<string?>("--event", "-e") { Description = "Event id (default: a fresh flash-sale-<run> id)" };
        var timeout = new Option<double>("--timeout") { CustomParser = NumberOptions.Seconds, Description = "Seconds a user waits for a reply before retrying with the same request id", DefaultValueFactory = _ => 10 };
        var attempts = new Option<int>("--attempts") { CustomParser = NumberOptions.Whole, Description = "Tries per user before giving up", DefaultValueFactory = _ => 3 };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print one line per step, however many users (default for 50 users or fewer)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the outcome line: no steps, no progress bar, no table" };
        var reportJson = new Option<string?>("--report-json") { Description = "Write the run's report as JSON to this path" };
        var store = new Option<string?>("--store") { Description = "Where sales are stored: sqlite (default), postgres or memory" };
        var connection = new Option<string?>("--connection") { Description = $"SQLite file or connection string (default {StoreSettings.DefaultSqliteFile}); PostgreSQL connection string" };

        var activeUsers = new Option<int>("--active-users") { CustomParser = NumberOptions.Whole, Description = "Users at the counter at once; the others wait their turn, as in a flash sale's waiting room", DefaultValueFactory = _ => SimulationPlan.DefaultActiveUsers };
        var holdConfirm = new Option<bool>("--hold-confirm") { Description = "Users hold their tickets, think, then confirm, or walk away and let the hold expire" };
        var holdTtl = new Option<double>("--hold-ttl") { CustomParser = NumberOptions.Seconds, Description = "With --hold-confirm: seconds a hold lasts before the box office expires it", DefaultValueFactory = _ => 2 };
        var think = new Option<string>("--think") { Description = "With --hold-confirm: seconds a user thinks before confirming, a number or a range (0-3)", DefaultValueFactory = _ => "0-3" };
        var abandon = new Option<double>("--abandon") { CustomParser = NumberOptions.Seconds, Description = "With --hold-confirm: percentage of users who walk away from their hold", DefaultValueFactory = _ => 10 };

        var command = new Command("simulate", "Sell one event's tickets to many concurrent user actors and check the invariants")
        {
            users, tickets, quantity, categories, limit, seed, eventId, timeout, attempts, verbose, quiet, reportJson, store, connection,
            activeUsers, holdConfirm, holdTtl, think, abandon,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var options = new SimulateOptions(
                parsed.GetValue(users), parsed.GetValue(tickets), parsed.GetValue(quantity) ?? "1",
                parsed.GetValue(categories), parsed.GetValue(limit), parsed.GetValue(seed), parsed.GetValue(eventId),
                parsed.GetValue(timeout), parsed.GetValue(attempts), parsed.GetValue(verbose), parsed.GetValue(quiet),
                parsed.GetValue(reportJson), parsed.GetValue(store), parsed.GetValue(connection),
                parsed.GetValue(holdConfirm), parsed.GetValue(holdTtl), parsed.GetValue(think) ?? "0-3", parsed.GetValue(abandon),
                parsed.GetValue(activeUsers))
            {
                HoldOptionsGiven = [.. new Option[] { holdTtl, think, abandon }
                    .Where(option => parsed.GetResult(option) is { Implicit: false })
                    .Select(option => option.Name)],
            };
            var settings = options.ToSettings(out var errors);
            if (errors.Count > 0)
            {
                return Task.FromResult(BadOptions.Refuse(command.Name, errors));
            }
            return SimulationRunner.RunAsync(settings, cancellation);
        });
        return command;
    }
}
