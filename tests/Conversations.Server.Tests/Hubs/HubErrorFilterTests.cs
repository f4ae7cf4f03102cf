using Conversations.Abstractions;
using Conversations.Server.Hubs;
using Conversations.Server.Metrics;
using Conversations.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversations.Server.Tests.Hubs;

public sealed class HubErrorFilterTests
{
    private readonly HubErrorFilter _filter = new(new ServerMetrics(new TestMeterFactory()), NullLogger<HubErrorFilter>.Instance);

    [Fact]
    public async Task AnUnexpectedFailure_ReachesTheClientAsEInternal_WithoutItsMessage()
    {
        var refused = await Assert.ThrowsAsync<HubException>(
            () => _filter.InvokeMethodAsync(Invocation(), _ => throw new InvalidOperationException("secret internals")).AsTask());

        Assert.Equal(ErrorCodes.Internal, ConversationException.CodeOf(refused.Message));
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusal_ReachesTheClientWithItsOwnCode()
    {
        var refused = await Assert.ThrowsAsync<HubException>(
            () => _filter.InvokeMethodAsync(Invocation(), _ => throw ConversationException.Conflict("The session is closed.")).AsTask());

        Assert.Equal("E_CONFLICT: The session is closed.", refused.Message);
    }

    private static HubInvocationContext Invocation() =>
        new(null!, null!, new TestHub(), typeof(TestHub).GetMethod(nameof(TestHub.Ping))!, []);

    private sealed class TestHub : Microsoft.AspNetCore.SignalR.Hub
    {
        public static void Ping()
        {
        }
    }
}
