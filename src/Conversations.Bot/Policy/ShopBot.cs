using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Bot.Entities;
using Conversations.Bot.Knowledge;
using Conversations.Bot.Policy.Internal;
using Conversations.Bot.Privacy;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using AnalysisView = Conversations.Abstractions.Bot.BotAnalysis;

namespace Conversations.Bot.Policy;

/// <summary>
/// The shop's customer-service bot: greets with the common questions, answers order questions from live
/// order data (as the customer, so it never sees anyone else's order), answers the rest from the
/// knowledge base, asks when unsure, and hands the conversation to a person when that serves the
/// customer better (they ask, they are angry or complaining, it is unsure as many times in a row as the session allows
/// (<see cref="BotContext.LowConfidenceLimit"/>, two by default), or a VIP has a complex issue).
/// Stateless between calls: what it asked last time is read back from the session's recent events.
/// </summary>
public sealed class ShopBot : IConversationBot
{
    private const int MinEnglishLetters = 8;
    private const int MinChineseCharacters = 2;
    private const int ClarifyCandidates = 3;
    private const int TopicMessages = 3;

    private static readonly HashSet<string> s_orderIntents = new(StringComparer.Ordinal)
    {
        BotIntents.OrderStatus, BotIntents.ReturnExchange, BotIntents.RefundStatus, BotIntents.DamagedOrWrongItem,
        BotIntents.CancelOrder, BotIntents.ChangeAddress,
    };

    private readonly BotAnalyzer _analyzer;
    private readonly IGrainFactory _grains;
    private readonly BotPolicyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KnowledgeAnswers _knowledge;
    private readonly OrderDesk _orders;
    private readonly OrderAnswers _answers;
    private readonly ProblemCases _problems;
    private readonly PiiMasker _masker;

    /// <summary>Creates the bot; <paramref name="options"/> are validated here too, so a bot built by hand fails as early as one from DI.</summary>
    public ShopBot(
        BotAnalyzer analyzer,
        KnowledgeBase knowledge,
        IGrainFactory grains,
        IOptions<BotPolicyOptions> options,
        TimeProvider? time = null,
        ILogger<ShopBot>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value ?? throw new ArgumentException("Bot policy options are missing.", nameof(options));
        var errors = BotPolicyOptionsValidator.Errors(settings);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        _analyzer = analyzer;
        _grains = grains;
        _options = settings;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _masker = new PiiMasker(analyzer.EntityExtractor);
        _knowledge = new KnowledgeAnswers(knowledge, settings);
        _orders = new OrderDesk(grains, _masker, settings);
        _answers = new OrderAnswers(_orders, settings);
        _problems = new ProblemCases(_orders, _masker);
    }

    /// <summary>True for the intents answered from the customer's order data.</summary>
    public static bool IsOrderIntent(string? intent) => intent is not null && s_orderIntents.Contains(intent);

    public Task<BotTurn> WelcomeAsync(BotContext context, CancellationToken cancellationToken)
    {
        Validate(context);
        cancellationToken.ThrowIfCancellationRequested();
        var s = SpeechFor(BotLanguages.IsSupported(context.Language) ? context.Language : BotLanguages.Chinese);
        var shop = _options.ShopName.For(s.Language);
        var me = _options.AssistantName.For(s.Language);
        var greeting = context.Tier switch
        {
            CustomerTiers.Svip => s.T(
                $"Welcome back to {shop}, and thank you for being an SVIP member! I'm {me}, your virtual assistant. I can check your orders and deliveries, help with returns and refunds, or explain coupons, and a colleague is always a tap away.",
                $"尊敬的 SVIP 会员，欢迎回来～我是{shop}的智能客服{me}。查订单、问物流、退换货、用优惠券都可以直接问我，需要人工也随时为您转接哦！"),
            CustomerTiers.Vip => s.T(
                $"Welcome back to {shop}, and thank you for being a VIP member! I'm {me}, your virtual assistant. I can check your orders and deliveries, help with returns and refunds, or explain coupons, and a colleague is always a tap away.",
                $"尊敬的 VIP 会员，欢迎回来～我是{shop}的智能客服{me}。查订单、问物流、退换货、用优惠券都可以直接问我，需要人工也随时为您转接哦！"),
            _ => s.T(
                $"Hi, welcome to {shop}! I'm {me}, your virtual assistant. I can check your orders and deliveries, help with returns and refunds, or explain coupons. What can I do for you?",
                $"亲，您好～欢迎来到{shop}，我是智能客服{me}。查订单、问物流、退换货、用优惠券都可以直接问我哦，请问有什么可以帮您？"),
        };

        var options = new List<QuickReplyOption>();
        if (!string.IsNullOrWhiteSpace(context.OrderId))
        {
            var id = context.OrderId.Trim();
            var tail = id.Length > 4 ? id[^4..] : id;
            options.Add(new QuickReplyOption(s.T($"Order …{tail}", $"订单尾号{tail}"), s.T($"Where is order {id}?", $"订单 {id} 到哪了？")));
        }

        // The common questions fill what room the order leaves; the way to a person stays, as the greeting promises.
        options.AddRange(IntentPrompts.WelcomeIntents.Where(i => i != BotIntents.HumanAgent)
            .Take(_options.MaxQuickReplies - options.Count - 1)
            .Select(intent => IntentPrompts.For(intent, s)));
        options.Add(IntentPrompts.For(BotIntents.HumanAgent, s));
        IReadOnlyList<BotReply> replies =
        [
            BotReplies.Message(greeting),
            BotReplies.QuickReplies(s.T("Popular questions:", "猜您想问："), options),
        ];
        return Task.FromResult(new BotTurn(replies, null, null, null, false));
    }

    public async Task<BotTurn> RespondAsync(BotContext context, string text, CancellationToken cancellationToken)
    {
        Validate(context);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The customer's message must not be empty.", nameof(text));
        if (text.Length > BotAnalyzerOptions.MaxTextLength)
        {
            throw new ArgumentException($"The customer's message is {text.Length} characters long; the limit is {BotAnalyzerOptions.MaxTextLength}.", nameof(text));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var analysis = _analyzer.Analyze(text);
        var turn = new TurnBuilder(SpeechFor(ReplyLanguage(context, analysis, text)));
        var textOrderId = analysis.Entities.FirstOrDefault(e => e.Type == EntityTypes.OrderId)?.Value;
        var orderId = textOrderId ?? Clean(context.OrderId);

        if (IsAngry(analysis))
        {
            await HandOffAsync(context, turn, analysis, orderId, HandoffReasons.Anger, HandoffSkills.Complaints, _options.AngerPriorityBoost);
            return turn.Build(View(analysis, analysis.Intent));
        }

        if (analysis.Intent == BotIntents.HumanAgent && analysis.Confidence >= _options.HandoffIntentMinConfidence)
        {
            await HandOffAsync(context, turn, analysis, orderId, HandoffReasons.CustomerRequest, TopicSkill(context, text), 0);
            return turn.Build(View(analysis, analysis.Intent));
        }

        if (analysis.Intent == BotIntents.Complaint && analysis.Confidence >= _options.HandoffIntentMinConfidence)
        {
            await HandOffAsync(context, turn, analysis, orderId, HandoffReasons.Complaint, HandoffSkills.Complaints, _options.ComplaintPriorityBoost);
            return turn.Build(View(analysis, analysis.Intent));
        }

        var pending = PendingRequest.From(context.Recent, text);
        var intent = analysis.Intent;
        var unsure = analysis.NeedsClarification;
        if (pending is not null && (unsure || !IsOrderIntent(intent))
            && (textOrderId is not null || (pending.Awaiting == PendingRequest.Problem && ProblemCues.Detect(text) is not null)))
        {
            // The customer is answering what the bot asked: carry on with that request.
            intent = pending.Intent;
            unsure = false;
        }
        else if (unsure && textOrderId is not null)
        {
            // An order number on its own: the commonest reason to send one is to ask where it is.
            intent = BotIntents.OrderStatus;
            unsure = false;
        }

        KnowledgeHit? direct = null;
        if (unsure)
        {
            direct = _knowledge.Direct(text, turn.Speech.Language);
            if (direct is null)
            {
                Clarify(context, turn, analysis);
                return turn.Build(View(analysis, intent));
            }

            intent = direct.Entry.Intent ?? intent;
        }

        try
        {
            if (direct is not null)
            {
                AnswerFromKnowledge(turn, direct, intent);
            }
            else if (IsOrderIntent(intent))
            {
                await OrderTurnAsync(context, turn, intent, orderId, text);
            }
            else
            {
                await KnowledgeTurnAsync(context, turn, analysis, intent, text, textOrderId);
            }

            if (turn.LowConfidence)
            {
                Clarify(context, turn, analysis);
                return turn.Build(View(analysis, intent));
            }

            if (analysis.Sentiment == SentimentLabels.Negative)
            {
                turn.Apologize(turn.Speech.T("I'm sorry about the trouble.", "亲，给您带来不便真的很抱歉！"), specific: false);
            }

            await VipHandoffAsync(context, turn, analysis, intent);
        }
        catch (Exception e) when (e is not (OperationCanceledException or ArgumentException))
        {
            _logger.LogError(e, "The bot could not finish its answer in session {SessionId}; it apologised and offered a person", context.SessionId);
            turn = new TurnBuilder(turn.Speech);
            turn.Say(turn.Speech.T(
                "Sorry, I can't reach the order system right now. Please try again in a moment, or talk to a person.",
                "亲，抱歉，订单系统暂时查不到信息，请稍后再试，或者转人工客服帮您处理。"));
            OrderAnswers.OfferPerson(turn);
        }

        return turn.Build(View(analysis, intent));
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(BotContext context, CancellationToken cancellationToken)
    {
        Validate(context);
        cancellationToken.ThrowIfCancellationRequested();
        var s = SpeechFor(BotLanguages.IsSupported(context.Language) ? context.Language : BotLanguages.Chinese);
        var suggestions = new List<Suggestion>();
        var orderId = Clean(context.OrderId);
        string? topic = null;
        var position = 0;
        foreach (var message in PendingRequest.CustomerMessages(context.Recent).Take(_options.SuggestionMessages))
        {
            if (message.Length > BotAnalyzerOptions.MaxTextLength) continue;
            var analysis = _analyzer.Analyze(message);
            var recency = Math.Pow(0.85, position++);
            topic ??= analysis.Intent is BotIntents.Greeting or BotIntents.Thanks or BotIntents.Other ? null : analysis.Intent;
            orderId ??= analysis.Entities.FirstOrDefault(e => e.Type == EntityTypes.OrderId)?.Value;
            foreach (var hit in _knowledge.Trusted(message, ReplyLanguage(context, analysis, message), analysis.Intent).Take(2))
            {
                suggestions.Add(new Suggestion(hit.Entry.Answer, SuggestionSources.Knowledge, Round(recency * KnowledgeAnswers.Confidence(hit, analysis.Intent))));
            }
        }

        if (orderId is not null)
        {
            try
            {
                if (await _orders.FindAsync(context.CustomerId, orderId) is { } facts)
                {
                    suggestions.Add(new Suggestion(Draft(s, t => _answers.Status(facts, t)), SuggestionSources.Order, topic == BotIntents.OrderStatus ? 0.95 : 0.7));
                    suggestions.Add(new Suggestion(Draft(s, t => _answers.Returns(facts, t)), SuggestionSources.Order, topic == BotIntents.ReturnExchange ? 0.9 : 0.55));
                    suggestions.Add(new Suggestion(Draft(s, t => _answers.Refund(facts, t)), SuggestionSources.Order, topic == BotIntents.RefundStatus ? 0.9 : 0.5));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Order {OrderId} could not be read for suggestions in session {SessionId}", orderId, context.SessionId);
            }
        }

        return suggestions
            .Where(x => !string.IsNullOrWhiteSpace(x.Text))
            .GroupBy(x => x.Text, StringComparer.Ordinal)
            .Select(g => g.MaxBy(x => x.Confidence)!)
            .OrderByDescending(x => x.Confidence)
            .Take(_options.MaxSuggestions)
            .ToList();
    }

    /// <summary>Masks phone numbers and e-mail addresses the way the bot's own notes do, with the shop's order-number formats left alone.</summary>
    public string MaskPersonalData(string text) => _masker.Mask(text);

    // ------------------------------------------------------------------ handoffs

    private async Task HandOffAsync(BotContext context, TurnBuilder turn, BotAnalysis analysis, string? orderId, string reason, string skill, int boost)
    {
        var s = turn.Speech;
        turn.Say(reason switch
        {
            HandoffReasons.Anger => s.T(
                "I'm truly sorry for the trouble, and I understand how frustrating this is. I'm passing you to a colleague right now, with priority, and they'll see everything you've told me, so you won't need to repeat yourself.",
                "亲，真的非常抱歉给您带来这么不好的体验，您的心情小露非常理解。这就为您优先转接人工客服，您说的情况我都会转告，不用您再重复一遍。"),
            HandoffReasons.Complaint => s.T(
                "I'm very sorry about your experience, and thank you for telling us. I'm passing this to our complaints team right away, with priority.",
                "亲，非常抱歉让您有这样的体验，感谢您告诉我们。小露马上把您的问题优先转给投诉专员处理。"),
            _ => s.T(
                "Sure, I'm connecting you to a colleague now. I'll pass on what you've told me so far.",
                "好的亲，这就为您转接人工客服，之前的情况小露都会转告给同事～"),
        });

        // Collect the basics first: the agent starts with the order checked, not with a question.
        if (orderId is not null)
        {
            try
            {
                if (await _orders.FindAsync(context.CustomerId, orderId) is { } facts)
                {
                    turn.OrderId = facts.OrderId;
                    turn.Facts.Add($"status {facts.Status}");
                    if (facts.Assessment.LateShipping || facts.Assessment.LateDelivery) turn.Facts.Add("order late");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Order {OrderId} could not be read for a handoff note in session {SessionId}", orderId, context.SessionId);
            }
        }

        turn.Handoff = new HandoffRequest(reason, skill, boost, HandoffNotes.For(analysis, turn.OrderId, [.. turn.Facts]));
    }

    private async Task VipHandoffAsync(BotContext context, TurnBuilder turn, BotAnalysis analysis, string intent)
    {
        if (!_options.VipComplexHandoff || turn.Handoff is not null || context.Tier is not (CustomerTiers.Vip or CustomerTiers.Svip)) return;

        // Only once the bot has the facts: while it still waits for an order number, the person would only ask for it again.
        if (IsOrderIntent(intent) && turn.OrderId is null) return;

        var upset = analysis.Sentiment is SentimentLabels.Negative or SentimentLabels.Angry;
        var complex = intent is BotIntents.DamagedOrWrongItem or BotIntents.PaymentIssue
            || (intent is BotIntents.RefundStatus or BotIntents.ReturnExchange && (upset || turn.Facts.Contains("refund overdue")));
        if (!complex && turn.OrderId is not null && IsOrderIntent(intent))
        {
            complex = await IsRepeatContactAsync(context, turn.OrderId);
            if (complex) turn.Facts.Add("repeat contact within 24h");
        }

        if (!complex) return;
        var s = turn.Speech;
        turn.Say(context.Tier == CustomerTiers.Svip
            ? s.T("As an SVIP member, you'll also have a dedicated colleague follow this up with you personally; I'm connecting you now.",
                "您是我们尊贵的 SVIP 会员，小露这就为您转接专属人工客服继续跟进～")
            : s.T("As a VIP member, you'll also have a dedicated colleague follow this up with you personally; I'm connecting you now.",
                "您是我们尊贵的 VIP 会员，小露这就为您转接专属人工客服继续跟进～"));
        turn.Handoff = new HandoffRequest(HandoffReasons.VipComplexIssue, HandoffSkills.For(intent), _options.VipComplexPriorityBoost,
            HandoffNotes.For(analysis with { Intent = intent }, turn.OrderId, [.. turn.Facts]));
    }

    private async Task<bool> IsRepeatContactAsync(BotContext context, string orderId)
    {
        try
        {
            return await _grains.GetGrain<ICustomerGrain>(context.CustomerId).FindRepeatContact(orderId, context.SessionId) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Earlier contacts of customer {CustomerId} could not be read", context.CustomerId);
            return false;
        }
    }

    /// <summary>The skill the conversation was about before the customer asked for a person (general when unclear).</summary>
    private string TopicSkill(BotContext context, string text)
    {
        foreach (var earlier in PendingRequest.CustomerMessages(context.Recent).Where(m => m != text).Take(TopicMessages))
        {
            if (earlier.Length > BotAnalyzerOptions.MaxTextLength) continue;
            var previous = _analyzer.Analyze(earlier);
            if (!previous.NeedsClarification && HandoffSkills.For(previous.Intent) is HandoffSkills.Presales or HandoffSkills.Aftersales)
            {
                return HandoffSkills.For(previous.Intent);
            }
        }

        return HandoffSkills.General;
    }

    // ------------------------------------------------------------------ clarifying

    private void Clarify(BotContext context, TurnBuilder turn, BotAnalysis analysis)
    {
        var s = turn.Speech;
        turn.Reset();
        turn.LowConfidence = true;
        // The session's limit, read from the context: the turn that reaches it hands off here, with words, rather than asking again.
        if (context.LowConfidenceStreak + 1 >= context.LowConfidenceLimit)
        {
            turn.Say(context.LowConfidenceStreak > 0
                ? s.T("Sorry, I still haven't understood. I'm bringing in a colleague who can help you.", "亲，抱歉小露还是没能理解您的问题，这就为您转接人工客服，请稍等～")
                : s.T("Sorry, I haven't understood. I'm bringing in a colleague who can help you.", "亲，抱歉小露没能理解您的问题，这就为您转接人工客服，请稍等～"));
            turn.Handoff = new HandoffRequest(HandoffReasons.LowConfidence, HandoffSkills.General, 0, HandoffNotes.For(analysis, turn.OrderId, [.. turn.Facts]));
            return;
        }

        // The likeliest intents first; when the model has few real candidates, the commonest questions fill in.
        var candidates = new[] { analysis.Intent }.Concat(analysis.Alternatives.Select(a => a.Intent)).Concat(IntentPrompts.WelcomeIntents)
            .Where(i => IntentPrompts.Has(i) && i != BotIntents.HumanAgent)
            .Distinct(StringComparer.Ordinal)
            .Take(Math.Min(ClarifyCandidates, _options.MaxQuickReplies - 1))
            .Select(i => IntentPrompts.For(i, s))
            .Append(IntentPrompts.For(BotIntents.HumanAgent, s))
            .ToList();
        turn.Add(BotReplies.QuickReplies(s.T("Sorry, I'm not quite sure what you mean. Is it one of these?", "亲，小露没太理解您的意思，您是想问下面哪个问题呢？"), candidates));
    }

    // ------------------------------------------------------------------ order questions

    private async Task OrderTurnAsync(BotContext context, TurnBuilder turn, string intent, string? orderId, string text)
    {
        var s = turn.Speech;
        if (orderId is null)
        {
            // A general question about how orders work is answered first; the order pick-list then offers the specifics.
            if (_knowledge.Direct(text, s.Language) is { } general)
            {
                turn.Say(general.Entry.Answer);
                await OfferOrdersAsync(context, turn, intent, null, null,
                    s.T("If you'd like me to check a specific order, pick it below:", "如果想让小露查具体的订单，可以点下面的订单："));
                return;
            }

            await OfferOrdersAsync(context, turn, intent, null, s.T("Which order is this about?", "亲，请问是哪个订单呢？"));
            return;
        }

        var facts = await _orders.FindAsync(context.CustomerId, orderId);
        if (facts is null)
        {
            // The same words whether the order is someone else's or does not exist.
            await OfferOrdersAsync(context, turn, intent, orderId, s.T(
                $"I can't find order {orderId} under your account; please check the number.",
                $"亲，在您的账户下没有找到订单 {orderId}，麻烦核对一下订单号。"));
            return;
        }

        turn.OrderId = facts.OrderId;
        switch (intent)
        {
            case BotIntents.OrderStatus:
                _answers.Status(facts, turn);
                break;
            case BotIntents.ReturnExchange:
                _answers.Returns(facts, turn);
                break;
            case BotIntents.RefundStatus:
                _answers.Refund(facts, turn);
                break;
            case BotIntents.CancelOrder:
                _answers.Cancel(facts, turn);
                break;
            case BotIntents.ChangeAddress:
                _answers.ChangeAddress(facts, turn);
                break;
            case BotIntents.DamagedOrWrongItem:
                var reason = PendingRequest.CustomerMessages(context.Recent).Prepend(text).Take(TopicMessages).Select(ProblemCues.Detect).FirstOrDefault(r => r is not null);
                if (reason is null)
                {
                    turn.Add(BotReplies.QuickReplies(
                        s.T($"I'm sorry to hear that! What happened with order {facts.OrderId}?", $"亲，非常抱歉！订单 {facts.OrderId} 是遇到了哪种情况呢？"),
                        ProblemCases.Choices(facts.OrderId, s), PendingRequest.Problem, BotIntents.DamagedOrWrongItem));
                }
                else
                {
                    await _problems.OpenAsync(facts, context.CustomerId, reason, text, turn);
                }

                break;
        }
    }

    /// <summary>
    /// Asks which order: the customer's recent orders as quick replies (remembering the intent the answer is
    /// for), or, with none on file, where to find the order number. <paramref name="lead"/> null with
    /// <paramref name="pickPrompt"/> set offers the orders only when there are some.
    /// </summary>
    private async Task OfferOrdersAsync(BotContext context, TurnBuilder turn, string intent, string? notThis, string? lead, string? pickPrompt = null)
    {
        var s = turn.Speech;
        var recent = await _orders.RecentOrdersAsync(context.CustomerId, s, notThis);
        if (recent.Count > 0)
        {
            var prompt = lead is null ? pickPrompt : s.Join(lead, s.T("Tap one of your orders below, or type the order number.", "点下面的订单，或者直接发订单号给小露～"));
            turn.Add(BotReplies.QuickReplies(prompt, recent, PendingRequest.OrderNumber, intent));
        }
        else if (lead is not null)
        {
            turn.Add(BotReplies.Awaiting(
                s.Join(lead, s.T("Could you send me the order number? You'll find it under My orders.", "麻烦发一下订单号，在“我的订单”里可以找到哦。")),
                PendingRequest.OrderNumber, intent));
        }
    }

    // ------------------------------------------------------------------ knowledge questions

    private async Task KnowledgeTurnAsync(BotContext context, TurnBuilder turn, BotAnalysis analysis, string intent, string text, string? textOrderId)
    {
        var s = turn.Speech;
        var hit = _knowledge.Best(text, s.Language, intent);
        if (hit is null && intent is BotIntents.Greeting or BotIntents.Thanks && !analysis.NeedsClarification)
        {
            hit = _knowledge.Trusted(IntentPrompts.Canonical(intent, s), s.Language, intent).FirstOrDefault();
        }

        if (hit is null)
        {
            turn.LowConfidence = true;
            return;
        }

        AnswerFromKnowledge(turn, hit, intent);

        // A payment or invoice question about a named order: note the order for the session (and any agent) once it is known to be theirs.
        if (textOrderId is not null && await _orders.FindAsync(context.CustomerId, textOrderId) is { } facts)
        {
            turn.OrderId = facts.OrderId;
            turn.Facts.Add($"status {facts.Status}");
        }
    }

    private void AnswerFromKnowledge(TurnBuilder turn, KnowledgeHit hit, string intent)
    {
        var s = turn.Speech;
        turn.Say(hit.Entry.Answer);
        var related = _knowledge.Related(hit.Entry);
        if (intent == BotIntents.Greeting)
        {
            turn.Offer(s.T("Popular questions:", "猜您想问："), [.. IntentPrompts.WelcomeIntents.Select(i => IntentPrompts.For(i, s))]);
        }
        else if (related.Count > 0)
        {
            turn.Offer(s.T("You might also want to know:", "您可能还想问："), related);
        }
    }

    // ------------------------------------------------------------------ pieces

    private Speech SpeechFor(string language) => new(language, _options.DisplayUtcOffset, _time.GetUtcNow());

    private bool IsAngry(BotAnalysis analysis) =>
        analysis.Sentiment == SentimentLabels.Angry || analysis.AngerScore >= _options.AngerThreshold;

    /// <summary>
    /// The session's language, unless the message is plainly written in the other one (a customer whose
    /// profile says Chinese but who writes a sentence of English gets English back).
    /// </summary>
    private static string ReplyLanguage(BotContext context, BotAnalysis analysis, string text)
    {
        if (!BotLanguages.IsSupported(context.Language)) return analysis.Language;
        if (analysis.IsMixedLanguage || analysis.Language == context.Language) return context.Language;
        return analysis.Language switch
        {
            BotLanguages.English when text.Count(char.IsAsciiLetter) >= MinEnglishLetters => BotLanguages.English,
            BotLanguages.Chinese when text.Count(c => c >= '\u4e00' && c <= '\u9fff') >= MinChineseCharacters => BotLanguages.Chinese,
            _ => context.Language,
        };
    }

    private static AnalysisView View(BotAnalysis analysis, string intent) =>
        new(intent, analysis.Confidence, analysis.Sentiment, analysis.SentimentScore, analysis.AngerScore, analysis.Language);

    private static string Draft(Speech s, Action<TurnBuilder> compose)
    {
        var draft = new TurnBuilder(s);
        compose(draft);
        return s.Join(draft.Build(null).Replies.Where(r => r.Kind == EventKinds.Message).Select(r => r.Text));
    }

    private static double Round(double confidence) => Math.Round(Math.Clamp(confidence, 0, 1), 3);

    private static string? Clean(string? orderId) => string.IsNullOrWhiteSpace(orderId) ? null : orderId.Trim();

    private static void Validate(BotContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(context.CustomerId)) throw new ArgumentException("The context must name the customer.", nameof(context));
        if (context.Recent is null) throw new ArgumentException("The context's recent events must not be null.", nameof(context));
    }
}
