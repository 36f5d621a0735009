using Akka.Actor;
using Akka.Configuration;

namespace TicketActors.Actors.Hosting;

/// <summary>
/// Creates the actor system from the <c>hocon/</c> files: overrides first, then the store's file, then the box
/// office file, the serialization file, then the actor system file. Without a store it runs on the in-memory journal (tests).
/// </summary>
public static class TicketActorsSystem
{
    public const string DefaultName = "ticketactors";

    public static Config Configuration(Config? overrides = null, StoreSettings? store = null) =>
        (overrides ?? Config.Empty)
            .WithFallback((store ?? StoreSettings.Memory).ToConfig())
            .WithFallback(HoconFiles.Load(HoconFiles.BoxOffice))
            .WithFallback(HoconFiles.Load(HoconFiles.Serialization))
            .WithFallback(HoconFiles.Load(HoconFiles.ActorSystem));

    /// <summary>Prepares the store (see <see cref="StoreSettings.Prepare"/>) and starts the actor system on it.</summary>
    public static ActorSystem Create(string name = DefaultName, Config? overrides = null, StoreSettings? store = null)
    {
        store?.Prepare();
        return ActorSystem.Create(name, Configuration(overrides, store));
    }
}
