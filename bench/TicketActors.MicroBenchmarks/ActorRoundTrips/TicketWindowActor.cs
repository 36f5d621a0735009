using Akka.Actor;

namespace TicketActors.MicroBenchmarks.ActorRoundTrips;

/// <summary>A ticket window with nobody deciding anything behind it: answers every knock at once. The floor of an Ask.</summary>
public sealed class TicketWindowActor : ReceiveActor
{
    public TicketWindowActor() => Receive<Knock>(_ => Sender.Tell(WindowOpen.Instance));

    public static Props Props() => Akka.Actor.Props.Create(() => new TicketWindowActor());
}

/// <summary>The tiny question.</summary>
public sealed record Knock
{
    public static Knock Instance { get; } = new();
}

/// <summary>The tiny answer.</summary>
public sealed record WindowOpen
{
    public static WindowOpen Instance { get; } = new();
}
