using System.Globalization;

namespace Conversations.Bot.Policy.Internal;

/// <summary>A day of the year as shops name their sales ("11-11"), without a year.</summary>
internal readonly record struct MonthDay(int Month, int Day)
{
    public static bool TryParse(string? text, out MonthDay value)
    {
        value = default;
        if (text is null || !DateTime.TryParseExact("2024-" + text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        value = new MonthDay(date.Month, date.Day);
        return true;
    }

    /// <summary>True when <paramref name="date"/> falls between <paramref name="from"/> and <paramref name="to"/> inclusive, wrapping over New Year.</summary>
    public static bool IsWithin(DateTime date, MonthDay from, MonthDay to)
    {
        var day = new MonthDay(date.Month, date.Day);
        return from.CompareTo(to) <= 0
            ? day.CompareTo(from) >= 0 && day.CompareTo(to) <= 0
            : day.CompareTo(from) >= 0 || day.CompareTo(to) <= 0;
    }

    private int CompareTo(MonthDay other) => Month != other.Month ? Month.CompareTo(other.Month) : Day.CompareTo(other.Day);
}
