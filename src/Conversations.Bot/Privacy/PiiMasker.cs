using System.Text;
using System.Text.RegularExpressions;
using Conversations.Bot.Entities;

namespace Conversations.Bot.Privacy;

/// <summary>
/// Masks personal data in text bound for logs and agent summaries: phone numbers keep their first
/// three and last four digits (<c>138****5678</c>), e-mail addresses keep their first letter and domain,
/// and names and addresses given as <see cref="PiiHints"/> are masked wherever they occur. Order and
/// tracking numbers are left alone: agents need them, and they identify no person. Thread-safe.
/// </summary>
public sealed partial class PiiMasker
{
    /// <summary>What a masked address becomes.</summary>
    public const string AddressMask = "[address]";

    private const int MinimumHintLength = 2;

    private readonly EntityExtractor _extractor;

    /// <summary>Creates a masker that finds phone numbers with <paramref name="extractor"/> (so order numbers are never mistaken for phones).</summary>
    public PiiMasker(EntityExtractor? extractor = null)
    {
        _extractor = extractor ?? EntityExtractor.Default;
    }

    /// <summary>A masker with the default entity formats.</summary>
    public static PiiMasker Default { get; } = new();

    /// <summary>Returns <paramref name="text"/> with phones, e-mails and the hinted names and addresses masked.</summary>
    public string Mask(string text, PiiHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var replacements = new List<(int Start, int End, string With)>();
        foreach (var entity in _extractor.Extract(text))
        {
            if (entity.Type == EntityTypes.Phone)
            {
                replacements.Add((entity.Start, entity.End, MaskPhone(text[entity.Start..entity.End])));
            }
        }

        if (hints is not null)
        {
            // Addresses first: they often contain the name, and the longer mask should win.
            AddOccurrences(text, hints.Addresses, static _ => AddressMask, replacements);
            AddOccurrences(text, hints.Names, MaskName, replacements);
        }

        foreach (Match m in EmailPattern().Matches(text))
        {
            TryAdd(replacements, m.Index, m.Index + m.Length, m.Value[0] + "***" + m.Value[m.Value.IndexOf('@', StringComparison.Ordinal)..]);
        }

        if (replacements.Count == 0)
        {
            return text;
        }

        replacements.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end, with) in replacements)
        {
            result.Append(text, at, start - at).Append(with);
            at = end;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// Masks one phone number, keeping separators, a "+86" prefix, the first three and the last four
    /// digits: "13812345678" → "138****5678", "138-1234-5678" → "138-****-5678".
    /// </summary>
    public static string MaskPhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var prefix = phone.StartsWith("+86", StringComparison.Ordinal) ? 3 : 0;
        var digits = 0;
        for (var i = prefix; i < phone.Length; i++)
        {
            digits += char.IsAsciiDigit(phone[i]) ? 1 : 0;
        }

        var chars = phone.ToCharArray();
        var seen = 0;
        for (var i = prefix; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                if (seen >= 3 && seen < digits - 4)
                {
                    chars[i] = '*';
                }

                seen++;
            }
        }

        return new string(chars);
    }

    /// <summary>Keeps the first character of a name: "张三" → "张*", "Alice Wong" → "A*********".</summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length <= 1 ? "*" : name[0] + new string('*', name.Length - 1);
    }

    private static void AddOccurrences(string text, IReadOnlyList<string>? values, Func<string, string> mask, List<(int, int, string)> replacements)
    {
        if (values is null)
        {
            return;
        }

        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (value is null || value.Length < MinimumHintLength)
            {
                continue;
            }

            var from = 0;
            while (from < text.Length)
            {
                var at = text.IndexOf(value, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                TryAdd(replacements, at, at + value.Length, mask(text.Substring(at, value.Length)));
                from = at + value.Length;
            }
        }
    }

    private static void TryAdd(List<(int Start, int End, string With)> replacements, int start, int end, string with)
    {
        foreach (var (otherStart, otherEnd, _) in replacements)
        {
            if (start < otherEnd && otherStart < end)
            {
                return;
            }
        }

        replacements.Add((start, end, with));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
