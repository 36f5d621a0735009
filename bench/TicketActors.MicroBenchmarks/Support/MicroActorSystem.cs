using Akka.Actor;
using Akka.Configuration;
using TicketActors.Actors.Hosting;

namespace TicketActors.MicroBenchmarks.Support;

/// <summary>The project's actor system (its HOCON, the in-memory journal), quiet, with overrides for one benchmark.</summary>
public static class MicroActorSystem
{
    public static ActorSystem Create(string name, string overrides = "") =>
        TicketActorsSystem.Create(name, ConfigurationFactory.ParseString(overrides)
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")), StoreSettings.Memory);
}
