namespace Conversations.Abstractions.Orders;

/// <summary>One of a customer's orders as <see cref="IOrderGrain.Lookup"/> finds it: the order and what the policies say now.</summary>
public sealed record CustomerOrder(OrderView View, OrderAssessment Assessment);
