using Conversations.Abstractions.Customers;
using Conversations.Runtime;

namespace Conversations.Grains.Tests.Orders;

/// <summary>
/// Stands in for the customer grain in the order tests: records <see cref="AddOrder"/> in a
/// <see cref="CustomerOrderLog"/>. Registered only by <see cref="OrderClusters"/>, never by assembly scan
/// of the Grains assembly, so it does not clash with the real CustomerGrain.
/// </summary>
public sealed class RecordingCustomerGrain : Grain, ICustomerGrain
{
    private readonly CustomerOrderLog _log;

    public RecordingCustomerGrain(CustomerOrderLog log)
    {
        _log = log;
    }

    public Task AddOrder(string orderId)
    {
        if (_log.Failing) throw new InvalidOperationException("customer grain unavailable (test)");
        _log.Added.Enqueue((GetPrimaryKeyString(), orderId));
        return Task.CompletedTask;
    }

    public Task SetProfile(CustomerProfile profile) => throw new NotSupportedException();

    public Task<CustomerContext> GetContext() => throw new NotSupportedException();

    public Task<StartSessionResult> StartSession(string channel, string? language, string? orderId) => throw new NotSupportedException();

    public Task RecordTopic(string sessionId, string? intent, string? orderId) => throw new NotSupportedException();

    public Task OnSessionEnded(SessionMemory memory) => throw new NotSupportedException();

    public Task<SessionMemory?> FindRepeatContact(string orderId, string currentSessionId) => throw new NotSupportedException();
}
