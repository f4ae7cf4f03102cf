using Conversations.Bot;

namespace Conversations.Server.Tests.Support;

/// <summary>The bot's NLU trained once per test run and handed to every test server, so each start skips the training.</summary>
public static class SharedBotModel
{
    private static readonly Lazy<BotAnalyzer> s_analyzer = new(() => BotModel.TrainFromEmbeddedData(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static BotAnalyzer Analyzer => s_analyzer.Value;
}
