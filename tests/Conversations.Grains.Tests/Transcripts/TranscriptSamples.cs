using System.Text.Json;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Transcripts;

namespace Conversations.Grains.Tests.Transcripts;

/// <summary>Events for transcript store tests.</summary>
internal static class TranscriptSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    public static TranscriptAppend Customer(string sessionId, long seq, string text, string clientMessageId) =>
        new(new ConversationEvent(sessionId, seq, EventKinds.Message, new Sender(SenderRoles.Customer, "c-1"), text, Start.AddSeconds(seq)), clientMessageId);

    public static TranscriptAppend Bot(string sessionId, long seq, string text) =>
        new(new ConversationEvent(sessionId, seq, EventKinds.Message, new Sender(SenderRoles.Bot), text, Start.AddSeconds(seq)));

    public static TranscriptAppend Position(string sessionId, long seq, int position) =>
        new(new ConversationEvent(sessionId, seq, EventKinds.QueuePosition, new Sender(SenderRoles.System), null, Start.AddSeconds(seq),
            JsonSerializer.SerializeToElement(new { position, etaSeconds = position * 60 })));
}
