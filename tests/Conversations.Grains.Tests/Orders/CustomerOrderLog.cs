using System.Collections.Concurrent;

namespace Conversations.Grains.Tests.Orders;

/// <summary>What <see cref="RecordingCustomerGrain"/> was told; set <see cref="Failing"/> to make it refuse.</summary>
public sealed class CustomerOrderLog
{
    public ConcurrentQueue<(string CustomerId, string OrderId)> Added { get; } = new();

    public volatile bool Failing;

    public bool Contains(string customerId, string orderId) => Added.Contains((customerId, orderId));
}
