using Conversations.Grains.Orders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Orders;

public sealed class OrderPolicyOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_AndMatchTheShopsStatedPolicy()
    {
        var options = new OrderPolicyOptions();

        Assert.Empty(OrderPolicyOptionsValidator.Errors(options));
        Assert.Equal(7, options.NoReasonReturnDays);
        Assert.Equal(15, options.QualityReturnDays);
        Assert.Equal(TimeSpan.FromHours(1), options.UnshippedRefundWithin);
        Assert.Equal(TimeSpan.FromHours(24), options.ReturnRefundWithin);
        Assert.Equal((1, 3), (options.BankCardExtraWorkingDaysMin, options.BankCardExtraWorkingDaysMax));
        Assert.Equal((10m, 20m), (options.LateShippingCoupon, options.LateDeliveryCoupon));
        Assert.Equal(TimeSpan.FromHours(24), options.TrackingStaleAfter);
        Assert.Equal((3, 5), (options.RepairInspectionWorkingDaysMin, options.RepairInspectionWorkingDaysMax));
    }

    [Theory]
    [InlineData("NoReasonReturnDays", "-1", "Conversations:Orders:NoReasonReturnDays")]
    [InlineData("QualityReturnDays", "3", "Conversations:Orders:QualityReturnDays")]
    [InlineData("UnshippedRefundWithin", "00:00:00", "Conversations:Orders:UnshippedRefundWithin")]
    [InlineData("LateDeliveryCoupon", "-5", "Conversations:Orders:LateDeliveryCoupon")]
    [InlineData("CompensationCurrency", "yuan", "Conversations:Orders:CompensationCurrency")]
    [InlineData("RepairInspectionWorkingDaysMin", "9", "Conversations:Orders:RepairInspectionWorkingDaysMin")]
    public void BoundFromConfiguration_AWrongValue_FailsNamingTheKey(string property, string value, string key)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{OrderPolicyOptions.SectionName}:{property}"] = value })
            .Build();
        using var services = new ServiceCollection().AddOrderPolicies(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OrderPolicyOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void BoundFromConfiguration_GoodValues_AreUsed()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Conversations:Orders:NoReasonReturnDays"] = "10",
                ["Conversations:Orders:ReturnRefundWithin"] = "2.00:00:00",
            })
            .Build();
        using var services = new ServiceCollection().AddOrderPolicies(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<OrderPolicyOptions>>().Value;

        Assert.Equal(10, options.NoReasonReturnDays);
        Assert.Equal(TimeSpan.FromDays(2), options.ReturnRefundWithin);
    }
}
