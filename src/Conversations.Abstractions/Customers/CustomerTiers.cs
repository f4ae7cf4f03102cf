namespace Conversations.Abstractions.Customers;

/// <summary>Customer tiers, which weigh in routing priority and SLA policy.</summary>
public static class CustomerTiers
{
    public const string Regular = "regular";
    public const string Vip = "vip";
    public const string Svip = "svip";

    public static bool IsKnown(string tier) => tier is Regular or Vip or Svip;
}
