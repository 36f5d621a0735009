using TicketActors.Benchmarks.Durable;
using TicketActors.Benchmarks.Http;
using TicketActors.Benchmarks.InMemory;

// ticketactors-bench durable|http|overload|inmemory [options]: see each benchmark's options' Usage.
var usage = string.Join(Environment.NewLine, DurableOptions.Usage, HttpOptions.Usage, OverloadOptions.Usage, InMemoryOptions.Usage);
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
if (args[0] == CeilingServer.Command && args.Length == 2)
{
    // The ceiling of the http benchmark, started by it as a child process.
    return await CeilingServer.RunAsync(args[1]);
}
if (args[0] == SaleRun.Command)
{
    // One run of the inmemory benchmark, started by it as a child process.
    return await SaleRun.RunAsync(args[1..]);
}
if (args[0] is not ("durable" or "http" or "overload" or "inmemory"))
{
    Console.Error.WriteLine($"error: unknown benchmark '{args[0]}'");
    Console.Error.WriteLine(usage);
    return 2;
}
var benchmarkUsage = args[0] switch
{
    "durable" => DurableOptions.Usage,
    "http" => HttpOptions.Usage,
    "overload" => OverloadOptions.Usage,
    _ => InMemoryOptions.Usage,
};
// Every option takes a value, so help is asked for only where an option's name stands (a value that starts with -- is
// refused as missing, so `--out --help` is an error, not an out folder named --help).
if (args.Skip(1).Where((_, index) => index % 2 == 0).Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(benchmarkUsage);
    return 0;
}
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return args[0] switch
{
    "inmemory" => InMemoryOptions.TryParse(args[1..], out var inMemoryOptions, out var inMemoryError)
        ? await Run(inMemoryOptions.OutFolder, () => InMemoryBenchmark.RunAsync(inMemoryOptions, args, cancellation.Token))
        : BadOptions(inMemoryError),
    "http" => HttpOptions.TryParse(args[1..], out var httpOptions, out var httpError)
        ? await Run(httpOptions.OutFolder, () => HttpBenchmark.RunAsync(httpOptions, args, cancellation.Token))
        : BadOptions(httpError),
    "overload" => OverloadOptions.TryParse(args[1..], out var overloadOptions, out var overloadError)
        ? await Run(overloadOptions.OutFolder, () => OverloadBenchmark.RunAsync(overloadOptions, args, cancellation.Token))
        : BadOptions(overloadError),
    _ => DurableOptions.TryParse(args[1..], out var durableOptions, out var durableError)
        ? await Run(durableOptions.OutFolder, () => DurableBenchmark.RunAsync(durableOptions, args, cancellation.Token))
        : BadOptions(durableError),
};

// The out folder is made before any run, so a folder that cannot be made does not cost the runs' results; a Ctrl+C
// stops the runs and writes nothing (a partial table would replace the results of a whole run).
async Task<int> Run(string outFolder, Func<Task<int>> benchmark)
{
    try
    {
        Directory.CreateDirectory(outFolder);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
    {
        return BadOptions($"--out: the folder '{outFolder}' cannot be made: {e.Message}");
    }
    try
    {
        return await benchmark();
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        Console.Error.WriteLine("error: cancelled; nothing was written");
        return 1;
    }
}

int BadOptions(string error)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(benchmarkUsage);
    return 2;
}
