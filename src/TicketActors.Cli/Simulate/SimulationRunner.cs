using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Serilog;
using Spectre.Console;
using TicketActors.Actors.BoxOffice;
using TicketActors.Actors.Hosting;
using TicketActors.Actors.Simulation;
using TicketActors.Cli.Logging;

namespace TicketActors.Cli.Simulate;

/// <summary>Starts the actor system, runs the coordinator, shows progress, prints and writes the report.</summary>
public static class SimulationRunner
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> RunAsync(SimulationRunSettings settings, CancellationToken cancellation)
    {
        var plan = settings.Plan;
        ConsoleLogging.Configure(settings.Narrate);
        ActorSystem system;
        try
        {
            // No dead-letter lines: a user that retried and then got its answer stops, so the box office's answer to
            // the other attempt finds it gone. That is expected, and it would interrupt the story a narrated run tells;
            // the run's own checks (every user answered, nothing sold twice) are what says something went wrong.
            system = TicketActorsSystem.Create(overrides: ConfigurationFactory.ParseString(
                $"akka.loglevel = {ConsoleLogging.AkkaLogLevel(settings.Narrate)}\nakka.log-dead-letters = off"), store: settings.Store);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"error: the store {settings.Store} cannot be used: {e.Message}");
            await Log.CloseAndFlushAsync();
            return ExitCodes.InvariantsFailed;
        }
        object outcome;
        try
        {
            var boxOffices = system.ActorOf(BoxOfficeRegistry.Props(BoxOfficeSettings.FromConfig(system.Settings.Config)), BoxOfficeRegistry.Name);
            var coordinator = system.ActorOf(PurchaseCoordinatorActor.Props(plan, boxOffices), "coordinator");
            if (settings.Narrate)
            {
                Log.Information("Box office service started: event {EventId}, {Capacity} tickets, {Users} users, store {Store}",
                    plan.Event.Id, plan.Event.TotalCapacity, plan.Users, settings.Store.ToString());
            }
            var run = coordinator.Ask<object>(new StartSimulation(), RunTimeout(plan), cancellation);
            // Progress bars only on a terminal: piped or redirected, Spectre would print them once, at 0 %.
            if (!settings.Narrate && !settings.Quiet && AnsiConsole.Profile.Capabilities.Interactive)
            {
                await ShowProgress(coordinator, run, plan.Users, cancellation);
            }
            outcome = await run;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
        {
            outcome = new SimulationFailed(cancellation.IsCancellationRequested ? "the run was cancelled" : "the run did not finish in time");
        }
        finally
        {
            if (!cancellation.IsCancellationRequested)
            {
                await ConsoleLogging.DrainAkkaLoggers(system, TimeSpan.FromMinutes(1), cancellation);
            }
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
            if (settings.Narrate)
            {
                Log.Information("Box office service closed");
            }
            await Log.CloseAndFlushAsync();
        }

        if (outcome is not SimulationCompleted { Report: var report })
        {
            Console.Error.WriteLine($"error: {(outcome as SimulationFailed)?.Reason ?? $"unexpected reply {outcome}"}");
            return ExitCodes.InvariantsFailed;
        }
        var reportWritten = true;
        if (settings.ReportJson is { } path)
        {
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson) + Environment.NewLine, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The outcome is still shown below, but the run did not deliver what was asked: exit 1.
                Console.Error.WriteLine($"error: --report-json: the report could not be written to '{path}': {e.Message}");
                reportWritten = false;
            }
        }
        if (settings.Quiet)
        {
            Console.WriteLine(SummaryTable.OneLine(report));
        }
        else
        {
            AnsiConsole.Write(SummaryTable.Render(report));
        }
        return report.InvariantsHold && reportWritten ? ExitCodes.Ok : ExitCodes.InvariantsFailed;
    }

    /// <summary>A backstop, not a pace: every user has its own timeouts, so a healthy run ends long before this.</summary>
    private static TimeSpan RunTimeout(SimulationPlan plan) =>
        TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(plan.Users) +
        plan.User.RequestTimeout * plan.User.MaxAttempts;

    private static async Task ShowProgress(IActorRef coordinator, Task run, int users, CancellationToken cancellation)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var started = context.AddTask("users started", maxValue: users);
                var finished = context.AddTask("users served", maxValue: users);
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(200), cancellation));
                    if (run.IsCompleted)
                    {
                        break;
                    }
                    try
                    {
                        var progress = await coordinator.Ask<SimulationProgress>(GetSimulationProgress.Instance, TimeSpan.FromSeconds(2), cancellation);
                        started.Value = progress.Started;
                        finished.Value = progress.Finished;
                    }
                    catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
                    {
                        // The coordinator is busy or already gone; the next poll, or the run's end, updates the bars.
                    }
                }
                started.Value = users;
                finished.Value = users;
            });
    }
}
