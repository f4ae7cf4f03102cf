using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Which delivery problem a damaged-or-wrong-item message describes: damaged, missing or wrong. The
/// intent says "something is wrong with what arrived"; the case to open depends on which, so the bot
/// reads the words and asks when they name none or several.
/// </summary>
internal static class ProblemCues
{
    private static readonly string[] s_missing =
    [
        "少发", "漏发", "少寄", "漏寄", "少了一", "少一件", "少一个", "少一双", "少件", "缺了", "缺少", "缺件", "没有发", "没发全", "少东西", "漏了",
        "missing", "only got", "only received", "didn't include", "did not include", "not included", "wasn't included", "left out", "short one",
    ];

    private static readonly string[] s_wrong =
    [
        "发错", "错发", "寄错", "给错", "不是我买的", "不是我下单的", "不是我订的", "颜色不对", "尺码不对", "码数不对", "型号不对", "款式不对", "货不对", "不一样",
        "wrong", "not what i ordered", "different item", "incorrect item", "not the one i ordered", "someone else's",
    ];

    private static readonly string[] s_damaged =
    [
        "破损", "破了", "坏了", "碎了", "压坏", "摔坏", "裂了", "裂开", "划痕", "变形", "漏液", "撕破", "烂了", "压扁", "瘪了", "磕", "有洞", "破洞",
        "damaged", "broken", "broke", "cracked", "crushed", "smashed", "torn", "ripped", "dented", "leaking", "leaked", "shattered", "scratched",
    ];

    /// <summary>The case reason (<see cref="CaseReasons"/>) the text names, or null when it names none or more than one.</summary>
    public static string? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var missing = Contains(lower, s_missing);
        var wrong = Contains(lower, s_wrong);
        var damaged = Contains(lower, s_damaged);
        return (missing, wrong, damaged) switch
        {
            (true, false, false) => CaseReasons.Missing,
            (false, true, false) => CaseReasons.WrongItem,
            (false, false, true) => CaseReasons.Damaged,
            _ => null,
        };
    }

    private static bool Contains(string text, string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
