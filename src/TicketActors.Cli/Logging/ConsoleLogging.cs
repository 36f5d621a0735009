using Akka.Actor;
using Serilog;
using Serilog.Events;

namespace TicketActors.Cli.Logging;

/// <summary>Serilog for the console: the narrated steps as plain lines, otherwise only warnings and errors, on stderr.</summary>
public static class ConsoleLogging
{
    public static void Configure(bool narrate)
    {
        Log.Logger = narrate
            ? new LoggerConfiguration()
                .MinimumLevel.Information()
                // Akka's own start-up chatter is not part of the story a narrated run tells.
                .Filter.ByExcluding(e => e.Level < LogEventLevel.Warning && IsAkkaInternal(e))
                .WriteTo.Console(outputTemplate: "{Message:lj}{NewLine}{Exception}")
                .CreateLogger()
            : new LoggerConfiguration()
                .MinimumLevel.Warning()
                .WriteTo.Console(outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}", standardErrorFromLevel: LogEventLevel.Verbose)
                .CreateLogger();
    }

    /// <summary>The Akka.NET log level that matches <see cref="Configure"/>.</summary>
    public static string AkkaLogLevel(bool narrate) => narrate ? "INFO" : "WARNING";

    /// <summary>
    /// Waits until Akka's logger actor (one is configured: Serilog's) has written every line logged so far. A narrated
    /// run logs faster than the console prints, and at shutdown Akka hands what its logger has not taken yet to its
    /// plain standard-output logger, in another format. An <see cref="Identify"/> is answered in mailbox order, so its
    /// answer means the lines before it are written. Bounded: after <paramref name="timeout"/>, or at once when the run
    /// is cancelled (Ctrl+C leaves the process 2 seconds), the run goes on shutting down.
    /// </summary>
    public static async Task DrainAkkaLoggers(ActorSystem system, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            await system.ActorSelection("/system/log*").Ask<ActorIdentity>(new Identify(null), timeout, cancellation);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            // The rest of the backlog is printed by Akka's fallback logger.
        }
    }

    private static bool IsAkkaInternal(LogEvent e) =>
        e.Properties.TryGetValue("LogSource", out var source) &&
        source.ToString().Trim('"') is var text &&
        !text.Contains("/user/", StringComparison.Ordinal) && !text.StartsWith("TicketActors", StringComparison.Ordinal);
}
