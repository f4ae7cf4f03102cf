using Conversations.Server.Internal;

namespace Conversations.Server.Api;

/// <summary>
/// Answers the refusals of REST endpoints (and the grains behind them) with problem+json carrying the stable code.
/// Anything else goes on to <see cref="ApiExceptionHandler"/>, which logs it.
/// </summary>
public sealed class ApiErrorFilter : IEndpointFilter
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
    }
}
