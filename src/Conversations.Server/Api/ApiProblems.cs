using Conversations.Abstractions;
using Microsoft.AspNetCore.Mvc;

namespace Conversations.Server.Api;

/// <summary>The REST error shape: <c>application/problem+json</c> with the stable <c>code</c> and the HTTP status it maps to.</summary>
public static class ApiProblems
{
    public const string CodeKey = "code";

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.BadRequest => StatusCodes.Status400BadRequest,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Overloaded => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The code for an HTTP error status the framework answered with (routing, Kestrel, a failed middleware).</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Overloaded,
        // 400, and what else a client got wrong: a body too large (413), a media type refused (415)…
        >= 400 and < 500 => ErrorCodes.BadRequest,
        _ => ErrorCodes.Internal,
    };

    /// <summary>A problem result for <paramref name="code"/>; <paramref name="detail"/> starts with the code.</summary>
    public static IResult Result(string code, string detail) => Results.Problem(
        detail: detail,
        statusCode: StatusOf(code),
        title: TitleOf(code),
        extensions: new Dictionary<string, object?> { [CodeKey] = code });

    /// <summary>A problem for an error that has no code of its own (logged by the caller).</summary>
    public static IResult Unexpected(string detail) => Result(ErrorCodes.Internal, $"{ErrorCodes.Internal}: {detail}");

    public static Task WriteAsync(HttpContext context, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result(code, detail).ExecuteAsync(context);
    }

    /// <summary>
    /// Gives a problem the framework writes (status code pages, the exception handler) the code of its status, with a
    /// detail that starts with it, as the API's own problems have.
    /// </summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey(CodeKey)) return;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = CodeOf(status);
        problem.Extensions[CodeKey] = code;
        problem.Title ??= TitleOf(code);
        problem.Detail = $"{code}: {problem.Detail ?? ReasonOf(status)}";
    }

    private static string ReasonOf(int status) => status switch
    {
        StatusCodes.Status404NotFound => "no such API endpoint.",
        StatusCodes.Status405MethodNotAllowed => "this API endpoint does not take that HTTP method.",
        StatusCodes.Status413PayloadTooLarge => "the request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "the request body's media type is not accepted.",
        >= 500 => "an unexpected error occurred; it has been logged.",
        _ => "the request was refused.",
    };

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.BadRequest => "Bad request",
        ErrorCodes.Unauthorized => "Unauthorized",
        ErrorCodes.Forbidden => "Forbidden",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.MethodNotAllowed => "Method not allowed",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.RateLimited => "Too many requests",
        ErrorCodes.Overloaded => "Overloaded",
        ErrorCodes.Internal => "Internal error",
        _ => "Error",
    };
}
