namespace Conversations.Abstractions.Orders;

/// <summary>Why a customer opens a case; the reason decides the policy (who pays shipping, which window applies).</summary>
public static class CaseReasons
{
    public const string NoReason = "no_reason";
    public const string Quality = "quality";
    public const string Damaged = "damaged";
    public const string Missing = "missing";
    public const string WrongItem = "wrong_item";
    public const string NotAsDescribed = "not_as_described";
    public const string PriceDrop = "price_drop";
    public const string OutOfStock = "out_of_stock";
    public const string ChangedMind = "changed_mind";

    public static readonly IReadOnlyList<string> All = [NoReason, Quality, Damaged, Missing, WrongItem, NotAsDescribed, PriceDrop, OutOfStock, ChangedMind];
}
