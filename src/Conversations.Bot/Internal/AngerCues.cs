using System.Buffers;
using System.Collections.Frozen;

namespace Conversations.Bot.Internal;

/// <summary>
/// Lexical signs of anger the sentiment model might under-weigh from a few hundred examples:
/// abuse, escalation threats (投诉/12315/lawyer), shouting in capitals, runs of ! and ?.
/// </summary>
internal readonly record struct AngerCues(int Abuse, int Fury, int Escalation, int Harsh, int Exclamations, int Questions, bool Shouting)
{
    private const int MinShoutedLetters = 6;

    private static readonly SearchValues<string> ChineseAbuse = SearchValues.Create(
        ["傻逼", "傻b", "煞笔", "傻叉", "他妈", "妈的", "你妈", "尼玛", "操你", "草泥马", "卧槽", "滚蛋", "滚开", "给我滚", "去死", "混蛋", "王八蛋",
         "狗屎", "狗东西", "骗子", "骗钱", "坑爹", "黑店", "奸商", "无良", "脑残", "废物", "智障", "神经病", "吃屎", "人渣", "流氓"],
        StringComparison.Ordinal);

    private static readonly SearchValues<string> ChineseFury = SearchValues.Create(
        ["气死", "火大", "愤怒", "受够", "忍无可忍", "太过分", "欺人太甚", "什么玩意", "搞什么", "有毛病", "给个说法", "马上给我",
         "立刻给我", "耍我", "糊弄", "敷衍", "恶心", "无语", "离谱", "岂有此理", "到底", "诅咒"],
        StringComparison.Ordinal);

    private static readonly SearchValues<string> ChineseEscalation = SearchValues.Create(
        ["投诉", "差评", "12315", "消协", "消费者协会", "工商局", "市场监管", "曝光", "媒体", "记者", "律师", "起诉", "法院", "报警",
         "举报", "维权", "黑猫"],
        StringComparison.Ordinal);

    private static readonly SearchValues<string> ChineseHarsh = SearchValues.Create(
        ["垃圾", "坑人", "骗人", "最差", "太差", "差劲", "烂透"], StringComparison.Ordinal);

    // Faces and gestures that say it without words, in either language.
    private static readonly SearchValues<string> EmojiAbuse = SearchValues.Create(["🤬", "🖕"], StringComparison.Ordinal);

    private static readonly SearchValues<string> EmojiFury = SearchValues.Create(["😡", "😠", "👿", "💢"], StringComparison.Ordinal);

    private static readonly FrozenSet<string> EnglishAbuse = FrozenSet.Create(
        StringComparer.Ordinal,
        "fuck", "fucking", "fucked", "fck", "fk", "fuk", "fking", "wtf", "omfg", "ffs", "stfu", "gtfo", "shit", "shitty", "bullshit",
        "bs", "idiot", "idiots", "moron", "morons", "scam", "scammer", "scammers", "scamming", "fraud", "frauds", "fraudulent",
        "thieves", "thief", "crook", "crooks", "liar", "liars", "clowns", "ass", "asshole", "tmd");

    private static readonly FrozenSet<string> EnglishFury = FrozenSet.Create(
        StringComparer.Ordinal,
        "furious", "livid", "outraged", "outrageous", "pissed", "angry", "mad", "enraged", "fuming", "sick", "fed",
        "unbelievable", "insane", "joke", "absurd", "ridiculous", "unacceptable", "seriously", "damn", "dammit", "crap",
        "stupid", "hell", "screw", "sucks", "pathetic", "disgusting", "incompetent", "stealing", "freaking", "frickin",
        "friggin", "effing", "bloody", "ripoff", "robbery", "theft", "shame", "disgrace", "disgraceful", "insulting", "raging", "infuriating",
        "infuriated", "lying");

    private static readonly FrozenSet<string> EnglishEscalation = FrozenSet.Create(
        StringComparer.Ordinal,
        "sue", "suing", "lawyer", "lawyers", "lawsuit", "court", "chargeback", "dispute", "bbb", "report", "reporting",
        "police", "authorities", "regulator", "solicitor", "agency", "weibo");

    private static readonly FrozenSet<string> EnglishHarsh = FrozenSet.Create(
        StringComparer.Ordinal, "worst", "terrible", "horrible", "awful", "useless", "garbage", "trash", "junk", "rubbish");

    // Threats and lost patience that no single word carries; matched as whole words.
    private static readonly string[] EnglishEscalationPhrases =
        ["or else", "last warning", "final warning", "you'll regret", "you will regret", "regret this", "go public", "shut you down",
         "one star", "1 star", "zero stars", "0 stars"];

    private static readonly string[] EnglishFuryPhrases =
        ["swear to god", "lose it", "losing it", "lose my mind", "losing my mind", "enough is enough", "sick of", "had it with",
         "had enough", "so done", "not asking again", "how dare", "kidding me"];

    // Capitalised words that are names of things rather than shouting.
    private static readonly FrozenSet<string> Acronyms = FrozenSet.Create(
        StringComparer.Ordinal, "SF", "EMS", "DHL", "UPS", "USPS", "FEDEX", "USD", "RMB", "CNY", "VIP", "SKU", "COD", "APP", "OK",
        "ID", "PDF", "VAT", "EU", "US", "UK", "XL", "XXL", "XXXL", "SMS", "FAQ", "ASAP", "TV", "PC", "IOS", "NFC", "USB", "LED", "AM", "PM");

    /// <summary>
    /// How far the cues alone push toward anger, in [0, 1). One insult or one profanity is enough on its
    /// own; milder signs (a threat to complain, "!!!", capitals) only tip a message the model already
    /// finds heated.
    /// </summary>
    public double Boost
    {
        get
        {
            var calm = Math.Pow(1 - 0.45, Math.Min(Abuse, 3))
                * Math.Pow(1 - 0.2, Math.Min(Fury, 3))
                * Math.Pow(1 - 0.25, Math.Min(Escalation, 2))
                * Math.Pow(1 - 0.1, Math.Min(Harsh, 2))
                * (Exclamations >= 3 ? 0.75 : Exclamations == 2 ? 0.9 : 1)
                * (Questions >= 3 ? 0.85 : 1)
                * (Shouting ? 0.65 : 1);
            return 1 - calm;
        }
    }

    public static AngerCues Detect(string original, string normalized)
    {
        var abuse = Count(normalized, ChineseAbuse);
        var fury = Count(normalized, ChineseFury);
        var escalation = Count(normalized, ChineseEscalation);
        var harsh = Count(normalized, ChineseHarsh);
        abuse += Count(normalized, EmojiAbuse);
        fury += Count(normalized, EmojiFury) + CountPhrases(normalized, EnglishFuryPhrases);
        escalation += CountPhrases(normalized, EnglishEscalationPhrases);
        int exclamations = 0, questions = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (c is '!' or '?')
            {
                var run = CountRun(normalized, i, c);
                if (c == '!')
                {
                    exclamations = Math.Max(exclamations, run);
                }
                else
                {
                    questions = Math.Max(questions, run);
                }

                i += run;
                continue;
            }

            if (char.IsAsciiLetter(c))
            {
                var end = i;
                while (end < normalized.Length && (char.IsAsciiLetter(normalized[end]) || normalized[end] == '\''))
                {
                    end++;
                }

                // "f***", "sh*t", "f*cking": the asterisks are the abuse.
                if (end < normalized.Length && normalized[end] == '*')
                {
                    abuse++;
                    while (end < normalized.Length && (normalized[end] == '*' || char.IsAsciiLetter(normalized[end])))
                    {
                        end++;
                    }

                    i = end;
                    continue;
                }

                var word = normalized.AsSpan(i, end - i);
                if (EnglishAbuse.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    abuse++;
                }
                else if (EnglishFury.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    fury++;
                }
                else if (EnglishEscalation.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    escalation++;
                }
                else if (EnglishHarsh.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
                {
                    harsh++;
                }

                i = end;
                continue;
            }

            i++;
        }

        return new AngerCues(abuse, fury, escalation, harsh, exclamations, questions, IsShouting(original));
    }

    /// <summary>Appends the cues as features so the model can learn how much each is worth.</summary>
    public void AppendFeatures(FeatureBuffer buffer, uint mask)
    {
        Append(buffer, mask, "abuse", Abuse);
        Append(buffer, mask, "fury", Fury);
        Append(buffer, mask, "escalation", Escalation);
        Append(buffer, mask, "harsh", Harsh);
        Append(buffer, mask, "exclaim", Exclamations >= 2 ? 1 : 0);
        Append(buffer, mask, "exclaim3", Exclamations >= 3 ? 1 : 0);
        Append(buffer, mask, "question3", Questions >= 3 ? 1 : 0);
        Append(buffer, mask, "shout", Shouting ? 1 : 0);
    }

    private static void Append(FeatureBuffer buffer, uint mask, string name, int count)
    {
        if (count > 0)
        {
            buffer.Add((int)(FeatureHash.Of(TokenKind.Cue, name) & mask), count > 1 ? 0.7f : 0.5f);
        }
    }

    private static int Count(string text, SearchValues<string> terms)
    {
        var count = 0;
        var span = text.AsSpan();
        while (true)
        {
            var at = span.IndexOfAny(terms);
            if (at < 0)
            {
                return count;
            }

            count++;
            span = span[(at + 1)..];
        }
    }

    private static int CountPhrases(string text, string[] phrases)
    {
        var count = 0;
        foreach (var phrase in phrases)
        {
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
            {
                var end = at + phrase.Length;
                if ((at == 0 || !char.IsAsciiLetter(text[at - 1])) && (end == text.Length || !char.IsAsciiLetter(text[end])))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int CountRun(string text, int start, char c)
    {
        var end = start;
        while (end < text.Length && text[end] == c)
        {
            end++;
        }

        return end - start;
    }

    private static bool IsShouting(string original)
    {
        int shoutedWords = 0, upper = 0, lower = 0;
        var i = 0;
        while (i < original.Length)
        {
            if (!char.IsAsciiLetter(original[i]))
            {
                i++;
                continue;
            }

            var end = i;
            var allUpper = true;
            while (end < original.Length && char.IsAsciiLetter(original[end]))
            {
                if (char.IsAsciiLetterLower(original[end]))
                {
                    allUpper = false;
                    lower++;
                }
                else
                {
                    upper++;
                }

                end++;
            }

            var word = original.AsSpan(i, end - i);
            if (allUpper && word.Length >= 3 && !Acronyms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
            {
                shoutedWords++;
            }

            i = end;
        }

        // Two shouted words in mostly capital text, three anywhere ("PAID but shows UNPAID, fix it NOW"), or a short
        // message all in capitals ("ANSWER ME").
        return shoutedWords >= 3 || (shoutedWords >= 2 && upper > lower) || (shoutedWords >= 1 && lower == 0 && upper >= MinShoutedLetters);
    }
}
