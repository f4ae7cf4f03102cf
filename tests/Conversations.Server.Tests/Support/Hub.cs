using Conversations.Client;

namespace Conversations.Server.Tests.Support;

/// <summary>Assertions on hub calls.</summary>
public static class Hub
{
    /// <summary>Asserts the call fails with <paramref name="code"/> and returns the server's message.</summary>
    public static async Task<string> FailsWithAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubInvocationException>(call);
        Assert.True(error.Code == code, $"Expected {code} but the server said: {error.Message}");
        return error.Message;
    }
}
