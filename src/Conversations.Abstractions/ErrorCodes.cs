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

    // REST only, beyond PROTOCOL.md v1's list: so that every /api error carries a code.

    /// <summary>The path exists but not with this HTTP method (405).</summary>
    public const string MethodNotAllowed = "E_METHOD_NOT_ALLOWED";

    /// <summary>An unexpected failure on the server (500); it is logged.</summary>
    public const string Internal = "E_INTERNAL";
}
