using System.Diagnostics;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>The buyers of the task designs: one task per buyer, all started at once; their logs, and how long until the last was done.</summary>
public static class TaskBuyers
{
    public static async Task<(BuyerLog[] Logs, TimeSpan Elapsed)> RunAsync(int buyers, Func<int, Task<BuyerLog>> buy)
    {
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task<BuyerLog>[buyers];
        for (var b = 0; b < buyers; b++)
        {
            var buyer = b;
            tasks[b] = Task.Run(() => buy(buyer));
        }
        var logs = await Task.WhenAll(tasks);
        return (logs, Stopwatch.GetElapsedTime(started));
    }
}
