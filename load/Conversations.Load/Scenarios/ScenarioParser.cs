using System.Text;
using Conversations.Load.Internal;

namespace Conversations.Load.Scenarios;

/// <summary>Reads scenario files (<c>.json</c>) and recorded traces (<c>.jsonl</c>); every error names the file, line and field.</summary>
public static class ScenarioParser
{
    private static readonly string[] s_languages = ["zh", "en"];
    private static readonly string[] s_channels = ["web", "app", "wechat", "phone", "mini_program", "email"];

    /// <summary>Loads a scenario; a <c>.jsonl</c> file is a trace replayed with default customer and agent behaviour.</summary>
    public static Scenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ScenarioException($"The scenario file '{path}' does not exist.");
        }

        string fullPath = Path.GetFullPath(path);
        if (fullPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            IReadOnlyList<TraceMessage> trace = ParseTrace(File.ReadAllText(fullPath), Path.GetFileName(fullPath));
            return Defaults(Path.GetFileNameWithoutExtension(fullPath)) with { Trace = trace };
        }

        return Parse(File.ReadAllBytes(fullPath), Path.GetFileName(fullPath), Path.GetDirectoryName(fullPath));
    }

    /// <param name="baseDirectory">Where a <c>trace</c> file named in the scenario is looked up; null refuses traces.</param>
    public static Scenario Parse(ReadOnlySpan<byte> utf8, string source, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var reader = new NodeReader(source);
        LineNode root = reader.RequireObject(LineJsonParser.Parse(utf8, source));
        reader.RejectUnknown(root, "name", "description", "seed", "arrival", "customers", "agents", "mix", "trace");
        Scenario defaults = Defaults("scenario");

        ArrivalCurve arrival = ReadArrival(reader, reader.RequireObject(reader.Require(root, "arrival")));
        CustomerBehaviour customers = root.Member("customers") is { } c ? ReadCustomers(reader, reader.RequireObject(c), defaults.Customers) : defaults.Customers;
        AgentBehaviour agents = root.Member("agents") is { } a ? ReadAgents(reader, reader.RequireObject(a), defaults.Agents) : defaults.Agents;

        IReadOnlyList<TraceMessage>? trace = null;
        if (root.Member("trace") is { } traceNode)
        {
            string file = reader.StringOf(traceNode);
            if (baseDirectory is null)
            {
                throw reader.Error(traceNode, "a trace file can only be named in a scenario loaded from disk.");
            }

            string tracePath = Path.Combine(baseDirectory, file);
            if (!File.Exists(tracePath))
            {
                throw reader.Error(traceNode, $"the trace file '{tracePath}' does not exist.");
            }

            trace = ParseTrace(File.ReadAllText(tracePath), Path.GetFileName(tracePath));
        }

        IReadOnlyList<ConversationKind> mix = trace is null || root.Member("mix") is not null
            ? ReadMix(reader, reader.Require(root, "mix"), customers.Languages)
            : defaults.Mix;

        return new Scenario(
            reader.String(root, "name"),
            root.Member("description") is null ? null : reader.String(root, "description"),
            reader.Integer(root, "seed", 1, 0),
            arrival,
            customers,
            agents,
            mix,
            trace);
    }

    /// <summary>
    /// Parses a trace: one JSON object per line, <c>{ "at": seconds, "customer": id, "text": …, "language"?: "zh"|"en",
    /// "channel"?: …, "orderId"?: … }</c>, in any order of <c>at</c>; blank lines and lines starting with <c>//</c> are skipped.
    /// </summary>
    public static IReadOnlyList<TraceMessage> ParseTrace(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var reader = new NodeReader(source);
        var messages = new List<TraceMessage>();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            int lineNumber = i + 1;
            LineNode node = LineJsonParser.Parse(Encoding.UTF8.GetBytes(line), source, lineNumber);
            if (node.Kind != LineNodeKind.Object)
            {
                throw new ScenarioException(source, lineNumber, $"expected one JSON object per line, got {node.Describe()}.");
            }

            reader.RejectUnknown(node, "at", "customer", "text", "language", "channel", "orderId");
            string messageText = reader.String(node, "text");
            if (messageText.Length > 4000)
            {
                throw reader.Error(node.Member("text")!, $"is {messageText.Length} characters; the engine refuses messages over 4000.");
            }

            string language = reader.String(node, "language", "zh");
            if (!s_languages.Contains(language))
            {
                throw reader.Error(node.Member("language")!, "must be \"zh\" or \"en\".");
            }

            messages.Add(new TraceMessage(
                reader.Number(node, "at", min: 0),
                reader.String(node, "customer"),
                messageText,
                language,
                reader.String(node, "channel", "web"),
                node.Member("orderId") is null ? null : reader.String(node, "orderId"),
                lineNumber));
        }

        if (messages.Count == 0)
        {
            throw new ScenarioException(source, 1, "the trace holds no messages.");
        }

        return [.. messages.OrderBy(m => m.AtSeconds).ThenBy(m => m.Line)];
    }

    /// <summary>What a scenario without <c>customers</c>, <c>agents</c> or <c>mix</c> gets.</summary>
    public static Scenario Defaults(string name) => new(
        name,
        null,
        1,
        new ArrivalCurve(100, null),
        new CustomerBehaviour(
            DemoCustomers: false,
            SyntheticPrefix: "load-c-",
            Channels: [new Weighted<string>("web", 1)],
            Languages: [new Weighted<string>("zh", 0.7), new Weighted<string>("en", 0.3)],
            ThinkSeconds: new SecondsRange(1, 5),
            BotReplyTimeoutSeconds: 10,
            AssignmentTimeoutSeconds: 60,
            ReconnectProbability: 0,
            RateSessionProbability: 0,
            AgentTurns: 1),
        new AgentBehaviour(
            Capacity: 5,
            AcceptDelaySeconds: new SecondsRange(0.5, 2),
            DeclineProbability: 0,
            ReplyDelaySeconds: new SecondsRange(1, 4),
            RepliesPerSession: 2,
            ResolveAfterSeconds: new SecondsRange(1, 3),
            Replies: new Dictionary<string, IReadOnlyList<string>>
            {
                ["zh"] = ["您好，我是人工客服，马上为您查询。"],
                ["en"] = ["Hi, I'm a person from the service team — let me check that for you."],
            }),
        [new ConversationKind(
            "greeting",
            1,
            "greeting",
            HandoffMode.None,
            new Dictionary<string, IReadOnlyList<string>> { ["zh"] = ["你好"], ["en"] = ["Hello"] },
            new Dictionary<string, IReadOnlyList<string>>(),
            0,
            0)],
        null);

    private static ArrivalCurve ReadArrival(NodeReader reader, LineNode node)
    {
        reader.RejectUnknown(node, "rate", "warmupSeconds", "spike");
        double rate = reader.Number(node, "rate", min: 0.001);
        double warmup = reader.Number(node, "warmupSeconds", 0, 0, 3600);
        Spike? spike = null;
        if (node.Member("spike") is { } s)
        {
            reader.RequireObject(s);
            reader.RejectUnknown(s, "at", "multiplier", "rampSeconds", "holdSeconds");
            spike = new Spike(
                reader.Number(s, "at", min: 0),
                reader.Number(s, "multiplier", min: 1),
                reader.Number(s, "rampSeconds", 0, 0),
                reader.Number(s, "holdSeconds", min: 0));
            if (spike.RampSeconds == 0)
            {
                // A zero ramp is a step; keep the arithmetic free of divisions by zero.
                spike = spike with { RampSeconds = 0.001 };
            }
        }

        if (spike is not null && spike.AtSeconds < warmup)
        {
            throw reader.Error(node, $"the spike starts at {spike.AtSeconds} s, inside the {warmup} s warm-up");
        }

        return new ArrivalCurve(rate, spike) { WarmupSeconds = warmup };
    }

    private static CustomerBehaviour ReadCustomers(NodeReader reader, LineNode node, CustomerBehaviour d)
    {
        reader.RejectUnknown(
            node, "demoCustomers", "syntheticPrefix", "channels", "languages", "thinkSeconds", "botReplyTimeoutSeconds",
            "assignmentTimeoutSeconds", "reconnectProbability", "rateSessionProbability", "agentTurns");
        return new CustomerBehaviour(
            reader.Bool(node, "demoCustomers", d.DemoCustomers),
            reader.String(node, "syntheticPrefix", d.SyntheticPrefix),
            reader.Weights(node, "channels", d.Channels, s_channels),
            reader.Weights(node, "languages", d.Languages, s_languages),
            reader.Range(node, "thinkSeconds", d.ThinkSeconds),
            reader.Number(node, "botReplyTimeoutSeconds", d.BotReplyTimeoutSeconds, 0.1, 600),
            reader.Number(node, "assignmentTimeoutSeconds", d.AssignmentTimeoutSeconds, 0.1, 3600),
            reader.Probability(node, "reconnectProbability", d.ReconnectProbability),
            reader.Probability(node, "rateSessionProbability", d.RateSessionProbability),
            reader.Integer(node, "agentTurns", d.AgentTurns, 0, 50));
    }

    private static AgentBehaviour ReadAgents(NodeReader reader, LineNode node, AgentBehaviour d)
    {
        reader.RejectUnknown(
            node, "capacity", "acceptDelaySeconds", "declineProbability", "replyDelaySeconds", "repliesPerSession", "resolveAfterSeconds", "replies");
        IReadOnlyDictionary<string, IReadOnlyList<string>> replies = reader.Texts(node, "replies", required: false);
        return new AgentBehaviour(
            reader.Integer(node, "capacity", d.Capacity, 1, 100),
            reader.Range(node, "acceptDelaySeconds", d.AcceptDelaySeconds),
            reader.Probability(node, "declineProbability", d.DeclineProbability),
            reader.Range(node, "replyDelaySeconds", d.ReplyDelaySeconds),
            reader.Integer(node, "repliesPerSession", d.RepliesPerSession, 0, 50),
            reader.Range(node, "resolveAfterSeconds", d.ResolveAfterSeconds),
            replies.Count == 0 ? d.Replies : replies);
    }

    private static List<ConversationKind> ReadMix(NodeReader reader, LineNode node, IReadOnlyList<Weighted<string>> languages)
    {
        if (node.Kind != LineNodeKind.Array || node.Items.Count == 0)
        {
            throw reader.Error(node, $"expected a non-empty array of conversation kinds, got {node.Describe()}.");
        }

        var kinds = new List<ConversationKind>();
        foreach (LineNode item in node.Items)
        {
            reader.RequireObject(item);
            reader.RejectUnknown(item, "name", "weight", "intent", "handoff", "openers", "followUps", "followUpCount");
            string handoffText = reader.String(item, "handoff", "none");
            HandoffMode handoff = handoffText switch
            {
                "none" => HandoffMode.None,
                "request" => HandoffMode.Request,
                "angry" => HandoffMode.Angry,
                _ => throw reader.Error(item.Member("handoff")!, $"must be \"none\", \"request\" or \"angry\", got \"{handoffText}\"."),
            };
            IReadOnlyDictionary<string, IReadOnlyList<string>> openers = reader.Texts(item, "openers", required: true);
            foreach (Weighted<string> language in languages.Where(l => l.Weight > 0))
            {
                if (!openers.ContainsKey(language.Value))
                {
                    throw reader.Error(item.Member("openers")!, $"has no \"{language.Value}\" texts, but customers.languages uses {language.Value}.");
                }
            }

            IReadOnlyDictionary<string, IReadOnlyList<string>> followUps = reader.Texts(item, "followUps", required: false);
            SecondsRange count = reader.Range(item, "followUpCount", new SecondsRange(0, followUps.Count == 0 ? 0 : 1));
            if (count.Min != Math.Floor(count.Min) || count.Max != Math.Floor(count.Max))
            {
                throw reader.Error(item.Member("followUpCount")!, "min and max must be whole numbers.");
            }

            if (count.Max > 0 && followUps.Count == 0)
            {
                throw reader.Error(item.Member("followUpCount")!, "asks for follow-ups, but followUps holds no texts.");
            }

            kinds.Add(new ConversationKind(
                reader.String(item, "name"),
                reader.Number(item, "weight", min: 0.000001),
                reader.String(item, "intent"),
                handoff,
                openers,
                followUps,
                (int)count.Min,
                (int)count.Max));
        }

        string? duplicate = kinds.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw reader.Error(node, $"the name \"{duplicate}\" is used twice.");
        }

        return kinds;
    }
}
