using Conversations.Abstractions;
using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Orders.Internal;

/// <summary>Input checks of the order grain's entry points; each refusal names the field, as the REST body spells it.</summary>
internal static class OrderValidation
{
    private const int MaxIdLength = 64;
    private const int MaxItems = 500;
    private const int MaxTextLength = 500;

    public static void ValidateOrderId(string orderId)
    {
        if (string.IsNullOrWhiteSpace(orderId) || orderId.Length > MaxIdLength)
        {
            throw ConversationException.BadRequest($"orderId must be 1 to {MaxIdLength} characters.");
        }
    }

    public static void ValidateDocument(OrderDocument? document)
    {
        if (document is null) throw ConversationException.BadRequest("The order document is required.");

        Text(document.CustomerId, "customerId", MaxIdLength);
        if (document.Status is null || !OrderStatuses.All.Contains(document.Status))
        {
            throw ConversationException.BadRequest($"status must be one of {string.Join(", ", OrderStatuses.All)} (was '{document.Status}').");
        }

        if (document.Items is null || document.Items.Count == 0) throw ConversationException.BadRequest("items must list at least one item.");
        if (document.Items.Count > MaxItems) throw ConversationException.BadRequest($"items may list at most {MaxItems} items.");
        var skus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Items.Count; i++)
        {
            var item = document.Items[i] ?? throw ConversationException.BadRequest($"items[{i}] is empty.");
            Text(item.Sku, $"items[{i}].sku", MaxIdLength);
            Text(item.Name, $"items[{i}].name", MaxTextLength);
            if (item.Quantity < 1) throw ConversationException.BadRequest($"items[{i}].quantity must be at least 1 (was {item.Quantity}).");
            if (item.Price < 0) throw ConversationException.BadRequest($"items[{i}].price must not be negative (was {item.Price}).");

            // After-sales cases name items by sku, so a sku must identify one line.
            if (!skus.Add(item.Sku)) throw ConversationException.BadRequest($"items[{i}].sku '{item.Sku}' appears twice; merge the lines.");
        }

        if (document.Amount < 0) throw ConversationException.BadRequest($"amount must not be negative (was {document.Amount}).");
        if (document.Currency is null || document.Currency.Length != 3 || !document.Currency.All(char.IsAsciiLetterUpper))
        {
            throw ConversationException.BadRequest($"currency must be a three-letter ISO 4217 code such as CNY (was '{document.Currency}').");
        }

        OptionalText(document.Carrier, "carrier", MaxIdLength);
        OptionalText(document.TrackingNo, "trackingNo", MaxIdLength);

        var address = document.Address ?? throw ConversationException.BadRequest("address is required.");
        Text(address.Name, "address.name", MaxTextLength);
        Text(address.Phone, "address.phone", 32);
        Text(address.Line1, "address.line1", MaxTextLength);
        OptionalText(address.City, "address.city", MaxTextLength);
        OptionalText(address.Country, "address.country", MaxTextLength);

        ValidateDates(document);
    }

    public static void ValidateLogistics(LogisticsEvent? logisticsEvent)
    {
        if (logisticsEvent is null) throw ConversationException.BadRequest("The logistics event is required.");
        if (logisticsEvent.At == default) throw ConversationException.BadRequest("at is required.");
        var status = logisticsEvent.Status;
        if (string.IsNullOrEmpty(status) || status.Length > 32 || !status.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw ConversationException.BadRequest(
                $"status must be a lower-case snake_case word such as {string.Join(", ", LogisticsStatuses.Known)} (was '{status}').");
        }

        OptionalText(logisticsEvent.Location, "location", MaxTextLength);
        Text(logisticsEvent.Description, "description", MaxTextLength);
    }

    public static void ValidateCaseRequest(OpenCaseRequest? request, OrderDocument order)
    {
        if (request is null) throw ConversationException.BadRequest("The case request is required.");
        if (request.Type is null || !CaseTypes.All.Contains(request.Type))
        {
            throw ConversationException.BadRequest($"type must be one of {string.Join(", ", CaseTypes.All)} (was '{request.Type}').");
        }

        if (request.Reason is null || !CaseReasons.All.Contains(request.Reason))
        {
            throw ConversationException.BadRequest($"reason must be one of {string.Join(", ", CaseReasons.All)} (was '{request.Reason}').");
        }

        OptionalText(request.Note, "note", 2000);
        if (request.Skus is null) return;
        foreach (var sku in request.Skus)
        {
            if (!order.Items.Any(item => item.Sku == sku))
            {
                throw ConversationException.BadRequest($"skus: '{sku}' is not an item of this order.");
            }
        }
    }

    public static void ValidateActor(string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > 128)
        {
            throw ConversationException.BadRequest("actor must be 1 to 128 characters, e.g. agent:a-7, customer:c-1001, bot or system.");
        }

        if (CaseActors.CustomerIdOf(actor) is { Length: 0 }) throw ConversationException.BadRequest("actor 'customer:' must name the customer.");
    }

    private static void ValidateDates(OrderDocument document)
    {
        var status = document.Status;
        var paidRequired = status is OrderStatuses.Paid or OrderStatuses.Shipped or OrderStatuses.Delivered;
        if (paidRequired && document.PaidAt is null) throw ConversationException.BadRequest($"paidAt is required when status is {status}.");
        var shippedRequired = status is OrderStatuses.Shipped or OrderStatuses.Delivered;
        if (shippedRequired && document.ShippedAt is null) throw ConversationException.BadRequest($"shippedAt is required when status is {status}.");
        if (status == OrderStatuses.Delivered && document.DeliveredAt is null) throw ConversationException.BadRequest("deliveredAt is required when status is delivered.");
        if (status == OrderStatuses.PendingPayment)
        {
            if (document.ShippedAt is not null) throw ConversationException.BadRequest("shippedAt must be empty while status is pending_payment.");
            if (document.DeliveredAt is not null) throw ConversationException.BadRequest("deliveredAt must be empty while status is pending_payment.");
        }

        NotBefore(document.ShippedAt, "shippedAt", document.PaidAt, "paidAt");
        NotBefore(document.DeliveredAt, "deliveredAt", document.ShippedAt, "shippedAt");
        NotBefore(document.DeliveredAt, "deliveredAt", document.PaidAt, "paidAt");
        NotBefore(document.PromisedShipBy, "promisedShipBy", document.PaidAt, "paidAt");
        NotBefore(document.PromisedDeliveryBy, "promisedDeliveryBy", document.PromisedShipBy, "promisedShipBy");
        NotBefore(document.PromisedDeliveryBy, "promisedDeliveryBy", document.PaidAt, "paidAt");
    }

    private static void NotBefore(DateTimeOffset? later, string laterName, DateTimeOffset? earlier, string earlierName)
    {
        if (later is { } l && earlier is { } e && l < e)
        {
            throw ConversationException.BadRequest($"{laterName} ({l:O}) must not be before {earlierName} ({e:O}).");
        }
    }

    private static void Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) throw ConversationException.BadRequest($"{field} is required.");
        if (value.Length > maxLength) throw ConversationException.BadRequest($"{field} must be at most {maxLength} characters.");
    }

    private static void OptionalText(string? value, string field, int maxLength)
    {
        if (value is not null && value.Length > maxLength) throw ConversationException.BadRequest($"{field} must be at most {maxLength} characters.");
    }
}
