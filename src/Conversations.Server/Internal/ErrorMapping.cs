using Conversations.Abstractions;
using Conversations.Runtime;

namespace Conversations.Server.Internal;

/// <summary>
/// Turns what a grain call can throw into the contract's stable codes; the message always starts with the code.
/// Anything not listed is unexpected: callers log it and answer with a generic message.
/// </summary>
internal static class ErrorMapping
{
    public const string OverloadedMessage = $"{ErrorCodes.Overloaded}: the service is busy; retry in a few seconds.";
    public const string TimeoutMessage = $"{ErrorCodes.Overloaded}: the service did not answer in time; retry in a few seconds.";
    public const string UnexpectedMessage = "An unexpected error occurred; it has been logged.";

    public static bool TryMap(Exception exception, out string code, out string message)
    {
        switch (exception)
        {
            case ConversationException refusal:
                code = refusal.Code;
                message = refusal.Message.StartsWith(refusal.Code, StringComparison.Ordinal) ? refusal.Message : $"{refusal.Code}: {refusal.Message}";
                return true;
            case GrainOverloadedException:
                code = ErrorCodes.Overloaded;
                message = OverloadedMessage;
                return true;
            case TimeoutException or SiloUnavailableException:
                code = ErrorCodes.Overloaded;
                message = TimeoutMessage;
                return true;
            case GrainException remote when ConversationException.CodeOf(remote.Message) is { } remoteCode:
                code = remoteCode;
                message = remote.Message;
                return true;
            default:
                code = string.Empty;
                message = UnexpectedMessage;
                return false;
        }
    }
}
