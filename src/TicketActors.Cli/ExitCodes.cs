namespace TicketActors.Cli;

/// <summary>What the <c>ticketactors</c> process exits with, for scripts and CI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>An invariant does not hold, the run could not be carried out, or its report could not be written.</summary>
    public const int InvariantsFailed = 1;
    /// <summary>The command line is wrong: nothing was run.</summary>
    public const int BadOptions = 2;
}
