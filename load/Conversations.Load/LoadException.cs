namespace Conversations.Load;

/// <summary>A failure the run counts under a code (<c>HTTP_404</c>, <c>E_BAD_RESPONSE</c>…) rather than crashing on.</summary>
public sealed class LoadException : Exception
{
    public LoadException()
    {
        Code = "E_UNKNOWN";
    }

    public LoadException(string message)
        : base(message)
    {
        Code = "E_UNKNOWN";
    }

    public LoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "E_UNKNOWN";
    }

    public LoadException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
