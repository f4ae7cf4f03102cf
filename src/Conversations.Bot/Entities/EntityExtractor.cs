using System.Globalization;
using System.Text.RegularExpressions;
using Conversations.Bot.Text;

namespace Conversations.Bot.Entities;

/// <summary>
/// Finds order numbers, tracking numbers, phone numbers, amounts, dates and sizes in a message.
/// Patterns run in order of specificity and a later match never overlaps an earlier one, which is
/// what keeps a 16-digit order number from also being read as a phone number. Thread-safe.
/// </summary>
public sealed partial class EntityExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private readonly Regex[] _orderIdPatterns;

    /// <summary>Creates an extractor; <paramref name="options"/> supplies the shop's order number formats.</summary>
    public EntityExtractor(EntityExtractorOptions? options = null)
    {
        options ??= new EntityExtractorOptions();
        options.Validate();
        _orderIdPatterns = new Regex[options.OrderIdPatterns.Count];
        for (var i = 0; i < _orderIdPatterns.Length; i++)
        {
            _orderIdPatterns[i] = new Regex(options.OrderIdPatterns[i], Options | RegexOptions.IgnoreCase | RegexOptions.Compiled);
        }
    }

    /// <summary>An extractor with the default order number formats.</summary>
    public static EntityExtractor Default { get; } = new();

    /// <summary>Returns the entities of <paramref name="text"/> ordered by position.</summary>
    public IReadOnlyList<ExtractedEntity> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Extract(text, TextNormalizer.Normalize(text));
    }

    internal IReadOnlyList<ExtractedEntity> Extract(string original, string normalized)
    {
        var found = new List<ExtractedEntity>(4);

        foreach (var m in Hits(TrackingPattern(), normalized))
        {
            TryAdd(found, EntityTypes.TrackingNo, m.Value.ToUpperInvariant(), m.Index, m.Length);
        }

        foreach (var pattern in _orderIdPatterns)
        {
            foreach (var m in Hits(pattern, normalized))
            {
                var id = m.Groups["id"];
                var value = (id.Success ? id.Value : m.Value).ToUpperInvariant();
                TryAdd(found, EntityTypes.OrderId, value, m.Index, m.Length);
            }
        }

        foreach (var m in Hits(MainlandPhonePattern(), normalized))
        {
            TryAdd(found, EntityTypes.Phone, DigitsOnly(m.ValueSpan, keepPlus: false, skipCountryCode: true), m.Index, m.Length);
        }

        foreach (var m in Hits(InternationalPhonePattern(), normalized))
        {
            TryAdd(found, EntityTypes.Phone, DigitsOnly(m.ValueSpan, keepPlus: true, skipCountryCode: false), m.Index, m.Length);
        }

        ExtractAmounts(normalized, found);
        ExtractDates(normalized, found);
        ExtractSizes(original, normalized, found);

        if (found.Count > 1)
        {
            found.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        }

        return found.AsReadOnly();
    }

    private static void ExtractAmounts(string text, List<ExtractedEntity> found)
    {
        foreach (var m in Hits(PrefixAmountPattern(), text))
        {
            var currency = m.Groups[1].ValueSpan is "¥" or "rmb" or "cny" ? "CNY" : "USD";
            TryAdd(found, EntityTypes.Amount, FormatAmount(m.Groups[2].Value, m.Groups[3].Value, currency), m.Index, m.Length);
        }

        foreach (var m in Hits(SuffixAmountPattern(), text))
        {
            var unit = m.Groups[3].ValueSpan;
            var currency = unit is "元" or "块钱" or "块" or "rmb" or "cny" ? "CNY" : "USD";
            TryAdd(found, EntityTypes.Amount, FormatAmount(m.Groups[1].Value, m.Groups[2].Value, currency), m.Index, m.Length);
        }
    }

    private static void ExtractDates(string text, List<ExtractedEntity> found)
    {
        foreach (var m in Hits(FullDatePattern(), text))
        {
            var month = Number(m.Groups[2]);
            var day = Number(m.Groups[3]);
            if (IsMonthDay(month, day))
            {
                TryAdd(found, EntityTypes.Date, Invariant($"{m.Groups[1].Value}-{month:00}-{day:00}"), m.Index, m.Length);
            }
        }

        foreach (var m in Hits(ChineseMonthDayPattern(), text))
        {
            AddMonthDay(found, Number(m.Groups[1]), Number(m.Groups[2]), m);
        }

        foreach (var m in Hits(SlashMonthDayPattern(), text))
        {
            AddMonthDay(found, Number(m.Groups[1]), Number(m.Groups[2]), m);
        }

        foreach (var m in Hits(EnglishMonthDayPattern(), text))
        {
            AddMonthDay(found, MonthOf(m.Groups[1].ValueSpan), Number(m.Groups[2]), m);
        }

        foreach (var m in Hits(EnglishDayMonthPattern(), text))
        {
            AddMonthDay(found, MonthOf(m.Groups[2].ValueSpan), Number(m.Groups[1]), m);
        }

        foreach (var m in Hits(ShoppingFestivalPattern(), text))
        {
            var value = m.Value.StartsWith('6') ? "06-18" : m.Value is "双11" or "双十一" ? "11-11" : "12-12";
            TryAdd(found, EntityTypes.Date, value, m.Index, m.Length);
        }

        foreach (var m in Hits(RelativeDatePattern(), text))
        {
            var value = m.Value switch
            {
                "今天" or "今日" or "today" or "tonight" => "today",
                "明天" or "明日" or "tomorrow" or "tmr" or "tmrw" => "tomorrow",
                "昨天" or "昨日" or "yesterday" => "yesterday",
                "后天" or "day after tomorrow" or "the day after tomorrow" => "day_after_tomorrow",
                "前天" or "day before yesterday" or "the day before yesterday" => "day_before_yesterday",
                "大后天" => "in_3_days",
                _ => "3_days_ago",
            };
            TryAdd(found, EntityTypes.Date, value, m.Index, m.Length);
        }
    }

    private static void ExtractSizes(string original, string text, List<ExtractedEntity> found)
    {
        foreach (var m in Hits(HeightKeywordPattern(), text))
        {
            TryAdd(found, EntityTypes.Size, Invariant($"{Number(m.Groups[1])}cm"), m.Index, m.Length);
        }

        foreach (var m in Hits(CentimetrePattern(), text))
        {
            TryAdd(found, EntityTypes.Size, Invariant($"{Number(m.Groups[1])}cm"), m.Index, m.Length);
        }

        foreach (var m in Hits(MetrePattern(), text))
        {
            var digits = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            var centimetres = 100 + (digits.Length == 1 ? int.Parse(digits, CultureInfo.InvariantCulture) * 10 : int.Parse(digits, CultureInfo.InvariantCulture));
            TryAdd(found, EntityTypes.Size, Invariant($"{centimetres}cm"), m.Index, m.Length);
        }

        foreach (var m in Hits(FeetPattern(), text))
        {
            var inches = (Number(m.Groups[1]) * 12) + (m.Groups[2].Success ? Number(m.Groups[2]) : 0);
            if (m.Groups[2].Success && Number(m.Groups[2]) > 11)
            {
                continue;
            }

            TryAdd(found, EntityTypes.Size, Invariant($"{Math.Round(inches * 2.54)}cm"), m.Index, m.Length);
        }

        foreach (var m in Hits(WeightKeywordPattern(), text))
        {
            var amount = double.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            // Chinese customers give weight in jin (half a kilo) more often than in kilos.
            var unit = m.Groups[2].Success ? m.Groups[2].Value : amount >= 90 ? "斤" : "kg";
            TryAdd(found, EntityTypes.Size, FormatKilograms(amount, unit), m.Index, m.Length);
        }

        foreach (var m in Hits(WeightPattern(), text))
        {
            var amount = double.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            TryAdd(found, EntityTypes.Size, FormatKilograms(amount, m.Groups[2].Value), m.Index, m.Length);
        }

        foreach (var m in Hits(ChineseShoeSizePattern(), text))
        {
            TryAdd(found, EntityTypes.Size, "EU " + m.Groups[1].Value, m.Index, m.Length);
        }

        foreach (var m in Hits(RegionalSizePattern(), text))
        {
            // "us 9" is common English ("tell us 9 things"); require "US"/"EU" written in capitals or after "size".
            if (char.IsUpper(original[m.Index]) || PrecededBySizeWord(text, m.Index))
            {
                TryAdd(found, EntityTypes.Size, m.Groups[1].Value.ToUpperInvariant() + " " + m.Groups[2].Value, m.Index, m.Length);
            }
        }

        foreach (var m in Hits(SizeNumberPattern(), text))
        {
            TryAdd(found, EntityTypes.Size, m.Groups[1].Value, m.Index, m.Length);
        }

        foreach (var m in Hits(LetterSizePattern(), text))
        {
            TryAdd(found, EntityTypes.Size, m.Value.ToUpperInvariant(), m.Index, m.Length);
        }

        foreach (var m in Hits(SingleLetterSizePattern(), text))
        {
            if (IsSingleLetterSize(original, text, m.Index))
            {
                TryAdd(found, EntityTypes.Size, m.Value.ToUpperInvariant(), m.Index, m.Length);
            }
        }
    }

    // S, M and L are sizes only with some evidence: a size word around them, or a capital in text that
    // is not shouting in capitals throughout ("I AM SO MAD" must not yield a size).
    private static bool IsSingleLetterSize(string original, string text, int index)
    {
        var after = index + 1;
        while (after < text.Length && text[after] == ' ')
        {
            after++;
        }

        if (after < text.Length && (text[after] is '码' or '号' || text.AsSpan(after).StartsWith("size", StringComparison.Ordinal)))
        {
            return true;
        }

        if (after + 1 < text.Length && text[after] == '.' && char.IsAsciiLetter(text[after + 1]))
        {
            return false;
        }

        if (PrecededBySizeWord(text, index))
        {
            return true;
        }

        return char.IsUpper(original[index]) && !IsMostlyUpperCase(original);
    }

    private static bool PrecededBySizeWord(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd(" :：");
        return before.EndsWith("size", StringComparison.Ordinal) || before.EndsWith("尺码", StringComparison.Ordinal)
            || before.EndsWith("码数", StringComparison.Ordinal) || before.EndsWith("穿", StringComparison.Ordinal)
            || before.EndsWith("尺寸", StringComparison.Ordinal);
    }

    private static bool IsMostlyUpperCase(string original)
    {
        int upper = 0, lower = 0;
        foreach (var c in original)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
        }

        return upper >= 4 && upper > lower;
    }

    private static void AddMonthDay(List<ExtractedEntity> found, int month, int day, Match m)
    {
        if (IsMonthDay(month, day))
        {
            TryAdd(found, EntityTypes.Date, Invariant($"{month:00}-{day:00}"), m.Index, m.Length);
        }
    }

    private static bool IsMonthDay(int month, int day) => month is >= 1 and <= 12 && day is >= 1 and <= 31;

    private static int MonthOf(ReadOnlySpan<char> name) => name[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    private static bool TryAdd(List<ExtractedEntity> found, string type, string value, int start, int length)
    {
        var end = start + length;
        foreach (var other in found)
        {
            if (start < other.End && other.Start < end)
            {
                return false;
            }
        }

        found.Add(new ExtractedEntity(type, value, start, end));
        return true;
    }

    // EnumerateMatches allocates nothing when there is no match, which is the common case; only hits
    // pay for a Match object (matching from the hit keeps the lookbehind context).
    private static IEnumerable<Match> Hits(Regex regex, string text)
    {
        if (!regex.IsMatch(text))
        {
            return [];
        }

        return AllHits(regex, text);
    }

    private static IEnumerable<Match> AllHits(Regex regex, string text)
    {
        var match = regex.Match(text);
        while (match.Success)
        {
            yield return match;
            match = match.NextMatch();
        }
    }

    private static int Number(Group group) => int.Parse(group.ValueSpan, CultureInfo.InvariantCulture);

    private static string FormatAmount(string integerPart, string fraction, string currency) =>
        integerPart.Replace(",", string.Empty, StringComparison.Ordinal) + fraction + " " + currency;

    private static string FormatKilograms(double amount, string unit)
    {
        var kilograms = unit switch
        {
            "斤" => amount / 2,
            "lb" or "lbs" or "pounds" => amount * 0.45359237,
            _ => amount,
        };
        return Math.Round(kilograms, 1).ToString("0.#", CultureInfo.InvariantCulture) + "kg";
    }

    private static string DigitsOnly(ReadOnlySpan<char> text, bool keepPlus, bool skipCountryCode)
    {
        Span<char> digits = stackalloc char[text.Length + 1];
        var count = 0;
        if (keepPlus)
        {
            digits[count++] = '+';
        }

        if (skipCountryCode && text.StartsWith("+86", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
        }

        return digits[..count].ToString();
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"(?<![a-z0-9])(?:sf|yt|jt|zt|yd|jd)[0-9]{12,15}(?![0-9])", Options)]
    private static partial Regex TrackingPattern();

    [GeneratedRegex(@"(?<![0-9a-z+])(?:\+86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])", Options)]
    private static partial Regex MainlandPhonePattern();

    [GeneratedRegex(@"(?<![0-9a-z+])\+(?!86)[1-9][0-9]{0,2}(?:[ -]?[0-9]){7,12}(?![0-9])", Options)]
    private static partial Regex InternationalPhonePattern();

    [GeneratedRegex(@"(?<![a-z])(¥|\$|rmb|cny|usd|us\$) ?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})?(?![0-9])", Options)]
    private static partial Regex PrefixAmountPattern();

    [GeneratedRegex(@"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})? ?(美元|美金|元|块钱|块|rmb|cny|usd|dollars|dollar|bucks)(?![a-z])", Options)]
    private static partial Regex SuffixAmountPattern();

    [GeneratedRegex(@"(?<![0-9])(20[0-9]{2})(?:[-/.]|年)([0-9]{1,2})(?:[-/.]|月)([0-9]{1,2})(?:日|号)?(?![0-9])", Options)]
    private static partial Regex FullDatePattern();

    [GeneratedRegex(@"(?<![0-9])([0-9]{1,2})月([0-9]{1,2})(?:日|号)", Options)]
    private static partial Regex ChineseMonthDayPattern();

    [GeneratedRegex(@"(?<![0-9/.,])([0-9]{1,2})/([0-9]{1,2})(?![0-9/])", Options)]
    private static partial Regex SlashMonthDayPattern();

    [GeneratedRegex(@"(?<![a-z])(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.? ?([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9a-z])", Options)]
    private static partial Regex EnglishMonthDayPattern();

    [GeneratedRegex(@"(?<![0-9])([0-9]{1,2})(?:st|nd|rd|th)?(?: of)? (january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?![a-z])", Options)]
    private static partial Regex EnglishDayMonthPattern();

    [GeneratedRegex(@"双(?:11|十一|12|十二)|(?<![0-9])618(?=大促|活动|期间| ?sale)", Options)]
    private static partial Regex ShoppingFestivalPattern();

    [GeneratedRegex(@"大后天|大前天|后天|前天|明天|今天|昨天|明日|今日|昨日|(?<![a-z])(?:the day after tomorrow|day after tomorrow|the day before yesterday|day before yesterday|tomorrow|tmrw|tmr|today|tonight|yesterday)(?![a-z])", Options)]
    private static partial Regex RelativeDatePattern();

    [GeneratedRegex(@"身高[ :是]*(1[0-9]{2}|2[0-2][0-9])(?![0-9])(?: ?(?:cm|厘米|公分))?", Options)]
    private static partial Regex HeightKeywordPattern();

    [GeneratedRegex(@"(?<![0-9.])(1[0-9]{2}|2[0-2][0-9]|[5-9][0-9]) ?(?:cm|厘米|公分)(?![a-z])", Options)]
    private static partial Regex CentimetrePattern();

    [GeneratedRegex(@"(?<![0-9.])1(?:\.([0-9]{1,2}) ?(?:m|米)|米([0-9]{1,2}))(?![0-9a-z])", Options)]
    private static partial Regex MetrePattern();

    [GeneratedRegex(@"(?<![0-9])([4-7]) ?(?:'|ft|feet|foot)(?: ?([0-9]{1,2}))?(?: ?(?:""|''|inches|inch))?(?![0-9a-z])", Options)]
    private static partial Regex FeetPattern();

    [GeneratedRegex(@"体重[ :是]*([0-9]{2,3}(?:\.[0-9])?)(?![0-9])(?: ?(kg|公斤|千克|斤))?", Options)]
    private static partial Regex WeightKeywordPattern();

    [GeneratedRegex(@"(?<![0-9.])([0-9]{2,3}(?:\.[0-9])?) ?(kgs|kg|公斤|千克|斤|lbs|lb|pounds)(?![a-z])", Options)]
    private static partial Regex WeightPattern();

    [GeneratedRegex(@"(?<![0-9.])([0-9]{2}(?:\.5)?) ?码", Options)]
    private static partial Regex ChineseShoeSizePattern();

    [GeneratedRegex(@"(?<![a-z])(eu|us|uk) ?([0-9]{1,2}(?:\.5)?)(?![0-9])", Options)]
    private static partial Regex RegionalSizePattern();

    [GeneratedRegex(@"(?<![a-z])size[ :]*([0-9]{1,2}(?:\.5)?)(?![0-9])", Options)]
    private static partial Regex SizeNumberPattern();

    [GeneratedRegex(@"(?<![a-z0-9'])(?:xxxl|xxl|xxs|xl|xs|[2-6]xl)(?![a-z0-9])", Options)]
    private static partial Regex LetterSizePattern();

    [GeneratedRegex(@"(?<![a-z0-9'&.])[sml](?![a-z0-9'&])", Options)]
    private static partial Regex SingleLetterSizePattern();
}
