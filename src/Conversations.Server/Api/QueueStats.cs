namespace Conversations.Server.Api;

/// <summary>One queue across its shards, for the ops view: sessions waiting, agents serving it, offers out.</summary>
public sealed record QueueStats(string Queue, int Waiting, int AgentsKnown, int AgentsWithCapacity, int OffersPending);
