using System.Text;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    private const string Valid = """
        {
          "name": "t",
          "arrival": { "rate": 100, "spike": { "at": 10, "multiplier": 3, "rampSeconds": 2, "holdSeconds": 5 } },
          "mix": [
            { "name": "order", "weight": 4, "intent": "order_status", "openers": { "zh": ["订单{orderId}到哪了"], "en": ["Where is {orderId}?"] } },
            { "name": "person", "weight": 1, "intent": "human_agent", "handoff": "request", "openers": { "zh": ["转人工"], "en": ["A person please"] } }
          ]
        }
        """;

    [Fact]
    public void Parse_ValidScenario_ReadsArrivalMixAndDefaults()
    {
        Scenario scenario = Parse(Valid);

        Assert.Equal("t", scenario.Name);
        Assert.Equal(100, scenario.Arrival.Rate);
        Assert.Equal(3, scenario.Arrival.Spike!.Multiplier);
        Assert.Equal(0, scenario.Arrival.WarmupSeconds);
        Assert.Equal(["order", "person"], scenario.Mix.Select(k => k.Name));
        Assert.Equal(HandoffMode.Request, scenario.Mix[1].Handoff);
        Assert.Equal(5, scenario.Agents.Capacity);
    }

    [Fact]
    public void Load_ShippedPeakSale_HasOrderStatusAroundFortyPercentAndASpike()
    {
        Scenario scenario = ScenarioParser.Load(RepoFile("load/scenarios/peak-sale.json"));

        double total = scenario.Mix.Sum(k => k.Weight);
        double orderShare = scenario.Mix.Where(k => k.Intent == "order_status").Sum(k => k.Weight) / total;
        Assert.InRange(orderShare, 0.35, 0.45);
        Assert.Contains(scenario.Mix, k => k.Handoff == HandoffMode.Angry);
        Assert.Contains(scenario.Mix, k => k.Handoff == HandoffMode.Request);
        Assert.Equal(5, scenario.Arrival.Spike!.Multiplier);
        Assert.All(scenario.Mix, k => Assert.True(k.Openers.ContainsKey("zh") && k.Openers.ContainsKey("en")));
    }

    [Fact]
    public void Load_ShippedTrace_ReplaysInTimeOrder()
    {
        Scenario scenario = ScenarioParser.Load(RepoFile("load/scenarios/recorded-day.jsonl"));

        Assert.NotNull(scenario.Trace);
        Assert.True(scenario.Trace.Count >= 5);
        Assert.Equal(scenario.Trace.OrderBy(m => m.AtSeconds).Select(m => m.Line), scenario.Trace.Select(m => m.Line));
    }

    [Fact]
    public void Parse_WithBrokenJson_NamesTheLine()
    {
        string broken = Valid.Replace("\"rate\": 100,", "\"rate\": 100 ,,", StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(broken));

        Assert.Equal(3, error.Line);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithTextWhereANumberBelongs_NamesLineAndField()
    {
        string wrong = Valid.Replace("\"multiplier\": 3", "\"multiplier\": \"five\"", StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(wrong));

        Assert.Equal(3, error.Line);
        Assert.Contains("arrival.spike.multiplier", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithASpikeInsideTheWarmup_NamesTheLine()
    {
        string wrong = Valid.Replace("\"rate\": 100,", "\"rate\": 100, \"warmupSeconds\": 20,", StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(wrong));

        Assert.Equal(3, error.Line);
        Assert.Contains("inside the 20 s warm-up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithNegativeWeight_NamesTheMixEntry()
    {
        string wrong = Valid.Replace("\"weight\": 1,", "\"weight\": -1,", StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(wrong));

        Assert.Equal(6, error.Line);
        Assert.Contains("mix[1].weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithMisspeltField_RejectsItByName()
    {
        string wrong = Valid.Replace("\"arrival\"", "\"arival\"", StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(wrong));

        Assert.Contains("unknown field 'arival'", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_WithoutTextsForAUsedLanguage_SaysWhichIsMissing()
    {
        string wrong = Valid.Replace(", \"en\": [\"A person please\"]", string.Empty, StringComparison.Ordinal);

        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse(wrong));

        Assert.Contains("mix[1].openers", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"en\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutArrival_SaysItIsRequired()
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => Parse("""{ "name": "x", "mix": [] }"""));

        Assert.Contains("arrival: required field is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTrace_WithABadLine_NamesThatLine()
    {
        string trace = "{\"at\": 0, \"customer\": \"c-1\", \"text\": \"hi\"}\n\n{\"at\": \"soon\", \"customer\": \"c-2\", \"text\": \"hi\"}\n";

        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseTrace(trace, "day.jsonl"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("day.jsonl, line 3: at:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTrace_WithoutText_SaysTheFieldIsMissing()
    {
        ScenarioException error = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseTrace("{\"at\": 1, \"customer\": \"c-1\"}", "t.jsonl"));

        Assert.Contains("text: required field is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void ParseTrace_OutOfOrderLines_AreSortedByTime()
    {
        string trace = "{\"at\": 5, \"customer\": \"a\", \"text\": \"later\"}\n{\"at\": 1, \"customer\": \"b\", \"text\": \"first\"}";

        IReadOnlyList<TraceMessage> messages = ScenarioParser.ParseTrace(trace, "t.jsonl");

        Assert.Equal(["first", "later"], messages.Select(m => m.Text));
        Assert.Equal("zh", messages[0].Language);
    }

    private static Scenario Parse(string json) => ScenarioParser.Parse(Encoding.UTF8.GetBytes(json), "test.json");

    internal static string RepoFile(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
