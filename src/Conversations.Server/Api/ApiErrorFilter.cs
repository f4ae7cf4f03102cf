using Conversations.Server.Internal;

namespace Conversations.Server.Api;

/// <summary>Answers refusals and failures of REST endpoints with problem+json carrying the stable code; unexpected errors are logged.</summary>
public sealed class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception e) when (ErrorMapping.TryMap(e, out var code, out var message))
        {
            return ApiProblems.Result(code, message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "{Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ApiProblems.Unexpected(ErrorMapping.UnexpectedMessage);
        }
    }
}
