namespace Conversations.Abstractions.Queues;

/// <summary>The answer to an enqueue: accepted with a position and wait estimate, or refused because no agent serves the queue.</summary>
public sealed record QueueTicket(bool Accepted, string Queue, int Position, int EtaSeconds, bool NoAgentsOnline);
