namespace TicketActors.MicroBenchmarks.Support;

/// <summary>The folder that holds TicketActors.sln, so results land in the same place whatever the working directory.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "TicketActors.sln";

    /// <summary>Walks up from the program's own folder (it is built inside the repository), then from the working directory.</summary>
    public static string Find() =>
        FindFrom(AppContext.BaseDirectory) ?? FindFrom(Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException(
            $"no {SolutionFile} above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}: run the micro-benchmarks from a clone of the repository");

    private static string? FindFrom(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }
        return null;
    }
}
