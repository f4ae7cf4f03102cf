using Conversations.Abstractions.Orders;
using Conversations.Server.Demo;

namespace Conversations.Server.Tests.Demo;

public sealed class DemoDataTests
{
    [Fact]
    public void DemoFiles_ParseAndResolveEveryTime()
    {
        var now = DateTimeOffset.UtcNow;
        var orders = DemoData.Orders();

        Assert.NotEmpty(orders);
        Assert.NotEmpty(DemoData.Customers());
        Assert.NotEmpty(DemoData.Agents());
        foreach (var order in orders)
        {
            var document = DemoData.ToDocument(order, now);
            Assert.Contains(document.Status, OrderStatuses.All);
            var logistics = DemoData.ToLogistics(order, now);
            Assert.Equal(logistics.OrderBy(l => l.At), logistics);
        }
    }

    [Fact]
    public void DemoOrders_BelongToDemoCustomers()
    {
        var customers = DemoData.Customers().Select(c => c.CustomerId).ToHashSet();
        Assert.All(DemoData.Orders(), o => Assert.Contains(o.CustomerId, customers));
    }
}
