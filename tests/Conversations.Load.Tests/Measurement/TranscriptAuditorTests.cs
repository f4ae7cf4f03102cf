using Conversations.Load.Measurement;
using Conversations.Load.Protocol;

namespace Conversations.Load.Tests.Measurement;

public sealed class TranscriptAuditorTests
{
    [Fact]
    public void Audit_WhenEveryAckedMessageIsStoredOnce_FindsNothing()
    {
        SentMessage[] sent = [new("m1", "where is my order", 1), new("m2", "thanks", 3)];
        ConversationEvent[] transcript = [Customer(1, "where is my order"), Bot(2), Customer(3, "thanks"), Bot(4)];

        Assert.Equal(TranscriptAudit.Empty, TranscriptAuditor.Audit(sent, transcript));
    }

    [Fact]
    public void Audit_WhenAnAckedMessageIsMissing_CountsItLost()
    {
        SentMessage[] sent = [new("m1", "where is my order", 1), new("m2", "thanks", 3)];
        ConversationEvent[] transcript = [Customer(1, "where is my order"), Bot(2), Bot(4)];

        TranscriptAudit audit = TranscriptAuditor.Audit(sent, transcript);

        Assert.Equal(1, audit.Lost);
        Assert.Equal(1, audit.SeqGaps);
    }

    [Fact]
    public void Audit_WhenAnotherEventSitsAtTheAckedSeq_CountsItLost()
    {
        SentMessage[] sent = [new("m1", "where is my order", 1)];

        Assert.Equal(1, TranscriptAuditor.Audit(sent, [Bot(1)]).Lost);
    }

    [Fact]
    public void Audit_WhenAMessageIsStoredTwice_CountsADuplicate()
    {
        SentMessage[] sent = [new("m1", "where is my order", 1)];
        ConversationEvent[] transcript = [Customer(1, "where is my order"), Customer(2, "where is my order"), Bot(3)];

        TranscriptAudit audit = TranscriptAuditor.Audit(sent, transcript);

        Assert.Equal(1, audit.Duplicates);
        Assert.Equal(0, audit.Lost);
    }

    [Fact]
    public void Audit_WhenTheServerEchoesTheClientMessageId_UsesItToSpotDuplicates()
    {
        SentMessage[] sent = [new("m1", "hi", 1), new("m2", "hi", null)];
        ConversationEvent[] transcript = [Customer(1, "hi", "m1"), Customer(2, "hi", "m1")];

        Assert.Equal(1, TranscriptAuditor.Audit(sent, transcript).Duplicates);
    }

    [Fact]
    public void Audit_WhenAnUnackedMessageWasStored_IsNotADuplicate()
    {
        SentMessage[] sent = [new("m1", "hi", null), new("m2", "hi", 2)];
        ConversationEvent[] transcript = [Customer(1, "hi"), Customer(2, "hi")];

        TranscriptAudit audit = TranscriptAuditor.Audit(sent, transcript);

        Assert.Equal(0, audit.Duplicates);
        Assert.Equal(1, audit.UnackedStored);
    }

    [Fact]
    public void Audit_WhenASeqAppearsTwice_CountsADuplicate()
    {
        SentMessage[] sent = [new("m1", "hi", 1)];

        Assert.Equal(1, TranscriptAuditor.Audit(sent, [Customer(1, "hi"), Customer(1, "hi")]).Duplicates);
    }

    private static ConversationEvent Customer(long seq, string text, string? clientMessageId = null) =>
        new("s", seq, "message", new EventSender("customer", "c", null), text, DateTimeOffset.UtcNow,
            clientMessageId is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(new { clientMessageId }));

    private static ConversationEvent Bot(long seq) =>
        new("s", seq, "message", new EventSender("bot", null, null), "answer", DateTimeOffset.UtcNow, null);
}
