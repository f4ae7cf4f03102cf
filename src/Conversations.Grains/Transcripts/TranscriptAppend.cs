using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Transcripts;

/// <summary>One event to store, with the client's message id when a customer or agent sent it.</summary>
public sealed record TranscriptAppend(ConversationEvent Event, string? ClientMessageId = null);
