using TicketActors.Benchmarks.Durable;

// ticketactors-bench durable [options]: see DurableOptions.Usage.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(DurableOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] != "durable")
{
    Console.Error.WriteLine($"error: unknown benchmark '{args[0]}'");
    Console.Error.WriteLine(DurableOptions.Usage);
    return 2;
}
if (args.Skip(1).Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(DurableOptions.Usage);
    return 0;
}
if (!DurableOptions.TryParse(args[1..], out var options, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(DurableOptions.Usage);
    return 2;
}
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await DurableBenchmark.RunAsync(options, args, cancellation.Token);
