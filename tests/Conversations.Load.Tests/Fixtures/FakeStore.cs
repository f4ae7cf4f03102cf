using System.Collections.Concurrent;
using Conversations.Load.Protocol;

namespace Conversations.Load.Tests.Fixtures;

/// <summary>The fake server's sessions: transcripts in memory, with the configured fault.</summary>
public sealed class FakeStore(FakeFault fault)
{
    private readonly ConcurrentDictionary<string, List<ConversationEvent>> _sessions = new();
    private int _sessionCount;

    public FakeFault Fault { get; } = fault;

    /// <summary>Every customer id a token was asked for, in order.</summary>
    public ConcurrentQueue<string> CustomerTokens { get; } = new();

    /// <summary>Customer messages stored over every session.</summary>
    public int CustomerMessages => _sessions.Values.Sum(transcript =>
    {
        lock (transcript)
        {
            return transcript.Count(e => e.Role == "customer");
        }
    });

    public string NewSession() => $"s-{Interlocked.Increment(ref _sessionCount)}";

    public ConversationEvent Append(string sessionId, string role, string text, string? clientMessageId = null)
    {
        List<ConversationEvent> transcript = _sessions.GetOrAdd(sessionId, _ => []);
        lock (transcript)
        {
            var e = new ConversationEvent(sessionId, transcript.Count + 1, "message", new EventSender(role, null, null), text, DateTimeOffset.UtcNow, null);
            transcript.Add(e);
            return e;
        }
    }

    public ConversationEvent[] History(string sessionId, long afterSeq)
    {
        List<ConversationEvent> transcript = _sessions.GetOrAdd(sessionId, _ => []);
        lock (transcript)
        {
            IEnumerable<ConversationEvent> events = transcript.Where(e => e.Seq > afterSeq);
            if (Fault == FakeFault.DropAcked)
            {
                long firstCustomer = transcript.FirstOrDefault(e => e.Role == "customer")?.Seq ?? -1;
                events = events.Where(e => e.Seq != firstCustomer);
            }

            return [.. events];
        }
    }
}
