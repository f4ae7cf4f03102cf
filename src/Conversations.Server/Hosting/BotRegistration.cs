using Conversations.Bot;

namespace Conversations.Server.Hosting;

/// <summary>
/// The one place the server wires the bot: <c>IConversationBot</c> for sessions, the knowledge base for
/// <c>/api/knowledge</c> and the analyzer for <c>/api/bot/analyze</c> (section <c>Conversations:Bot</c>).
/// </summary>
public static class BotRegistration
{
    public static IServiceCollection AddConversationsBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddConversationsBot(configuration);
        return services;
    }
}
