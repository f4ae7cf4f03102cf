namespace Conversations.Grains.Transcripts;

/// <summary>
/// An append named a seq that is already stored: another activation of the session wrote first. The
/// session must stop (deactivate) rather than fork its history.
/// </summary>
public sealed class TranscriptConflictException : Exception
{
    public TranscriptConflictException()
    {
    }

    public TranscriptConflictException(string message) : base(message)
    {
    }

    public TranscriptConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
