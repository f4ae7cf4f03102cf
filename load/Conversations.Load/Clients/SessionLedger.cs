using Conversations.Load.Measurement;

namespace Conversations.Load.Clients;

/// <summary>What a customer sent in one session, kept for reading the transcript back after the run.</summary>
/// <param name="baseSeq">The session's last seq when this run started or resumed it.</param>
internal sealed class SessionLedger(string sessionId, long baseSeq)
{
    private readonly Lock _lock = new();
    private readonly List<SentMessage> _sent = [];

    public string SessionId { get; } = sessionId;

    public long BaseSeq { get; } = baseSeq;

    /// <summary>Records an attempt before it is sent, so a message whose ack never comes is still known.</summary>
    public int Add(string clientMessageId, string text)
    {
        lock (_lock)
        {
            _sent.Add(new SentMessage(clientMessageId, text, null));
            return _sent.Count - 1;
        }
    }

    public void Acknowledge(int index, long seq)
    {
        lock (_lock)
        {
            _sent[index] = _sent[index] with { AckedSeq = seq };
        }
    }

    public IReadOnlyList<SentMessage> Snapshot()
    {
        lock (_lock)
        {
            return [.. _sent];
        }
    }
}
