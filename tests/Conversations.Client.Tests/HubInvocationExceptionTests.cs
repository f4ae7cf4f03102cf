namespace Conversations.Client.Tests;

public sealed class HubInvocationExceptionTests
{
    [Theory]
    [InlineData("E_BAD_REQUEST: text is over 4000 characters", "E_BAD_REQUEST")]
    [InlineData("E_RATE_LIMITED", "E_RATE_LIMITED")]
    [InlineData("An unexpected error occurred invoking 'SendMessage' on the server. HubException: E_FORBIDDEN: not your session", "E_FORBIDDEN")]
    [InlineData("An unexpected error occurred invoking 'StartSession' on the server.", null)]
    [InlineData("E_", null)]
    [InlineData("XE_FOO is not a code", null)]
    [InlineData("E_lower is not a code", null)]
    [InlineData("", null)]
    public void Code_IsTheFirstErrorCodeWordOfTheMessage(string message, string? expected)
    {
        var exception = new HubInvocationException(message);

        Assert.Equal(expected, exception.Code);
        Assert.Equal(message, exception.Message);
    }
}
