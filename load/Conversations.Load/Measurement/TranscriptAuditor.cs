using Conversations.Load.Protocol;

namespace Conversations.Load.Measurement;

/// <summary>
/// Compares what a customer sent with the transcript read back: an acknowledged message must sit at its seq with its
/// text; a customer message stored more often than it was sent is a duplicate.
/// </summary>
public static class TranscriptAuditor
{
    /// <param name="baseSeq">
    /// The session's last seq when this run took it up (a resumed session holds earlier runs' messages, which may repeat
    /// the same template texts); only later customer messages can be duplicates of this run's.
    /// </param>
    public static TranscriptAudit Audit(IReadOnlyList<SentMessage> sent, IReadOnlyList<ConversationEvent> transcript, long baseSeq = 0)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(transcript);

        var bySeq = new Dictionary<long, ConversationEvent>();
        long duplicates = 0;
        foreach (ConversationEvent e in transcript)
        {
            if (!bySeq.TryAdd(e.Seq, e))
            {
                duplicates++;
            }
        }

        long lastSeq = bySeq.Count == 0 ? 0 : bySeq.Keys.Max();
        long gaps = lastSeq - bySeq.Count;

        long lost = 0;
        var ackedSeqs = new HashSet<long>();
        var ackedIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (SentMessage message in sent)
        {
            if (message.AckedSeq is not { } seq)
            {
                continue;
            }

            ackedSeqs.Add(seq);
            ackedIds[message.ClientMessageId] = seq;
            if (!bySeq.TryGetValue(seq, out ConversationEvent? stored)
                || stored.Role != "customer"
                || !string.Equals(stored.Text, message.Text, StringComparison.Ordinal))
            {
                lost++;
            }
        }

        // Texts of messages that may legitimately be stored without an ack (the ack was lost, the send timed out).
        var unackedAllowance = sent
            .Where(m => m.AckedSeq is null)
            .GroupBy(m => m.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        long unackedStored = 0;
        foreach (ConversationEvent e in bySeq.Values.OrderBy(e => e.Seq))
        {
            if (e.Seq <= baseSeq || e.Role != "customer" || e.Kind != "message" || ackedSeqs.Contains(e.Seq))
            {
                continue;
            }

            if (e.ClientMessageId is { } id && ackedIds.ContainsKey(id))
            {
                duplicates++;
            }
            else if (e.Text is not null && unackedAllowance.TryGetValue(e.Text, out int allowance) && allowance > 0)
            {
                unackedAllowance[e.Text] = allowance - 1;
                unackedStored++;
            }
            else if (e.Text is not null && sent.Any(m => m.AckedSeq is not null && string.Equals(m.Text, e.Text, StringComparison.Ordinal)))
            {
                duplicates++;
            }
        }

        return new TranscriptAudit(lost, duplicates, Math.Max(0, gaps), unackedStored);
    }

    /// <summary>One line per lost message saying what the transcript holds at its seq, for the report's examples.</summary>
    public static IEnumerable<string> ExplainLost(string sessionId, IReadOnlyList<SentMessage> sent, IReadOnlyList<ConversationEvent> transcript)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(transcript);
        foreach (SentMessage message in sent)
        {
            if (message.AckedSeq is not { } seq)
            {
                continue;
            }

            ConversationEvent? stored = transcript.FirstOrDefault(e => e.Seq == seq);
            if (stored is null)
            {
                yield return $"{sessionId} seq {seq} ({message.ClientMessageId}): acked, but the transcript (last seq {transcript.LastOrDefault()?.Seq ?? 0}) has nothing there";
            }
            else if (stored.Role != "customer" || !string.Equals(stored.Text, message.Text, StringComparison.Ordinal))
            {
                yield return $"{sessionId} seq {seq} ({message.ClientMessageId}): acked \"{message.Text}\", the transcript has {stored.Role} {stored.Kind} \"{stored.Text}\"";
            }
        }
    }
}
