using Akka.Configuration;

namespace TicketActors.Actors.Hosting;

/// <summary>
/// The Akka configuration files of the repository's <c>hocon/</c> folder, embedded in this assembly so that every
/// program and test loads the same files without copying them around.
/// </summary>
public static class HoconFiles
{
    public const string ActorSystem = "akka.conf";
    public const string BoxOffice = "box-office.conf";
    public const string Serialization = "serialization.conf";
    public const string MemoryStore = "persistence.memory.conf";
    public const string SqliteStore = "persistence.sqlite.conf";
    public const string PostgresStore = "persistence.postgres.conf";

    public static Config Load(string fileName)
    {
        using var stream = typeof(HoconFiles).Assembly.GetManifestResourceStream($"hocon/{fileName}")
            ?? throw new FileNotFoundException($"hocon/{fileName} is not embedded in {typeof(HoconFiles).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
