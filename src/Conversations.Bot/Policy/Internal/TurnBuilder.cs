using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;
using AnalysisView = Conversations.Abstractions.Bot.BotAnalysis;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Collects one turn's replies. Apologies are kept aside and put in front of the first message, so the
/// customer reads "sorry" before the facts whichever part of the answer found something to apologise for.
/// </summary>
internal sealed class TurnBuilder
{
    private readonly List<BotReply> _replies = [];
    private string? _apology;
    private bool _specificApology;
    private BotReply? _personOffer;

    public TurnBuilder(Speech speech)
    {
        Speech = speech;
    }

    public Speech Speech { get; }

    public HandoffRequest? Handoff { get; set; }

    public string? OrderId { get; set; }

    public bool LowConfidence { get; set; }

    /// <summary>Facts for the agent's handoff note (case opened, order status).</summary>
    public List<string> Facts { get; } = [];

    public bool HasReplies => _replies.Count > 0;

    public void Say(string text) => _replies.Add(BotReplies.Message(text));

    public void Add(BotReply reply) => _replies.Add(reply);

    public void Offer(string? prompt, IReadOnlyList<QuickReplyOption> options)
    {
        if (options.Count > 0) _replies.Add(BotReplies.QuickReplies(prompt, options));
        else if (!string.IsNullOrWhiteSpace(prompt)) Say(prompt);
    }

    /// <summary>Offers a person as a quick reply; dropped again if the turn ends up handing off anyway.</summary>
    public void OfferPerson(BotReply offer)
    {
        _personOffer = offer;
        _replies.Add(offer);
    }

    /// <summary>A general apology for the customer's trouble; a specific one (late order, damaged item) replaces it.</summary>
    public void Apologize(string text, bool specific)
    {
        if (_apology is null || (specific && !_specificApology))
        {
            _apology = text;
            _specificApology = specific;
        }
    }

    /// <summary>Drops the replies and apology so far (the turn became a clarifying question); facts and order stay.</summary>
    public void Reset()
    {
        _replies.Clear();
        _personOffer = null;
        _apology = null;
        _specificApology = false;
    }

    public BotTurn Build(AnalysisView? analysis)
    {
        var replies = new List<BotReply>(_replies);
        if (Handoff is not null && _personOffer is not null) replies.Remove(_personOffer);
        if (_apology is not null)
        {
            if (replies.Count > 0 && replies[0].Kind == EventKinds.Message) replies[0] = replies[0] with { Text = Speech.Join(_apology, replies[0].Text) };
            else replies.Insert(0, BotReplies.Message(_apology));
        }

        return new BotTurn(replies, analysis, Handoff, OrderId, LowConfidence);
    }
}
