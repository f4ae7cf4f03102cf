using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>A session opened through its customer, with an observer subscribed to its pushes.</summary>
public sealed class TestSession(string id, string customerId, ISessionGrain grain, TestObserver observer)
{
    private int _messages;

    public string Id { get; } = id;

    public string CustomerId { get; } = customerId;

    public ISessionGrain Grain { get; } = grain;

    public TestObserver Observer { get; } = observer;

    /// <summary>Posts as the customer with a fresh clientMessageId.</summary>
    public Task<PostResult> PostAsync(string text) => Grain.PostCustomerMessage(CustomerId, $"m-{Interlocked.Increment(ref _messages)}", text);

    /// <summary>Posts, then waits for the pushed event that answers it (of <paramref name="kind"/>, after the post's seq).</summary>
    public async Task<ConversationEvent> PostAndWaitAsync(string text, string kind, Func<ConversationEvent, bool>? match = null)
    {
        var posted = await PostAsync(text);
        return await Observer.WaitForAsync(kind, e => e.Seq > posted.Seq && (match?.Invoke(e) ?? true));
    }

    public Task<IReadOnlyList<ConversationEvent>> HistoryAsync() => Grain.GetHistory(0, 1000);
}
