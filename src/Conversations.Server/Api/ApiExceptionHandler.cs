using Conversations.Server.Internal;
using Microsoft.AspNetCore.Diagnostics;

namespace Conversations.Server.Api;

/// <summary>
/// Answers an exception that escaped to the exception handler on an <c>/api</c> path (thrown by a middleware, or by an
/// endpoint outside <see cref="ApiErrorFilter"/>) with the same problem+json as the endpoints: a refusal keeps its
/// code, a request Kestrel refused keeps its status, anything else is logged and answered E_INTERNAL.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (ErrorMapping.TryMap(exception, out var code, out var message))
        {
            await ApiProblems.WriteAsync(httpContext, code, message);
        }
        else if (exception is BadHttpRequestException refused)
        {
            // Kestrel's own refusals (a body over its limit, a malformed request): the client's fault, with its status.
            var refusedCode = ApiProblems.CodeOf(refused.StatusCode);
            await Results.Problem(
                detail: $"{refusedCode}: {refused.Message}",
                statusCode: refused.StatusCode,
                extensions: new Dictionary<string, object?> { [ApiProblems.CodeKey] = refusedCode }).ExecuteAsync(httpContext);
        }
        else
        {
            logger.LogError(exception, "{Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
            await ApiProblems.Unexpected(ErrorMapping.UnexpectedMessage).ExecuteAsync(httpContext);
        }

        return true;
    }
}
