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
    return BadOptions.Refuse(parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name,
        parsed.Errors.Select(error => error.Message));
}
return await parsed.InvokeAsync();
