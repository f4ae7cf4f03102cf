using Conversations.Abstractions.Customers;

namespace Conversations.Grains.Sla;

/// <summary>
/// Service-level targets (configuration section <c>Conversations:Sla</c>): a default policy, policies per
/// queue and tier, when to warn, and how much priority a session at risk or in breach gains.
/// </summary>
public sealed class SlaOptions
{
    public const string SectionName = "Conversations:Sla";

    /// <summary>The policy of conversations no configured or built-in policy matches.</summary>
    public SlaPolicy Default { get; set; } = new();

    /// <summary>Configured policies; the most specific match wins over the built-in tier policies and the default.</summary>
    public List<SlaPolicy> Policies { get; set; } = [];

    /// <summary>Whether the built-in stricter VIP and SVIP policies apply when no configured policy matches.</summary>
    public bool UseBuiltInTierPolicies { get; set; } = true;

    /// <summary>Share of a deadline after which the agent is warned (or a waiting session's priority raised).</summary>
    public double WarningFraction { get; set; } = 0.8;

    /// <summary>Priority gained by a waiting session at the warning.</summary>
    public int WarningPriorityBoost { get; set; } = 10;

    /// <summary>Priority gained by a waiting session at a breach.</summary>
    public int BreachPriorityBoost { get; set; } = 30;

    /// <summary>Priority gained by a session taken back from an agent who stopped answering.</summary>
    public int ReclaimPriorityBoost { get; set; } = 40;

    /// <summary>VIPs and SVIPs are answered faster: what shops promise their best customers.</summary>
    public static IReadOnlyList<SlaPolicy> BuiltInTierPolicies { get; } =
    [
        new() { Tier = CustomerTiers.Vip, FirstResponse = TimeSpan.FromSeconds(30), NextResponse = TimeSpan.FromSeconds(60), Resolution = TimeSpan.FromMinutes(20) },
        new() { Tier = CustomerTiers.Svip, FirstResponse = TimeSpan.FromSeconds(20), NextResponse = TimeSpan.FromSeconds(45), Resolution = TimeSpan.FromMinutes(15) },
    ];

    /// <summary>The policy of a conversation in <paramref name="queue"/> (may be null before any handoff) for a customer of <paramref name="tier"/>.</summary>
    public SlaPolicy PolicyFor(string? queue, string tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        var configured = Policies.Where(p => p.Matches(queue, tier)).MaxBy(p => p.Specificity);
        if (configured is not null) return configured;
        if (UseBuiltInTierPolicies && BuiltInTierPolicies.FirstOrDefault(p => p.Matches(queue, tier)) is { } builtIn) return builtIn;
        return Default;
    }

    public void Validate()
    {
        if (WarningFraction is <= 0 or >= 1 || double.IsNaN(WarningFraction)) throw Invalid(nameof(WarningFraction), "must be between 0 and 1 (exclusive)");
        if (WarningPriorityBoost < 0) throw Invalid(nameof(WarningPriorityBoost), "must not be negative");
        if (BreachPriorityBoost < 0) throw Invalid(nameof(BreachPriorityBoost), "must not be negative");
        if (ReclaimPriorityBoost < 0) throw Invalid(nameof(ReclaimPriorityBoost), "must not be negative");
        if (Default is null) throw Invalid(nameof(Default), "must be set");
        ValidatePolicy(Default, nameof(Default));
        for (var i = 0; i < Policies.Count; i++)
        {
            var policy = Policies[i] ?? throw Invalid($"{nameof(Policies)}:{i}", "must not be empty");
            if (policy.Tier is not null && !CustomerTiers.IsKnown(policy.Tier.ToLowerInvariant()))
            {
                throw Invalid($"{nameof(Policies)}:{i}:{nameof(SlaPolicy.Tier)}", $"'{policy.Tier}' is not a tier (regular, vip, svip)");
            }

            ValidatePolicy(policy, $"{nameof(Policies)}:{i}");
        }
    }

    private static void ValidatePolicy(SlaPolicy policy, string key)
    {
        if (policy.FirstResponse < TimeSpan.FromSeconds(1)) throw Invalid($"{key}:{nameof(SlaPolicy.FirstResponse)}", "must be at least 1 second");
        if (policy.NextResponse < TimeSpan.FromSeconds(1)) throw Invalid($"{key}:{nameof(SlaPolicy.NextResponse)}", "must be at least 1 second");
        if (policy.Resolution < TimeSpan.FromSeconds(1)) throw Invalid($"{key}:{nameof(SlaPolicy.Resolution)}", "must be at least 1 second");
    }

    private static ArgumentException Invalid(string key, string problem) => new($"Configuration '{SectionName}:{key}' {problem}.", key);
}
