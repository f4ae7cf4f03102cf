namespace Conversations.Load.Measurement;

/// <summary>The latencies the run measures.</summary>
public enum Latency
{
    /// <summary>Customer <c>SendMessage</c> invoked → its <c>{ seq }</c> result (durably stored).</summary>
    Ack,

    /// <summary>Customer <c>SendMessage</c> invoked → the first bot event after it arrives.</summary>
    BotReply,

    /// <summary>Handoff (<c>RequestAgent</c> invoked, or the bot's queued status seen) → <c>agent_joined</c> seen by the customer.</summary>
    Assignment,

    /// <summary>Handoff → the agent's <c>Offer</c> for that session, when both ends live in this process.</summary>
    Offer,

    /// <summary>Agent <c>SendMessage</c> invoked → its result.</summary>
    AgentAck,

    /// <summary>Agent message stored (its <c>at</c>) → the customer receives it; same machine, same clock.</summary>
    AgentReplyDelivery,

    /// <summary>Token, negotiate, WebSocket and handshake of one connection.</summary>
    Connect,

    /// <summary><see cref="Ack"/> outside the spike only.</summary>
    AckSteady,

    /// <summary><see cref="BotReply"/> outside the spike only.</summary>
    BotReplySteady,
}
