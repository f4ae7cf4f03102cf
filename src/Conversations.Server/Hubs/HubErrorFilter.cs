using System.Diagnostics;
using Conversations.Abstractions;
using Conversations.Server.Internal;
using Conversations.Server.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Hubs;

/// <summary>
/// Outermost hub filter: turns refusals into <see cref="HubException"/>s whose message starts with the stable code,
/// logs unexpected failures (the client sees E_INTERNAL and a generic message), and counts calls and connections.
/// </summary>
public sealed class HubErrorFilter(ServerMetrics metrics, ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var hub = HubName(invocationContext.Hub);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException e)
        {
            metrics.Error(ConversationException.CodeOf(e.Message) ?? "hub");
            throw;
        }
        catch (Exception e) when (ErrorMapping.TryMap(e, out var code, out var message))
        {
            metrics.Error(code);
            throw new HubException(message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Hub method {Hub}.{Method} failed", hub, invocationContext.HubMethodName);
            metrics.Error(ErrorCodes.Internal);
            throw new HubException($"{ErrorCodes.Internal}: {ErrorMapping.UnexpectedMessage}");
        }
        finally
        {
            metrics.Invoked(hub, invocationContext.HubMethodName, Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        metrics.Connected(HubName(context.Hub));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        metrics.Disconnected(HubName(context.Hub));
        try
        {
            await next(context, exception);
        }
        catch (Exception e)
        {
            // A failed clean-up must not keep SignalR from forgetting the connection.
            logger.LogWarning(e, "Clean-up of connection {Connection} failed", context.Context.ConnectionId);
        }
    }

    private static string HubName(Hub hub) => hub switch
    {
        CustomerHub => "customer",
        AgentHub => "agent",
        _ => hub.GetType().Name,
    };
}
