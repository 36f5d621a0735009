using System.CommandLine;
using TicketActors.Cli;
using TicketActors.Cli.Load;
using TicketActors.Cli.Simulate;
using TicketActors.Cli.Verify;

var root = new RootCommand("TicketActors: a flash-sale ticket box office on Akka.NET actors")
{
    SimulateCommand.Create(),
    VerifyCommand.Create(),
    LoadCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }
    var command = parsed.CommandResult.Command == root ? "" : $" {parsed.CommandResult.Command.Name}";
    Console.Error.WriteLine($"Run 'ticketactors{command} --help' for the options.");
    return ExitCodes.BadOptions;
}
return await parsed.InvokeAsync();
