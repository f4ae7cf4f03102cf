namespace Conversations.Grains.Orders.Internal;

/// <summary>
/// Working-day arithmetic for promises such as "inspected within 5 working days". Weekends are skipped
/// on the calendar of the shop's time zone (China, UTC+8); public holidays are not known here.
/// </summary>
internal static class WorkingDays
{
    private static readonly TimeSpan s_shopOffset = TimeSpan.FromHours(8);

    public static DateTimeOffset Add(DateTimeOffset start, int days)
    {
        var local = start.ToOffset(s_shopOffset);
        var added = 0;
        while (added < days)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) added++;
        }

        return local.ToUniversalTime();
    }
}
