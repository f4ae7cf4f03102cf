using System.Globalization;
using Conversations.Bot.Entities;
using Conversations.Bot.Privacy;

namespace Conversations.Bot.Policy;

/// <summary>
/// The one-line note a handoff carries for the agent: what the customer wants, about which order, how they
/// feel, and any phone number they gave (masked), e.g.
/// <c>intent order_status (0.93) · order 2026111100001234 · sentiment angry (anger 0.81) · phone 138****5678</c>.
/// </summary>
public static class HandoffNotes
{
    private const string Separator = " · ";

    /// <summary>The note for <paramref name="analysis"/>, with the order and any extra facts (a case opened, the order's status).</summary>
    public static string For(BotAnalysis analysis, string? orderId = null, params string?[] facts)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"intent {analysis.Intent} ({analysis.Confidence:0.00})"),
        };
        if (!string.IsNullOrWhiteSpace(orderId)) parts.Add($"order {orderId}");
        parts.Add(analysis.AngerScore >= 0.3 || analysis.Sentiment == SentimentLabels.Angry
            ? string.Create(CultureInfo.InvariantCulture, $"sentiment {analysis.Sentiment} (anger {analysis.AngerScore:0.00})")
            : $"sentiment {analysis.Sentiment}");

        var phones = analysis.Entities.Where(e => e.Type == EntityTypes.Phone).Select(e => PiiMasker.MaskPhone(e.Value)).Distinct(StringComparer.Ordinal).ToList();
        if (phones.Count > 0) parts.Add("phone " + string.Join(", ", phones));
        foreach (var fact in facts)
        {
            if (!string.IsNullOrWhiteSpace(fact)) parts.Add(fact.Trim());
        }

        return string.Join(Separator, parts);
    }
}
