using System.CommandLine;

namespace TicketActors.Cli.Load;

/// <summary><c>ticketactors load</c>: drives the HTTP service with many concurrent buyers, then checks it sold correctly.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Address of the service, e.g. http://127.0.0.1:5080" };
        var eventId = new Option<string?>("--event", "-e") { Description = "The event to buy from" };
        var buyers = new Option<int>("--buyers", "-b") { CustomParser = NumberOptions.Whole, Description = "Distinct buyer ids; they take turns sending the requests", DefaultValueFactory = _ => 100 };
        var requests = new Option<int>("--requests", "-r") { CustomParser = NumberOptions.Whole, Description = "Purchase requests in all", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency", "-c") { CustomParser = NumberOptions.Whole, Description = "Requests in flight at once (workers, and connections at most)", DefaultValueFactory = _ => 64 };
        var quantity = new Option<string>("--quantity", "-q") { Description = "Tickets per request: a number (2) or a range (1-4)", DefaultValueFactory = _ => "1" };
        var category = new Option<string>("--category") { Description = "Ticket category every request buys or holds; the event must have it (with --admin-key: the name of the created event's one category)", DefaultValueFactory = _ => LoadOptions.DefaultCategory };
        var holdConfirm = new Option<bool>("--hold-confirm") { Description = "Hold the tickets first, then confirm the hold (needs the hold routes)" };
        var holdTtl = new Option<int>("--hold-ttl") { CustomParser = NumberOptions.Whole, Description = $"With --hold-confirm: whole seconds each hold lasts (1-{LoadOptions.MaxHoldTtlSeconds})", DefaultValueFactory = _ => LoadOptions.DefaultHoldTtlSeconds };
        var adminKey = new Option<string?>("--admin-key") { Description = "Organiser key: create the event first (201, or 200 when it exists with the same definition)" };
        var tickets = new Option<int?>("--tickets", "-t") { CustomParser = NumberOptions.OptionalWhole, Description = "With --admin-key: capacity of the created event's one category (default 100)" };
        var limit = new Option<int?>("--limit", "-l") { CustomParser = NumberOptions.OptionalWhole, Description = "With --admin-key: per-buyer limit (default: the most one buyer can ask for in the run, at most the capacity)" };
        var timeout = new Option<double>("--timeout") { CustomParser = NumberOptions.Seconds, Description = "Seconds an attempt waits for its answer before it is retried with the same Idempotency-Key", DefaultValueFactory = _ => 10 };
        var attempts = new Option<int>("--attempts") { CustomParser = NumberOptions.Whole, Description = "Tries per request (timeouts, refused connections, 503) before giving up", DefaultValueFactory = _ => 10 };
        var seed = new Option<int?>("--seed", "-s") { CustomParser = NumberOptions.OptionalWhole, Description = "Seed of the quantities asked for (default: random, printed in the report)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the outcome line, no table" };
        var reportJson = new Option<string?>("--report-json") { Description = "Write the run's report as JSON to this path" };
        var orders = new Option<string?>("--orders") { Description = "Write every acknowledged order to this file (JSON lines); with --check-only, the file to check" };
        var checkOnly = new Option<bool>("--check-only") { Description = "Send nothing new: re-send every order of --orders with its Idempotency-Key and check the same tickets come back" };

        var command = new Command("load", "Drive the HTTP service with many concurrent buyers, then check against the service that it sold correctly")
        {
            url, eventId, buyers, requests, concurrency, quantity, category, holdConfirm, holdTtl, adminKey, tickets, limit, timeout, attempts, seed, quiet, reportJson, orders, checkOnly,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var options = new LoadOptions(
                parsed.GetValue(url), parsed.GetValue(eventId), parsed.GetValue(buyers), parsed.GetValue(requests), parsed.GetValue(concurrency),
                parsed.GetValue(quantity) ?? "1", parsed.GetValue(category) ?? LoadOptions.DefaultCategory, parsed.GetValue(holdConfirm),
                parsed.GetValue(holdTtl), parsed.GetValue(adminKey), parsed.GetValue(tickets), parsed.GetValue(limit),
                parsed.GetValue(timeout), parsed.GetValue(attempts), parsed.GetValue(seed), parsed.GetValue(quiet), parsed.GetValue(reportJson),
                parsed.GetValue(orders), parsed.GetValue(checkOnly));
            var plan = options.ToPlan(out var errors);
            if (errors.Count > 0)
            {
                return Task.FromResult(BadOptions.Refuse(command.Name, errors));
            }
            return LoadRunner.RunAsync(plan, cancellation);
        });
        return command;
    }
}
