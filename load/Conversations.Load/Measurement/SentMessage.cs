namespace Conversations.Load.Measurement;

/// <summary>A customer message the tool sent: <paramref name="AckedSeq"/> is the seq the server acknowledged, null when no ack came.</summary>
public sealed record SentMessage(string ClientMessageId, string Text, long? AckedSeq);
