using Conversations.Abstractions;
using Conversations.Runtime;
using Conversations.Server.Api;
using Conversations.Server.Internal;

namespace Conversations.Server.Tests.Hosting;

public sealed class ErrorMappingTests
{
    [Fact]
    public void TryMap_Refusal_KeepsItsCodeAndMessage()
    {
        Assert.True(ErrorMapping.TryMap(ConversationException.Conflict("The session is closed."), out var code, out var message));
        Assert.Equal(ErrorCodes.Conflict, code);
        Assert.Equal("E_CONFLICT: The session is closed.", message);
    }

    [Fact]
    public void TryMap_OverloadAndTimeouts_AreOverloaded()
    {
        Assert.True(ErrorMapping.TryMap(new GrainOverloadedException("queue full"), out var overloaded, out var overloadedMessage));
        Assert.True(ErrorMapping.TryMap(new GrainCallTimeoutException("late"), out var timeout, out _));
        Assert.True(ErrorMapping.TryMap(new SiloUnavailableException("gone"), out var unavailable, out _));

        Assert.Equal(ErrorCodes.Overloaded, overloaded);
        Assert.Equal(ErrorCodes.Overloaded, timeout);
        Assert.Equal(ErrorCodes.Overloaded, unavailable);
        Assert.StartsWith("E_OVERLOADED: ", overloadedMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("queue full", overloadedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_RemoteRefusalKnownOnlyByMessage_KeepsItsCode()
    {
        Assert.True(ErrorMapping.TryMap(new GrainException("ConversationException", "E_FORBIDDEN: not yours", null), out var code, out _));
        Assert.Equal(ErrorCodes.Forbidden, code);
    }

    [Fact]
    public void TryMap_Unexpected_GivesAGenericMessage()
    {
        Assert.False(ErrorMapping.TryMap(new InvalidOperationException("secret internals"), out _, out var message));
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCodes.BadRequest, 400)]
    [InlineData(ErrorCodes.Unauthorized, 401)]
    [InlineData(ErrorCodes.Forbidden, 403)]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.Conflict, 409)]
    [InlineData(ErrorCodes.RateLimited, 429)]
    [InlineData(ErrorCodes.Overloaded, 503)]
    public void StatusOf_MapsEveryCode(string code, int status) => Assert.Equal(status, ApiProblems.StatusOf(code));
}
