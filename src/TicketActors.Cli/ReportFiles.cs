namespace TicketActors.Cli;

/// <summary>Why a report file could not be written at a path, found before the run rather than after it.</summary>
public static class ReportFiles
{
    public static string? Problem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return $"'{path}' is a folder, not a file";
            }
            var folder = Path.GetDirectoryName(full);
            for (var existing = folder; existing is not null; existing = Path.GetDirectoryName(existing))
            {
                if (File.Exists(existing))
                {
                    return $"'{existing}' is a file, so '{path}' cannot be created";
                }
                if (Directory.Exists(existing))
                {
                    break;
                }
            }
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a usable file path: {e.Message}";
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, creating missing folders.</summary>
    public static async Task WriteAsync(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllTextAsync(path, text, CancellationToken.None);
    }
}
