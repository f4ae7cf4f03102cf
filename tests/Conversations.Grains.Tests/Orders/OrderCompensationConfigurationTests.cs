using Conversations.Abstractions.Orders;
using Conversations.Grains.Orders;
using Microsoft.Extensions.Configuration;

namespace Conversations.Grains.Tests.Orders;

/// <summary>
/// The compensation a shop configures under <c>Conversations:Orders</c> is what the order grain owes: other amounts,
/// another currency, and 0 switching a coupon off.
/// </summary>
public sealed class OrderCompensationConfigurationTests : IAsyncLifetime
{
    private const string Customer = "c-4004";
    private Runtime.Testing.TestCluster _cluster = null!;

    private DateTimeOffset Now => _cluster.FakeTime.GetUtcNow();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{OrderPolicyOptions.SectionName}:{nameof(OrderPolicyOptions.LateShippingCoupon)}"] = "0",
            [$"{OrderPolicyOptions.SectionName}:{nameof(OrderPolicyOptions.LateDeliveryCoupon)}"] = "35.5",
            [$"{OrderPolicyOptions.SectionName}:{nameof(OrderPolicyOptions.CompensationCurrency)}"] = "USD",
        }).Build();
        _cluster = await OrderClusters.Builder(new CustomerOrderLog(), configuration).BuildAndStartAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task LateShipping_WithItsCouponSetToZero_OwesNothing()
    {
        var order = await ImportAsync(TestOrders.Paid(Customer, Now.AddDays(-3), promisedShipBy: Now.AddHours(-1)));

        var assessment = await order.Assess(Customer);

        Assert.True(assessment.LateShipping);
        Assert.Null(assessment.Compensation);
        Assert.DoesNotContain("coupon", assessment.Explanation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LateDelivery_OwesTheConfiguredAmountInTheConfiguredCurrency()
    {
        var order = await ImportAsync(TestOrders.Shipped(Customer, Now.AddDays(-4), promisedDeliveryBy: Now.AddHours(-2)));

        var assessment = await order.Assess(Customer);

        Assert.Equal(new Compensation(CompensationKinds.NoThresholdCoupon, 35.5m, "USD", CompensationReasons.LateDelivery), assessment.Compensation);
        Assert.Contains("35.5 USD", assessment.Explanation, StringComparison.Ordinal);
    }

    private async Task<IOrderGrain> ImportAsync(OrderDocument document)
    {
        var order = _cluster.GrainFactory.GetGrain<IOrderGrain>(TestOrders.NewId());
        await order.Upsert(document);
        return order;
    }
}
