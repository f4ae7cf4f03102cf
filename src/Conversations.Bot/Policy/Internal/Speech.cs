using System.Globalization;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// How the bot says things in one language: picks the Chinese or English wording, and writes dates,
/// money and durations the way a customer of that language reads them, on the shop's clock.
/// </summary>
internal readonly record struct Speech(string Language, TimeSpan Offset, DateTimeOffset Now)
{
    public bool IsChinese => Language == BotLanguages.Chinese;

    /// <summary>The English or the Chinese wording.</summary>
    public string T(string en, string zh) => IsChinese ? zh : en;

    /// <summary>Sentences joined as the language writes them (Chinese needs no space after a full stop).</summary>
    public string Join(IEnumerable<string?> sentences) =>
        string.Join(IsChinese ? string.Empty : " ", sentences.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    public string Join(params string?[] sentences) => Join((IEnumerable<string?>)sentences);

    /// <summary>"Nov 12, 18:00" / "11月12日 18:00", with the year when it is not this year.</summary>
    public string Date(DateTimeOffset at)
    {
        var local = at.ToOffset(Offset);
        var sameYear = local.Year == Now.ToOffset(Offset).Year;
        return IsChinese
            ? local.ToString(sameYear ? "M月d日 HH:mm" : "yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)
            : local.ToString(sameYear ? "MMM d, HH:mm" : "MMM d yyyy, HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"Nov 12" / "11月12日": for deadlines measured in days.</summary>
    public string Day(DateTimeOffset at)
    {
        var local = at.ToOffset(Offset);
        var sameYear = local.Year == Now.ToOffset(Offset).Year;
        return IsChinese
            ? local.ToString(sameYear ? "M月d日" : "yyyy年M月d日", CultureInfo.InvariantCulture)
            : local.ToString(sameYear ? "MMM d" : "MMM d yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>"¥10" in English, "10元" in Chinese; other currencies by code.</summary>
    public string Money(decimal amount, string currency)
    {
        var number = amount.ToString("0.##", CultureInfo.InvariantCulture);
        return currency.ToUpperInvariant() switch
        {
            "CNY" or "RMB" => IsChinese ? number + "元" : "¥" + number,
            "USD" => "$" + number,
            var code => $"{number} {code}",
        };
    }

    /// <summary>"1 hour", "24 hours", "30 minutes", "3 days" / "1 小时"…</summary>
    public string Duration(TimeSpan span)
    {
        if (span.TotalHours < 1)
        {
            var minutes = Math.Max(1, (int)Math.Round(span.TotalMinutes));
            return IsChinese ? $"{minutes} 分钟" : Plural(minutes, "minute");
        }

        if (span.TotalHours >= 48 && span.TotalHours % 24 == 0)
        {
            var days = (int)span.TotalDays;
            return IsChinese ? $"{days} 天" : Plural(days, "day");
        }

        var hours = (int)Math.Round(span.TotalHours);
        return IsChinese ? $"{hours} 小时" : Plural(hours, "hour");
    }

    /// <summary>Whole days between two instants, as policies count them ("7-day window").</summary>
    public static int WholeDays(DateTimeOffset from, DateTimeOffset to) => (int)Math.Round((to - from).TotalDays);

    private static string Plural(int count, string unit) =>
        count == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");
}
