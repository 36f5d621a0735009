using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;

namespace TicketActors.Cli.Load;

/// <summary>
/// Drives the service with <c>--concurrency</c> workers sending <c>--requests</c> purchases (or holds and confirms) of <c>--category</c>,
/// then checks what the service says against what the buyers were told, prints and writes the report.
/// </summary>
public static class LoadRunner
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private const int OrdersToReadBack = 1000;

    public static async Task<int> RunAsync(LoadPlan plan, CancellationToken cancellation)
    {
        using var http = new TicketsHttp(plan.Url, plan.Concurrency, plan.Timeout, plan.Attempts);
        if (plan.AdminKey is { } adminKey && !plan.CheckOnly && !await CreateEventAsync(http, plan, adminKey, cancellation))
        {
            return ExitCodes.InvariantsFailed;
        }
        var before = await AvailabilityAsync(http, plan, cancellation);
        if (before is null)
        {
            return ExitCodes.InvariantsFailed;
        }
        if (InCategory(before, plan.Category) is not { } stockBefore)
        {
            Console.Error.WriteLine($"error: --category: event {plan.EventId} has no category '{plan.Category}'; its categories are " +
                $"{string.Join(", ", before.Categories.Select(c => c.Category))}");
            return ExitCodes.BadOptions;
        }
        if (!plan.Quiet)
        {
            Console.WriteLine($"{(plan.CheckOnly ? "checking the orders of" : "load on")} {plan.Url} event {plan.EventId}, category {plan.Category}: " +
                $"{stockBefore.Sold} of {stockBefore.Capacity} sold before the run, run id {plan.RunId}, seed {plan.Seed}");
        }

        IReadOnlyList<AcknowledgedOrder>? acknowledged = null;
        if (plan.CheckOnly && (acknowledged = await ReadOrdersAsync(plan, cancellation)) is null)
        {
            // An orders file of another event or category, or not an orders file: nothing was sent.
            return ExitCodes.BadOptions;
        }
        LoadReport? report;
        try
        {
            report = acknowledged is not null
                ? await CheckOnlyAsync(http, plan, acknowledged, stockBefore, cancellation)
                : await LoadAsync(http, plan, stockBefore, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("error: the run was cancelled");
            return ExitCodes.InvariantsFailed;
        }
        if (report is null)
        {
            return ExitCodes.InvariantsFailed;
        }

        var written = true;
        if (plan.ReportJson is { } path)
        {
            try
            {
                await ReportFiles.WriteAsync(path, JsonSerializer.Serialize(report, ReportJson) + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: --report-json: the report could not be written to '{path}': {e.Message}");
                written = false;
            }
        }
        if (plan.Quiet)
        {
            Console.WriteLine(LoadSummaryTable.OneLine(report));
        }
        else
        {
            AnsiConsole.Write(LoadSummaryTable.Render(report));
        }
        return report.Correct && written ? ExitCodes.Ok : ExitCodes.InvariantsFailed;
    }

    private static async Task<bool> CreateEventAsync(TicketsHttp http, LoadPlan plan, string adminKey, CancellationToken cancellation)
    {
        var body = new
        {
            id = plan.EventId,
            name = $"Load {plan.EventId}",
            categories = new[] { new { name = plan.Category, capacity = plan.Tickets, price = 2500, currency = "EUR", limit = plan.Limit } },
        };
        var created = await http.CreateEventAsync(adminKey, body, cancellation);
        if (created.IsSuccess)
        {
            return true;
        }
        Console.Error.WriteLine(created.Code == "event-already-exists"
            ? $"error: event {plan.EventId} exists with another definition ({TicketsHttp.Detail(created) ?? $"not one category '{plan.Category}' of {plan.Tickets} tickets, limit {plan.Limit}"}): " +
              "use another --event, or leave out --admin-key to load the existing one"
            : $"error: the event could not be created: {TicketsHttp.Describe(created)}");
        return false;
    }

    private static async Task<AvailabilityReceived?> AvailabilityAsync(TicketsHttp http, LoadPlan plan, CancellationToken cancellation)
    {
        var answer = await http.AvailabilityAsync(plan.EventId, cancellation);
        var availability = answer.Status == 200 ? TicketsHttp.Read<AvailabilityReceived>(answer) : null;
        if (availability is null)
        {
            Console.Error.WriteLine(answer.Status == 404
                ? $"error: {plan.Url} has no event {plan.EventId} ({TicketsHttp.Describe(answer)}); give --admin-key (and --tickets) to create it"
                : $"error: the availability of {plan.EventId} could not be read from {plan.Url}: {TicketsHttp.Describe(answer)}");
        }
        return availability;
    }

    /// <summary>The stock of <paramref name="category"/>, or null when the event has no such category.</summary>
    private static CategoryAvailabilityReceived? InCategory(AvailabilityReceived availability, string category) =>
        availability.Categories.FirstOrDefault(c => c.Category == category);

    /// <summary>One request of the run and what became of it.</summary>
    private sealed class RequestOutcome
    {
        public required string Key { get; init; }
        public required PurchaseBody Request { get; init; }
        public string? HoldId { get; set; }
        public HttpAnswer? Answer { get; set; }
        public OrderReceived? Order { get; set; }
        public double LatencyMs { get; set; }
        public int Retries { get; set; }
        public bool Released { get; set; }
    }

    private static async Task<LoadReport?> LoadAsync(TicketsHttp http, LoadPlan plan, CategoryAvailabilityReceived stockBefore, CancellationToken cancellation)
    {
        var random = new Random(plan.Seed);
        var outcomes = new RequestOutcome[plan.Requests];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new RequestOutcome { Key = plan.Key(i), Request = new PurchaseBody(plan.Buyer(i), plan.Category, plan.Quantity.Next(random)) };
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        string? noHoldRoutes = null;
        var next = -1;
        var answered = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(plan.Concurrency, plan.Requests)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < outcomes.Length && !stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                var outcome = outcomes[i];
                var sent = Stopwatch.GetTimestamp();
                if (plan.HoldConfirm)
                {
                    await HoldAndConfirmAsync(http, plan, outcome, stop.Token);
                    if (outcome.Answer is { Status: 404, Code: "not-found" } missing)
                    {
                        noHoldRoutes ??= TicketsHttp.Describe(missing);
                        await stop.CancelAsync();
                    }
                }
                else
                {
                    outcome.Answer = await http.PurchaseAsync(plan.EventId, outcome.Key, outcome.Request, stop.Token);
                    outcome.Retries = outcome.Answer.Retries;
                    outcome.Order = outcome.Answer.IsSuccess ? TicketsHttp.Read<OrderReceived>(outcome.Answer) : null;
                }
                outcome.LatencyMs = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                Interlocked.Increment(ref answered);
            }
        }, CancellationToken.None)).ToList();
        var run = Task.WhenAll(workers);
        try
        {
            // Progress bar only on a terminal: piped or redirected, Spectre would print it once, at 0 %.
            if (!plan.Quiet && AnsiConsole.Profile.Capabilities.Interactive)
            {
                await ShowProgress(run, () => Volatile.Read(ref answered), plan.Requests);
            }
            await run;
        }
        catch (OperationCanceledException) when (noHoldRoutes is not null && !cancellation.IsCancellationRequested)
        {
        }
        var elapsed = clock.Elapsed;
        if (noHoldRoutes is not null)
        {
            Console.Error.WriteLine($"error: the server at {plan.Url} has no hold routes: POST /events/{plan.EventId}/holds (or its confirm) answered {noHoldRoutes}. " +
                "Run without --hold-confirm against this server.");
            return null;
        }

        var violations = new List<string>();
        var acknowledged = new List<AcknowledgedOrder>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Answer is { IsSuccess: true })
            {
                if (outcome.Order is not { } order)
                {
                    violations.Add($"request {outcome.Key}: a {outcome.Answer.Status} whose body is not an order: {TicketsHttp.Describe(outcome.Answer)}");
                    continue;
                }
                acknowledged.Add(new AcknowledgedOrder(outcome.Key, outcome.Request, outcome.HoldId, order));
                if (order.EventId != plan.EventId || order.BuyerId != outcome.Request.BuyerId || order.Category != outcome.Request.Category ||
                    order.Quantity != outcome.Request.Quantity || order.Tickets.Count != outcome.Request.Quantity)
                {
                    violations.Add($"request {outcome.Key}: asked {outcome.Request.Quantity} {outcome.Request.Category} for {outcome.Request.BuyerId} of {plan.EventId}, " +
                        $"got order {order.OrderNumber} of {order.EventId}: {order.Quantity} {order.Category} for {order.BuyerId} with {order.Tickets.Count} tickets");
                }
            }
        }
        var unresolved = outcomes.Where(o => o.Answer is null || o.Answer.IsUnresolved).ToList();
        if (unresolved.Count > 0)
        {
            violations.Add($"{unresolved.Count} requests got no definite answer after {plan.Attempts} attempts " +
                $"({string.Join(", ", unresolved.GroupBy(o => o.Answer?.Outcome ?? "not sent").Select(g => $"{g.Key}: {g.Count()}"))}): " +
                "whether they sold is unknown, so sold cannot be checked against the purchases");
        }
        if (plan.Orders is { } ordersPath)
        {
            await WriteOrdersAsync(ordersPath, acknowledged, violations);
        }
        var rejected = outcomes.Where(o => o.Answer is { IsSuccess: false } && !o.Answer.IsUnresolved)
            .GroupBy(o => o.Answer!.Code ?? o.Answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());

        // Every purchase of the run is of the plan's category: its sold count alone is compared, so other categories may sell meanwhile.
        var after = await AvailabilityAsync(http, plan, cancellation);
        var stockAfter = after is null ? null : InCategory(after, plan.Category);
        var ticketsPurchased = acknowledged.Sum(o => (long)o.Order.Tickets.Count);
        if (after is null)
        {
            violations.Add("the availability could not be read after the run");
        }
        else
        {
            CheckStock(after, violations);
            if (stockAfter is null)
            {
                violations.Add($"the availability after the run has no category '{plan.Category}'");
            }
            else if (unresolved.Count == 0 && stockAfter.Sold - stockBefore.Sold != ticketsPurchased)
            {
                violations.Add($"the service sold {stockAfter.Sold - stockBefore.Sold} tickets during the run ({stockBefore.Sold} before, {stockAfter.Sold} after) in category {plan.Category}, " +
                    $"but the buyers were told of {ticketsPurchased} (assumes nobody else bought {plan.Category} tickets of {plan.EventId} meanwhile)");
            }
        }
        var duplicates = CountDuplicates(acknowledged, violations);
        var ordersChecked = await ReadOrdersBackAsync(http, plan, acknowledged, violations, cancellation);

        var latencies = outcomes.Where(o => o.Answer is not null).Select(o => o.LatencyMs).ToList();
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        return new LoadReport(plan.Url.ToString(), plan.EventId, plan.Category, plan.HoldConfirm ? LoadReport.HoldConfirmMode : LoadReport.PurchaseMode,
            plan.RunId, plan.Seed, plan.Buyers, plan.Requests, plan.Concurrency,
            stockAfter?.Capacity ?? stockBefore.Capacity, stockBefore.Sold, stockAfter?.Sold ?? -1, stockAfter?.Held ?? -1, stockAfter?.Available ?? -1,
            acknowledged.Count, ticketsPurchased, rejected, unresolved.Count, outcomes.Sum(o => (long)o.Retries), duplicates, ordersChecked,
            violations.Count == 0, violations, (long)elapsed.TotalMilliseconds,
            Math.Round(latencies.Count / seconds, 1), Math.Round(acknowledged.Count / seconds, 1), LoadLatency.Of(latencies),
            plan.HoldConfirm
                ? new LoadHolds(plan.HoldTtlSeconds, outcomes.Count(o => o.HoldId is not null), outcomes.Count(o => o.HoldId is not null && o.Order is not null),
                    outcomes.Count(o => o.Released))
                : null);
    }

    private static async Task ShowProgress(Task run, Func<int> answered, int requests)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("requests answered", maxValue: requests);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(200)));
                    bar.Value = answered();
                }
            });
    }

    /// <summary>Hold, then confirm the hold; a hold that cannot be confirmed (it expired) is released, so nothing stays held.</summary>
    private static async Task HoldAndConfirmAsync(TicketsHttp http, LoadPlan plan, RequestOutcome outcome, CancellationToken cancellation)
    {
        var request = outcome.Request;
        var held = await http.HoldAsync(plan.EventId, outcome.Key, new HoldBody(request.BuyerId, request.Category, request.Quantity, plan.HoldTtlSeconds), cancellation);
        outcome.Retries = held.Retries;
        if (!held.IsSuccess || TicketsHttp.Read<HoldReceived>(held) is not { } hold)
        {
            outcome.Answer = held;
            return;
        }
        outcome.HoldId = hold.HoldId;
        var confirmed = await http.ConfirmAsync(plan.EventId, hold.HoldId, $"{outcome.Key}-confirm", cancellation);
        outcome.Retries += confirmed.Retries;
        outcome.Answer = confirmed;
        outcome.Order = confirmed.IsSuccess ? TicketsHttp.Read<OrderReceived>(confirmed) : null;
        if (!confirmed.IsSuccess && !confirmed.IsUnresolved)
        {
            outcome.Released = (await http.ReleaseAsync(plan.EventId, hold.HoldId, cancellation)).IsSuccess;
        }
    }

    /// <summary>
    /// The orders file of <c>--check-only</c>, or null (and the reason on stderr) when it is not one, or holds orders of
    /// another event or category: re-sent to this event their keys would be new purchases, so nothing is sent then.
    /// </summary>
    private static async Task<IReadOnlyList<AcknowledgedOrder>?> ReadOrdersAsync(LoadPlan plan, CancellationToken cancellation)
    {
        var acknowledged = new List<AcknowledgedOrder>();
        foreach (var line in await File.ReadAllLinesAsync(plan.Orders!, cancellation))
        {
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                acknowledged.Add(JsonSerializer.Deserialize<AcknowledgedOrder>(line, TicketsHttp.Json)
                    ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                Console.Error.WriteLine($"error: --orders '{plan.Orders}' holds a line that is not an order: {e.Message}");
                return null;
            }
        }
        if (acknowledged.FirstOrDefault(o => o.Order.EventId != plan.EventId) is { } otherEvent)
        {
            Console.Error.WriteLine($"error: --orders '{plan.Orders}' holds orders of event {otherEvent.Order.EventId}, not {plan.EventId}: give the run's --event");
            return null;
        }
        if (acknowledged.FirstOrDefault(o => o.Request.Category != plan.Category) is { } otherCategory)
        {
            Console.Error.WriteLine($"error: --orders '{plan.Orders}' holds orders of category {otherCategory.Request.Category}, not {plan.Category}: give the run's --category");
            return null;
        }
        return acknowledged;
    }

    /// <summary>
    /// <c>--check-only</c>: sends every acknowledged order of an earlier run again (the same Idempotency-Key and body,
    /// or the confirm of the same hold); each must come back as the same order with the same tickets, and nothing new
    /// may be sold by doing so in the run's category (the orders file must be of it).
    /// </summary>
    private static async Task<LoadReport?> CheckOnlyAsync(TicketsHttp http, LoadPlan plan, IReadOnlyList<AcknowledgedOrder> acknowledged,
        CategoryAvailabilityReceived stockBefore, CancellationToken cancellation)
    {
        var violations = new List<string>();
        var answers = new HttpAnswer[acknowledged.Count];
        var latencies = new double[acknowledged.Count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(plan.Concurrency, Math.Max(1, acknowledged.Count))).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < acknowledged.Count; i = Interlocked.Increment(ref next))
            {
                var sent = Stopwatch.GetTimestamp();
                var order = acknowledged[i];
                answers[i] = order.HoldId is { } holdId
                    ? await http.ConfirmAsync(plan.EventId, holdId, $"{order.Key}-confirm", cancellation)
                    : await http.PurchaseAsync(plan.EventId, order.Key, order.Request, cancellation);
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }, CancellationToken.None)));
        var elapsed = clock.Elapsed;

        var same = 0;
        for (var i = 0; i < acknowledged.Count; i++)
        {
            var (expected, answer) = (acknowledged[i], answers[i]);
            var again = answer.IsSuccess ? TicketsHttp.Read<OrderReceived>(answer) : null;
            if (again is null)
            {
                violations.Add($"acknowledged order {expected.Order.OrderNumber} (key {expected.Key}) is not there: re-sent, it answered {TicketsHttp.Describe(answer)}");
            }
            else if (again.OrderNumber != expected.Order.OrderNumber || !SameTickets(again.Tickets, expected.Order.Tickets))
            {
                violations.Add($"acknowledged order {expected.Order.OrderNumber} (key {expected.Key}) came back as order {again.OrderNumber} " +
                    $"with tickets {Serials(again.Tickets)} instead of {Serials(expected.Order.Tickets)}");
            }
            else
            {
                same++;
            }
        }
        var after = await AvailabilityAsync(http, plan, cancellation);
        var stockAfter = after is null ? null : InCategory(after, plan.Category);
        var tickets = acknowledged.Sum(o => (long)o.Order.Tickets.Count);
        if (after is null)
        {
            violations.Add("the availability could not be read after the check");
        }
        else
        {
            CheckStock(after, violations);
            if (stockAfter is null)
            {
                violations.Add($"the availability after the check has no category '{plan.Category}'");
            }
            else
            {
                if (stockAfter.Sold != stockBefore.Sold)
                {
                    violations.Add($"sending the acknowledged orders again changed sold in category {plan.Category} from {stockBefore.Sold} to {stockAfter.Sold}: a retry issued tickets");
                }
                if (stockAfter.Sold < tickets)
                {
                    violations.Add($"the service says {stockAfter.Sold} {plan.Category} tickets sold, fewer than the {tickets} tickets of the acknowledged orders");
                }
            }
        }
        var duplicates = CountDuplicates(acknowledged, violations);
        var ordersChecked = await ReadOrdersBackAsync(http, plan, acknowledged, violations, cancellation);
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        return new LoadReport(plan.Url.ToString(), plan.EventId, plan.Category, LoadReport.CheckOnlyMode, plan.RunId, plan.Seed, 0, acknowledged.Count, plan.Concurrency,
            stockAfter?.Capacity ?? stockBefore.Capacity, stockBefore.Sold, stockAfter?.Sold ?? -1, stockAfter?.Held ?? -1, stockAfter?.Available ?? -1,
            same, tickets, new Dictionary<string, int>(), answers.Count(a => a.IsUnresolved), answers.Sum(a => (long)a.Retries), duplicates, ordersChecked,
            violations.Count == 0, violations, (long)elapsed.TotalMilliseconds,
            Math.Round(acknowledged.Count / seconds, 1), Math.Round(same / seconds, 1), LoadLatency.Of([.. latencies]));
    }

    /// <summary>In every category and in total: <c>sold + held + available = capacity</c>, no term negative.</summary>
    private static void CheckStock(AvailabilityReceived stock, List<string> violations)
    {
        foreach (var (name, capacity, sold, held, available) in stock.Categories.Select(c => (c.Category, c.Capacity, c.Sold, c.Held, c.Available))
            .Append(("all categories", stock.Capacity, stock.Sold, stock.Held, stock.Available)))
        {
            if (sold < 0 || held < 0 || available < 0 || sold + held + available != capacity || sold > capacity)
            {
                violations.Add($"{name}: sold {sold} + held {held} + available {available} does not add up to the capacity {capacity}");
            }
        }
    }

    /// <summary>No serial and no code in two different orders.</summary>
    private static int CountDuplicates(IReadOnlyList<AcknowledgedOrder> acknowledged, List<string> violations)
    {
        var serials = new Dictionary<int, string>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var order in acknowledged)
        {
            foreach (var ticket in order.Order.Tickets)
            {
                if (!serials.TryAdd(ticket.Serial, order.Key) | !codes.TryAdd(ticket.Code, order.Key))
                {
                    duplicates++;
                    if (duplicates <= 10)
                    {
                        violations.Add($"ticket serial {ticket.Serial} (code {ticket.Code}) was issued to {order.Key} and to " +
                            $"{(serials[ticket.Serial] != order.Key ? serials[ticket.Serial] : codes[ticket.Code])}");
                    }
                }
            }
        }
        if (duplicates > 10)
        {
            violations.Add($"{duplicates} tickets were issued twice in all");
        }
        return duplicates;
    }

    /// <summary>With order ids and secrets in the answers: reads every order (a sample of 1,000 of many) back from <c>GET /orders/{orderId}</c>.</summary>
    private static async Task<int> ReadOrdersBackAsync(TicketsHttp http, LoadPlan plan, IReadOnlyList<AcknowledgedOrder> acknowledged, List<string> violations, CancellationToken cancellation)
    {
        var readable = acknowledged.Where(o => o.Order.OrderId is not null && o.Order.OrderSecret is not null).ToList();
        if (readable.Count > OrdersToReadBack)
        {
            readable = [.. readable.OrderBy(_ => Random.Shared.Next()).Take(OrdersToReadBack)];
        }
        var mismatches = 0;
        using var gate = new SemaphoreSlim(Math.Min(plan.Concurrency, 64));
        await Task.WhenAll(readable.Select(async expected =>
        {
            await gate.WaitAsync(cancellation);
            try
            {
                var answer = await http.OrderAsync(expected.Order.OrderId!, expected.Order.OrderSecret!, cancellation);
                var order = answer.Status == 200 ? TicketsHttp.Read<OrderReceived>(answer) : null;
                string? problem = order is null ? $"GET /orders/{expected.Order.OrderId} answered {TicketsHttp.Describe(answer)}"
                    : !SameTickets(order.Tickets, expected.Order.Tickets) ? $"GET /orders/{expected.Order.OrderId} lists tickets {Serials(order.Tickets)}, the purchase issued {Serials(expected.Order.Tickets)}"
                    : order.Tickets.FirstOrDefault(t => t.Status is { } status && status.Contains("cancel", StringComparison.OrdinalIgnoreCase)) is { } odd ? $"GET /orders/{expected.Order.OrderId}: ticket {odd.Serial} is {odd.Status}"
                    : null;
                if (problem is not null && Interlocked.Increment(ref mismatches) <= 10)
                {
                    lock (violations)
                    {
                        violations.Add(problem);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        if (mismatches > 10)
        {
            violations.Add($"{mismatches} orders read back did not match their purchase in all");
        }
        return readable.Count;
    }

    private static bool SameTickets(IReadOnlyList<TicketReceived> a, IReadOnlyList<TicketReceived> b) =>
        a.Select(t => (t.Serial, t.Code)).OrderBy(t => t.Serial).SequenceEqual(b.Select(t => (t.Serial, t.Code)).OrderBy(t => t.Serial));

    private static string Serials(IReadOnlyList<TicketReceived> tickets) => $"[{string.Join(", ", tickets.Select(t => t.Serial))}]";

    private static async Task WriteOrdersAsync(string path, List<AcknowledgedOrder> acknowledged, List<string> violations)
    {
        try
        {
            await ReportFiles.WriteAsync(path, string.Concat(acknowledged.Select(o => JsonSerializer.Serialize(o, TicketsHttp.Json) + "\n")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            violations.Add($"--orders: the acknowledged orders could not be written to '{path}': {e.Message}");
        }
    }
}
