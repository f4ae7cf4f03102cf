using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Bot.Policy.Internal;
using Microsoft.Extensions.Options;

namespace Conversations.Bot.Policy;

/// <summary>Checks <see cref="BotPolicyOptions"/> at start-up; each failure names its configuration key.</summary>
public sealed class BotPolicyOptionsValidator : IValidateOptions<BotPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, BotPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each starting with the full configuration key.</summary>
    public static IReadOnlyList<string> Errors(BotPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Fraction(errors, nameof(BotPolicyOptions.ConfidenceThreshold), options.ConfidenceThreshold);
        Fraction(errors, nameof(BotPolicyOptions.ClarificationMargin), options.ClarificationMargin);
        Fraction(errors, nameof(BotPolicyOptions.HandoffIntentMinConfidence), options.HandoffIntentMinConfidence);
        Fraction(errors, nameof(BotPolicyOptions.KnowledgeMinCoverage), options.KnowledgeMinCoverage);
        Fraction(errors, nameof(BotPolicyOptions.KnowledgeIntentMinCoverage), options.KnowledgeIntentMinCoverage);
        Fraction(errors, nameof(BotPolicyOptions.KnowledgeDirectCoverage), options.KnowledgeDirectCoverage);
        if (!(options.AngerThreshold > 0 && options.AngerThreshold <= 1))
        {
            errors.Add($"{Key(nameof(BotPolicyOptions.AngerThreshold))} must be in (0, 1]; was {Number(options.AngerThreshold)}.");
        }

        Between(errors, nameof(BotPolicyOptions.AngerPriorityBoost), options.AngerPriorityBoost, 0, 10_000);
        Between(errors, nameof(BotPolicyOptions.ComplaintPriorityBoost), options.ComplaintPriorityBoost, 0, 10_000);
        Between(errors, nameof(BotPolicyOptions.VipComplexPriorityBoost), options.VipComplexPriorityBoost, 0, 10_000);
        Between(errors, nameof(BotPolicyOptions.MaxQuickReplies), options.MaxQuickReplies, 2, 10);
        Between(errors, nameof(BotPolicyOptions.SuggestionMessages), options.SuggestionMessages, 1, 20);
        Between(errors, nameof(BotPolicyOptions.MaxSuggestions), options.MaxSuggestions, 1, 20);

        if (options.DisplayUtcOffset < TimeSpan.FromHours(-14) || options.DisplayUtcOffset > TimeSpan.FromHours(14)
            || options.DisplayUtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            errors.Add($"{Key(nameof(BotPolicyOptions.DisplayUtcOffset))} must be a whole number of minutes between -14:00 and +14:00; was {options.DisplayUtcOffset}.");
        }

        if (options.UnpaidOrderCancelAfter <= TimeSpan.Zero || options.UnpaidOrderCancelAfter > TimeSpan.FromDays(7))
        {
            errors.Add($"{Key(nameof(BotPolicyOptions.UnpaidOrderCancelAfter))} must be positive and at most 7 days; was {options.UnpaidOrderCancelAfter}.");
        }

        Wording(errors, nameof(BotPolicyOptions.CompensationWording), options.CompensationWording, "{amount}");
        Wording(errors, nameof(BotPolicyOptions.ShopName), options.ShopName, null);
        Wording(errors, nameof(BotPolicyOptions.AssistantName), options.AssistantName, null);
        Patterns(errors, options.OrderNumberPatterns);
        Sales(errors, options.SalePeriods);
        return errors;
    }

    private static string Key(string property) => $"{BotPolicyOptions.SectionName}:{property}";

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Fraction(List<string> errors, string property, double value)
    {
        if (!(value >= 0 && value <= 1)) errors.Add($"{Key(property)} must be in [0, 1]; was {Number(value)}.");
    }

    private static void Between(List<string> errors, string property, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add($"{Key(property)} must be between {min} and {max}; was {value}.");
    }

    private static void Wording(List<string> errors, string property, LocalizedText? text, string? placeholder)
    {
        if (text is null)
        {
            errors.Add($"{Key(property)} must be set.");
            return;
        }

        foreach (var (language, value) in new[] { ("En", text.En), ("Zh", text.Zh) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{Key(property)}:{language} must not be empty.");
            }
            else if (placeholder is not null && !value.Contains(placeholder, StringComparison.Ordinal))
            {
                errors.Add($"{Key(property)}:{language} must contain {placeholder}.");
            }
        }
    }

    private static void Patterns(List<string> errors, IList<string>? patterns)
    {
        if (patterns is null) return;
        for (var i = 0; i < patterns.Count; i++)
        {
            var key = $"{Key(nameof(BotPolicyOptions.OrderNumberPatterns))}:{i}";
            if (string.IsNullOrWhiteSpace(patterns[i]))
            {
                errors.Add($"{key} must not be empty.");
                continue;
            }

            try
            {
                _ = new Regex(patterns[i], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                errors.Add($"{key} is not a valid regular expression: {e.Message}");
            }
        }
    }

    private static void Sales(List<string> errors, IList<SalePeriod>? periods)
    {
        if (periods is null) return;
        for (var i = 0; i < periods.Count; i++)
        {
            var key = $"{Key(nameof(BotPolicyOptions.SalePeriods))}:{i}";
            var period = periods[i];
            if (period is null)
            {
                errors.Add($"{key} must not be empty.");
                continue;
            }

            Wording(errors, $"{nameof(BotPolicyOptions.SalePeriods)}:{i}:{nameof(SalePeriod.Name)}", period.Name, null);
            if (!MonthDay.TryParse(period.From, out _)) errors.Add($"{key}:{nameof(SalePeriod.From)} must be a month and day \"MM-dd\"; was '{period.From}'.");
            if (!MonthDay.TryParse(period.To, out _)) errors.Add($"{key}:{nameof(SalePeriod.To)} must be a month and day \"MM-dd\"; was '{period.To}'.");
        }
    }
}
