namespace Conversations.Abstractions;

/// <summary>
/// A refusal the caller should see, with a stable code from <see cref="ErrorCodes"/>. The message starts
/// with the code, so it survives any hop that keeps only an exception's message.
/// </summary>
public sealed class ConversationException : Exception
{
    public ConversationException()
    {
        Code = ErrorCodes.BadRequest;
    }

    public ConversationException(string message) : base(message)
    {
        Code = CodeOf(message) ?? ErrorCodes.BadRequest;
    }

    public ConversationException(string message, Exception innerException) : base(message, innerException)
    {
        Code = CodeOf(message) ?? ErrorCodes.BadRequest;
    }

    public ConversationException(string code, string detail, bool withCode) : base(withCode ? $"{code}: {detail}" : detail)
    {
        Code = code;
    }

    public string Code { get; }

    public static ConversationException BadRequest(string detail) => new(ErrorCodes.BadRequest, detail, true);

    public static ConversationException Forbidden(string detail) => new(ErrorCodes.Forbidden, detail, true);

    public static ConversationException NotFound(string detail) => new(ErrorCodes.NotFound, detail, true);

    public static ConversationException Conflict(string detail) => new(ErrorCodes.Conflict, detail, true);

    public static ConversationException Overloaded(string detail) => new(ErrorCodes.Overloaded, detail, true);

    /// <summary>The code at the start of a message ("E_CONFLICT: …"), if there is one.</summary>
    public static string? CodeOf(string? message)
    {
        if (message is null || !message.StartsWith("E_", StringComparison.Ordinal)) return null;
        var end = 2;
        while (end < message.Length && (char.IsAsciiLetterUpper(message[end]) || message[end] == '_')) end++;
        return end > 2 ? message[..end] : null;
    }
}
