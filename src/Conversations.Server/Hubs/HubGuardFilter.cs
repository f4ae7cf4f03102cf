using System.Globalization;
using Conversations.Abstractions;
using Conversations.Server.Auth;
using Conversations.Server.Internal;
using Conversations.Server.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Hubs;

/// <summary>
/// Checks every hub call before it runs: the connection's token must not have expired since it connected
/// (E_UNAUTHORIZED), and the connection must be within its rate limit (E_RATE_LIMITED).
/// </summary>
public sealed class HubGuardFilter(IOptions<RateLimitOptions> rateLimits, IOptions<AuthOptions> auth, TimeProvider time, ServerMetrics metrics) : IHubFilter
{
    private readonly RateLimitOptions _rateLimits = rateLimits.Value;
    private readonly AuthOptions _auth = auth.Value;

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var caller = invocationContext.Context;
        if (HasExpired(caller))
        {
            throw new HubException($"{ErrorCodes.Unauthorized}: the token has expired; connect again with a fresh one.");
        }

        if (!ConnectionItems.Of(caller).RateLimit.TryTake(out var wait))
        {
            metrics.RateLimited();
            var retry = Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds));
            throw new HubException(
                $"{ErrorCodes.RateLimited}: this connection makes more than {_rateLimits.MessagesPerSecond.ToString(CultureInfo.InvariantCulture)} calls per second; retry in {retry} ms.");
        }

        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        ConnectionItems.Attach(context.Context, new TokenBucket(_rateLimits.MessagesPerSecond, _rateLimits.Burst, time));
        return next(context);
    }

    private bool HasExpired(HubCallerContext caller)
    {
        var claim = caller.User?.FindFirst(ConversationRoles.ExpiresClaim)?.Value;
        if (claim is null || !long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return true;
        return time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(seconds) + _auth.ClockSkew;
    }
}
