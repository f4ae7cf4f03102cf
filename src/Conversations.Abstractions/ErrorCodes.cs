namespace Conversations.Abstractions;

/// <summary>The stable error codes of the public contract (PROTOCOL.md "Errors").</summary>
public static class ErrorCodes
{
    public const string BadRequest = "E_BAD_REQUEST";
    public const string Unauthorized = "E_UNAUTHORIZED";
    public const string Forbidden = "E_FORBIDDEN";
    public const string NotFound = "E_NOT_FOUND";
    public const string RateLimited = "E_RATE_LIMITED";
    public const string Overloaded = "E_OVERLOADED";
    public const string Conflict = "E_CONFLICT";
}
