using Akka.Actor;

namespace TicketActors.Actors.Mailboxes;

/// <summary>
/// Props of a short-lived actor on the <see cref="SingleConsumerMailbox"/>, created by its producer. Creating such
/// actors by the million is the cost of a big run, so these props skip what Akka's factories do per call:
/// <c>Props.Create</c> reflects or compiles an expression, <c>WithMailbox</c> builds a deployment and parses an empty
/// HOCON text, and a mailbox required through <c>IRequiresMessageQueue</c> is found by reflecting over the actor's
/// interfaces three times per actor. These props copy one template per actor type, made once, that names the mailbox.
/// </summary>
public sealed class SingleConsumerProps : Props
{
    private readonly IIndirectActorProducer _producer;

    private SingleConsumerProps(Props template, IIndirectActorProducer producer)
        : base(template)
    {
        _producer = producer;
    }

    public static Props Of<TActor>(IIndirectActorProducer producer) where TActor : ActorBase =>
        new SingleConsumerProps(TemplateOf<TActor>.Props, producer);

    public override ActorBase NewActor() => _producer.Produce();

    protected override Props Copy() => new SingleConsumerProps(this, _producer);

    private static class TemplateOf<TActor> where TActor : ActorBase
    {
        public static readonly Props Props = new Props(typeof(TActor)).WithMailbox(SingleConsumerMailbox.Id);
    }
}
