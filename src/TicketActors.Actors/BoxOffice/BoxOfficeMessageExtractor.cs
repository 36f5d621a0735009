using Akka.Cluster.Sharding;
using TicketActors.Domain.BoxOffice;

namespace TicketActors.Actors.BoxOffice;

/// <summary>
/// Routes a command to the box office of its event. The single-process <see cref="BoxOfficeRegistry"/> and a
/// cluster shard region use this same extractor, so going to many machines changes configuration, not this code.
/// </summary>
public sealed class BoxOfficeMessageExtractor(int maxNumberOfShards = BoxOfficeMessageExtractor.DefaultShards)
    : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const int DefaultShards = 100;

    /// <summary>Sharding unwraps its own envelopes before this is asked; only box office commands are routed here.</summary>
    public override string? EntityId(object message) => (message as IBoxOfficeCommand)?.EventId;
}
