namespace Conversations.Runtime;

/// <summary>An exception thrown by a grain on another silo whose type could not be rebuilt here: keeps the original type name and message.</summary>
public sealed class GrainException : Exception
{
    public GrainException()
    {
    }

    public GrainException(string message) : base(message)
    {
    }

    public GrainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GrainException(string originalType, string message, string? originalStackTrace) : base(message)
    {
        OriginalType = originalType;
        OriginalStackTrace = originalStackTrace;
    }

    public string? OriginalType { get; }

    public string? OriginalStackTrace { get; }

    public override string ToString() => $"{OriginalType ?? nameof(GrainException)}: {Message}";
}
