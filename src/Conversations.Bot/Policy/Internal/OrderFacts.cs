using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Policy.Internal;

/// <summary>An order as its customer may see it, with what the policies say about it now.</summary>
internal sealed record OrderFacts(OrderView View, OrderAssessment Assessment)
{
    public string OrderId => View.OrderId;

    public OrderDocument Order => View.Order;

    public string Status => View.Order.Status;

    public LogisticsEvent? LastEvent => View.Logistics.Count > 0 ? View.Logistics[^1] : null;
}
