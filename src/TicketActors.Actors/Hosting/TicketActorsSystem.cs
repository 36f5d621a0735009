using Akka.Actor;
using Akka.Configuration;

namespace TicketActors.Actors.Hosting;

/// <summary>Creates the actor system from the <c>hocon/</c> files: overrides first, then the store, then the actor system file.</summary>
public static class TicketActorsSystem
{
    public const string DefaultName = "ticketactors";

    public static Config Configuration(Config? overrides = null) =>
        (overrides ?? Config.Empty)
            .WithFallback(HoconFiles.Load(HoconFiles.MemoryStore))
            .WithFallback(HoconFiles.Load(HoconFiles.ActorSystem));

    public static ActorSystem Create(string name = DefaultName, Config? overrides = null) =>
        ActorSystem.Create(name, Configuration(overrides));
}
