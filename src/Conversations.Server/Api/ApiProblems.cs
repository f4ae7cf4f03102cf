using Conversations.Abstractions;

namespace Conversations.Server.Api;

/// <summary>The REST error shape: <c>application/problem+json</c> with the stable <c>code</c> and the HTTP status it maps to.</summary>
public static class ApiProblems
{
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.BadRequest => StatusCodes.Status400BadRequest,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Overloaded => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A problem result for <paramref name="code"/>; <paramref name="detail"/> starts with the code.</summary>
    public static IResult Result(string code, string detail) => Results.Problem(
        detail: detail,
        statusCode: StatusOf(code),
        title: TitleOf(code),
        extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A problem for an error that has no code (logged by the caller).</summary>
    public static IResult Unexpected(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");

    public static Task WriteAsync(HttpContext context, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result(code, detail).ExecuteAsync(context);
    }

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.BadRequest => "Bad request",
        ErrorCodes.Unauthorized => "Unauthorized",
        ErrorCodes.Forbidden => "Forbidden",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.RateLimited => "Too many requests",
        ErrorCodes.Overloaded => "Overloaded",
        _ => "Error",
    };
}
