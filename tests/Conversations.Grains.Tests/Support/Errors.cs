using Conversations.Abstractions;

namespace Conversations.Grains.Tests.Support;

/// <summary>Asserts that a call is refused with a given stable code.</summary>
public static class Errors
{
    public static async Task<ConversationException> ExpectAsync(string code, Func<Task> call)
    {
        var refusal = await Assert.ThrowsAsync<ConversationException>(call);
        Assert.Equal(code, refusal.Code);
        Assert.StartsWith(code, refusal.Message, StringComparison.Ordinal);
        return refusal;
    }
}
