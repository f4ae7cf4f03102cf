using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Bot.Privacy;
using Conversations.Runtime;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// The bot's window on orders: looks an order up as its customer (never as staff, so the order grain
/// itself refuses other customers' orders), lists the customer's recent orders as quick replies, and
/// builds the masked order card.
/// </summary>
internal sealed class OrderDesk
{
    private const int ItemNameLength = 14;

    private readonly IGrainFactory _grains;
    private readonly PiiMasker _masker;
    private readonly BotPolicyOptions _options;

    public OrderDesk(IGrainFactory grains, PiiMasker masker, BotPolicyOptions options)
    {
        _grains = grains;
        _masker = masker;
        _options = options;
    }

    public IOrderGrain Grain(string orderId) => _grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>
    /// The order and its assessment, or null when the customer may not see it. Someone else's order and a
    /// missing one look the same here, so nothing the bot says can tell them apart.
    /// </summary>
    public async Task<OrderFacts?> FindAsync(string customerId, string orderId) =>
        await Grain(orderId).Lookup(customerId) is { } found ? new OrderFacts(found.View, found.Assessment) : null;

    /// <summary>The customer's most recent orders (newest first) as quick replies that send "Order &lt;id&gt;".</summary>
    public async Task<IReadOnlyList<QuickReplyOption>> RecentOrdersAsync(string customerId, Speech speech, string? except = null)
    {
        var context = await _grains.GetGrain<ICustomerGrain>(customerId).GetContext();
        var ids = context.OrderIds
            .Where(id => !string.Equals(id, except, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Take(_options.MaxQuickReplies)
            .ToList();
        var labels = await Task.WhenAll(ids.Select(id => LabelAsync(customerId, id, speech)));
        var options = new List<QuickReplyOption>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (labels[i] is { } label) options.Add(new QuickReplyOption(label, speech.T($"Order {ids[i]}", $"订单 {ids[i]}")));
        }

        return options;
    }

    public OrderCard Card(OrderFacts facts, Speech speech)
    {
        var order = facts.Order;
        var last = facts.LastEvent;
        var address = order.Address;
        return new OrderCard(
            facts.OrderId,
            order.Status,
            StatusLabel(order.Status, speech),
            [.. order.Items.Select(item => new OrderCardItem(item.Sku, item.Name, item.Quantity, item.Price))],
            order.Amount,
            order.Currency,
            order.Carrier,
            order.TrackingNo,
            last is null ? null : new OrderCardEvent(last.At, last.Status, last.Location, _masker.Mask(last.Description, Hints(address))),
            order.PaidAt,
            order.ShippedAt,
            order.DeliveredAt,
            order.PromisedShipBy,
            order.PromisedDeliveryBy,
            new OrderCardRecipient(PiiMasker.MaskName(address.Name.Trim()), PiiMasker.MaskPhone(address.Phone), MaskAddress(address)));
    }

    /// <summary>A logistics description safe to show: phones and the recipient's name and street masked.</summary>
    public string SafeDescription(OrderFacts facts, LogisticsEvent logisticsEvent) =>
        _masker.Mask(logisticsEvent.Description, Hints(facts.Order.Address));

    public static string StatusLabel(string status, Speech speech) => status switch
    {
        OrderStatuses.PendingPayment => speech.T("Awaiting payment", "待付款"),
        OrderStatuses.Paid => speech.T("Not shipped yet", "待发货"),
        OrderStatuses.Shipped => speech.T("On its way", "运输中"),
        OrderStatuses.Delivered => speech.T("Delivered", "已签收"),
        OrderStatuses.Cancelled => speech.T("Cancelled", "已取消"),
        _ => status,
    };

    /// <summary>"上海市 浦东新区张****": the city and the start of the street, enough for the owner to recognise.</summary>
    public static string MaskAddress(OrderAddress address)
    {
        var line = address.Line1.Trim();
        var keep = Math.Clamp(line.Length / 3, 0, 6);
        var masked = line.Length == 0 ? string.Empty : line[..keep].TrimEnd() + "****";
        return string.IsNullOrWhiteSpace(address.City) ? masked : $"{address.City.Trim()} {masked}";
    }

    private static PiiHints Hints(OrderAddress address) => new([address.Name], [address.Line1]);

    private async Task<string?> LabelAsync(string customerId, string orderId, Speech speech)
    {
        try
        {
            var view = await Grain(orderId).Get(customerId);
            var items = view.Order.Items;
            var first = items.Count == 0 ? string.Empty : Shorten(items[0].Name);
            var more = items.Count > 1 ? speech.T($" +{items.Count - 1}", $" 等{items.Count}件") : string.Empty;
            var tail = orderId.Length > 4 ? orderId[^4..] : orderId;
            return speech.IsChinese
                ? $"{first}{more} · {StatusLabel(view.Order.Status, speech)} · 尾号{tail}"
                : $"{first}{more} · {StatusLabel(view.Order.Status, speech)} · …{tail}";
        }
        catch (ConversationException e) when (e.Code is ErrorCodes.Forbidden or ErrorCodes.NotFound or ErrorCodes.BadRequest)
        {
            return null;
        }
    }

    private static string Shorten(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= ItemNameLength ? trimmed : trimmed[..ItemNameLength].TrimEnd() + "…";
    }
}
