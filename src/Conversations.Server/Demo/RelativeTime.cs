using System.Globalization;

namespace Conversations.Server.Demo;

/// <summary>
/// Times in the demo files: offsets from start-up such as <c>-2d4h</c>, <c>+1d12h</c> or <c>-10m</c> (units d, h, m, s),
/// or absolute ISO 8601 times, so the demo orders are always as late or as fresh as their story needs.
/// </summary>
public static class RelativeTime
{
    public static DateTimeOffset? Resolve(string? value, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(value) ? null : Parse(value, now);

    public static DateTimeOffset Parse(string value, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var text = value.Trim();
        if (text[0] is '+' or '-') return now + ParseOffset(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute)) return absolute.ToUniversalTime();
        throw new FormatException($"'{value}' is neither an offset like -2d4h nor an ISO 8601 time.");
    }

    /// <summary>A signed offset: a sign, then one or more number-unit pairs with units d, h, m or s, each at most once, in that order.</summary>
    public static TimeSpan ParseOffset(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var sign = text[0] switch
        {
            '+' => 1,
            '-' => -1,
            _ => throw new FormatException($"Offset '{text}' must start with + or -."),
        };

        var total = TimeSpan.Zero;
        var position = 1;
        var lastUnit = -1;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            if (position == start || position == text.Length) throw new FormatException($"Offset '{text}' must be number-unit pairs such as 2d4h.");
            var amount = int.Parse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var unit = "dhms".IndexOf(text[position], StringComparison.Ordinal);
            if (unit < 0) throw new FormatException($"Offset '{text}' has unit '{text[position]}'; use d, h, m or s.");
            if (unit <= lastUnit) throw new FormatException($"Offset '{text}' must give d, h, m, s at most once each, in that order.");
            lastUnit = unit;
            total += unit switch
            {
                0 => TimeSpan.FromDays(amount),
                1 => TimeSpan.FromHours(amount),
                2 => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
            position++;
        }

        if (lastUnit < 0) throw new FormatException($"Offset '{text}' has no amount.");
        return sign * total;
    }
}
