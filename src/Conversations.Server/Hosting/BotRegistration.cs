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
    /// <param name="seedShippedKnowledge">Seed a knowledge base that was never written with the shipped FAQ entries.</param>
    public static RuntimeBuilder AddConversationsBotServices(this RuntimeBuilder runtime, IConfiguration configuration, bool seedShippedKnowledge)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(configuration);
        runtime.Services.AddConversationsBot(configuration);
        runtime.AddClusterKnowledge(seedShippedKnowledge);
        return runtime;
    }
}
