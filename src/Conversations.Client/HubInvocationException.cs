namespace Conversations.Client;

/// <summary>A hub method failed on the server; the message is the server's error text.</summary>
public sealed class HubInvocationException : Exception
{
    public HubInvocationException()
    {
    }

    public HubInvocationException(string message)
        : base(message)
    {
        Code = ParseCode(message);
    }

    public HubInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ParseCode(message);
    }

    /// <summary>
    /// The stable error code (<c>E_BAD_REQUEST</c>, <c>E_FORBIDDEN</c>…) the server put at the start of its
    /// <c>HubException</c> message, or null. ASP.NET Core prefixes the text it sends with
    /// "An unexpected error occurred invoking 'X' on the server. HubException: ", so the first
    /// <c>E_[A-Z_]+</c> word is taken wherever it starts.
    /// </summary>
    public string? Code { get; }

    internal static string? ParseCode(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        for (int start = message.IndexOf("E_", StringComparison.Ordinal);
             start >= 0;
             start = message.IndexOf("E_", start + 2, StringComparison.Ordinal))
        {
            if (start > 0 && IsWordCharacter(message[start - 1]))
            {
                continue;
            }

            int end = start + 2;
            while (end < message.Length && (char.IsAsciiLetterUpper(message[end]) || message[end] == '_'))
            {
                end++;
            }

            bool endsWord = end == message.Length || !IsWordCharacter(message[end]);
            if (end > start + 2 && endsWord)
            {
                return message[start..end];
            }
        }

        return null;
    }

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
