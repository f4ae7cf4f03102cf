using Conversations.Bot;
using Conversations.Bot.Knowledge;
using Conversations.Runtime.Hosting;

namespace Conversations.Server.Hosting;

/// <summary>
/// The one place the server wires the bot: <c>IConversationBot</c> for sessions, the cluster's knowledge base (a grain,
/// with this silo's search index kept in step) for the bot and <c>/api/knowledge</c>, and the analyzer for
/// <c>/api/bot/analyze</c> (section <c>Conversations:Bot</c>).
/// </summary>
public static class BotRegistration
{
    /// <param name="seedDemoKnowledge">Seed a knowledge base that was never written with the demo entries (with the demo data).</param>
    public static RuntimeBuilder AddConversationsBotServices(this RuntimeBuilder runtime, IConfiguration configuration, bool seedDemoKnowledge)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(configuration);
        runtime.Services.AddConversationsBot(configuration);
        runtime.AddClusterKnowledge(seedDemoKnowledge);
        return runtime;
    }
}
