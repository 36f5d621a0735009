namespace TicketActors.Cli;

/// <summary>What the <c>ticketactors</c> process exits with, for scripts and CI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run finished but an invariant does not hold (or the run could not be carried out).</summary>
    public const int InvariantsFailed = 1;
    /// <summary>The command line is wrong: nothing was run.</summary>
    public const int BadOptions = 2;
}
