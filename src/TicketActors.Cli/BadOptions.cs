namespace TicketActors.Cli;

/// <summary>How every command refuses a wrong command line: each problem on its own <c>error:</c> line on stderr, then
/// where the options are described, and exit code 2 (nothing was run).</summary>
public static class BadOptions
{
    /// <param name="command">The command's name (<c>simulate</c>), or empty for the root command.</param>
    public static int Refuse(string command, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }
        Console.Error.WriteLine($"Run 'ticketactors{(command.Length == 0 ? "" : " " + command)} --help' for the options.");
        return ExitCodes.BadOptions;
    }
}
