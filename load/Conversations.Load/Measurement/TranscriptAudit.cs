namespace Conversations.Load.Measurement;

/// <summary>What reading one session's transcript back found.</summary>
/// <param name="Lost">Acknowledged messages missing from the transcript (or another event at their seq).</param>
/// <param name="Duplicates">Customer messages stored more than once, plus seqs that appear twice.</param>
/// <param name="SeqGaps">Seqs missing between 1 and the last one (the contract says seq grows by exactly one).</param>
/// <param name="UnackedStored">Messages whose ack never came but which were stored; allowed, reported for interest.</param>
public sealed record TranscriptAudit(long Lost, long Duplicates, long SeqGaps, long UnackedStored)
{
    public static TranscriptAudit Empty { get; } = new(0, 0, 0, 0);

    public TranscriptAudit Plus(TranscriptAudit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TranscriptAudit(Lost + other.Lost, Duplicates + other.Duplicates, SeqGaps + other.SeqGaps, UnackedStored + other.UnackedStored);
    }
}
