using System.Reflection;
using System.Text.Json;
using Conversations.Abstractions.Orders;
using Conversations.Bot;
using Conversations.Server.Hosting;

namespace Conversations.Server.Demo;

/// <summary>Reads the demo files the bot assembly embeds (<c>Data/demo/*.json</c>) and turns them into the grains' documents.</summary>
public static class DemoData
{
    private static Assembly BotAssembly => typeof(BotModel).Assembly;

    public static IReadOnlyList<DemoOrder> Orders() => Read<DemoOrder>("orders.json");

    public static IReadOnlyList<DemoCustomer> Customers() => Read<DemoCustomer>("customers.json");

    public static IReadOnlyList<DemoAgent> Agents() => Read<DemoAgent>("agents.json");

    /// <summary>The order document with every time resolved against <paramref name="now"/>.</summary>
    public static OrderDocument ToDocument(DemoOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderDocument(
            order.CustomerId,
            order.Status,
            order.Items,
            order.Amount,
            order.Currency,
            RelativeTime.Resolve(order.PaidAt, now),
            RelativeTime.Resolve(order.ShippedAt, now),
            RelativeTime.Resolve(order.DeliveredAt, now),
            order.Carrier,
            order.TrackingNo,
            RelativeTime.Resolve(order.PromisedShipBy, now),
            RelativeTime.Resolve(order.PromisedDeliveryBy, now),
            order.Address);
    }

    public static IReadOnlyList<LogisticsEvent> ToLogistics(DemoOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return (order.Logistics ?? [])
            .Select(e => new LogisticsEvent(RelativeTime.Parse(e.At, now), e.Status, e.Location, e.Description))
            .OrderBy(e => e.At)
            .ToList();
    }

    private static List<T> Read<T>(string file)
    {
        // MSBuild keeps the platform's separator in the resource name ("Conversations.Bot.Data.demo/orders.json").
        var name = BotAssembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/').EndsWith("demo/" + file, StringComparison.Ordinal) || n.EndsWith("demo." + file, StringComparison.Ordinal))
            ?? throw new FileNotFoundException($"The demo file '{file}' is not embedded in {BotAssembly.GetName().Name} (src/Conversations.Bot/Data/demo/).");
        using var stream = BotAssembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<List<T>>(stream, ServerJson.Options) ?? [];
    }
}
