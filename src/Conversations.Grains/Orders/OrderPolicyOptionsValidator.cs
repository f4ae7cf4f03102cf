using Microsoft.Extensions.Options;

namespace Conversations.Grains.Orders;

/// <summary>Checks <see cref="OrderPolicyOptions"/> at start-up; each failure names its configuration key.</summary>
public sealed class OrderPolicyOptionsValidator : IValidateOptions<OrderPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, OrderPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each starting with the full key.</summary>
    public static IReadOnlyList<string> Errors(OrderPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        Days(errors, nameof(OrderPolicyOptions.NoReasonReturnDays), options.NoReasonReturnDays, 0, 365);
        Days(errors, nameof(OrderPolicyOptions.QualityReturnDays), options.QualityReturnDays, 0, 3650);
        Days(errors, nameof(OrderPolicyOptions.WarrantyDays), options.WarrantyDays, 0, 3650);
        Days(errors, nameof(OrderPolicyOptions.PriceProtectionDays), options.PriceProtectionDays, 0, 365);
        if (options.QualityReturnDays < options.NoReasonReturnDays)
        {
            errors.Add($"{Key(nameof(OrderPolicyOptions.QualityReturnDays))} ({options.QualityReturnDays}) must not be shorter than "
                + $"{Key(nameof(OrderPolicyOptions.NoReasonReturnDays))} ({options.NoReasonReturnDays}): a quality problem is never worse off than no reason.");
        }

        Duration(errors, nameof(OrderPolicyOptions.UnshippedRefundWithin), options.UnshippedRefundWithin, TimeSpan.FromDays(30));
        Duration(errors, nameof(OrderPolicyOptions.ReturnRefundWithin), options.ReturnRefundWithin, TimeSpan.FromDays(30));
        Duration(errors, nameof(OrderPolicyOptions.TrackingStaleAfter), options.TrackingStaleAfter, TimeSpan.FromDays(30));
        Duration(errors, nameof(OrderPolicyOptions.ReshipWithin), options.ReshipWithin, TimeSpan.FromDays(30));
        Duration(errors, nameof(OrderPolicyOptions.DisputeResponseWithin), options.DisputeResponseWithin, TimeSpan.FromDays(30));

        Range(errors, nameof(OrderPolicyOptions.BankCardExtraWorkingDaysMin), options.BankCardExtraWorkingDaysMin,
            nameof(OrderPolicyOptions.BankCardExtraWorkingDaysMax), options.BankCardExtraWorkingDaysMax, 0, 30);
        Range(errors, nameof(OrderPolicyOptions.RepairInspectionWorkingDaysMin), options.RepairInspectionWorkingDaysMin,
            nameof(OrderPolicyOptions.RepairInspectionWorkingDaysMax), options.RepairInspectionWorkingDaysMax, 1, 60);

        Coupon(errors, nameof(OrderPolicyOptions.LateShippingCoupon), options.LateShippingCoupon);
        Coupon(errors, nameof(OrderPolicyOptions.LateDeliveryCoupon), options.LateDeliveryCoupon);
        var currency = options.CompensationCurrency;
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add($"{Key(nameof(OrderPolicyOptions.CompensationCurrency))} must be a three-letter ISO 4217 code such as CNY (was '{currency}').");
        }

        return errors;
    }

    private static string Key(string property) => $"{OrderPolicyOptions.SectionName}:{property}";

    private static void Days(List<string> errors, string property, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add($"{Key(property)} must be between {min} and {max} days (was {value}).");
    }

    private static void Duration(List<string> errors, string property, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"{Key(property)} must be a positive duration of at most {max.TotalDays:0} days, e.g. \"01:00:00\" (was {value}).");
        }
    }

    private static void Range(List<string> errors, string minProperty, int min, string maxProperty, int max, int floor, int ceiling)
    {
        if (min < floor || min > ceiling) errors.Add($"{Key(minProperty)} must be between {floor} and {ceiling} (was {min}).");
        if (max < floor || max > ceiling) errors.Add($"{Key(maxProperty)} must be between {floor} and {ceiling} (was {max}).");
        if (min > max) errors.Add($"{Key(minProperty)} ({min}) must not exceed {Key(maxProperty)} ({max}).");
    }

    private static void Coupon(List<string> errors, string property, decimal value)
    {
        // Zero is allowed: it switches that compensation off.
        if (value < 0 || value > 10_000) errors.Add($"{Key(property)} must be between 0 and 10000 (was {value}).");
    }
}
