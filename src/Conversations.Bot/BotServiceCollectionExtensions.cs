using Conversations.Abstractions.Bot;
using Conversations.Bot.Knowledge;
using Conversations.Bot.Policy;
using Conversations.Bot.Policy.Internal;
using Conversations.Bot.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conversations.Bot;

/// <summary>Registers the shop's bot: the NLU trained once at start-up, the knowledge base, and <see cref="ShopBot"/> as the <see cref="IConversationBot"/>.</summary>
public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BotPolicyOptions"/> (bound from <c>Conversations:Bot</c> when <paramref name="configuration"/>
    /// is given, validated at start with the key named), the trained <see cref="BotAnalyzer"/> (a singleton, trained
    /// while the host starts), a <see cref="KnowledgeBase"/> loaded with the demo entries, a <see cref="PiiMasker"/>, and
    /// <see cref="ShopBot"/> as the <see cref="IConversationBot"/>. The bot reads orders through the runtime's
    /// <c>IGrainFactory</c>, which the runtime registers.
    /// </summary>
    public static IServiceCollection AddConversationsBot(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BotPolicyOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(BotPolicyOptions.SectionName));
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotPolicyOptions>, BotPolicyOptionsValidator>());

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => BotModel.TrainFromEmbeddedData(sp.GetRequiredService<IOptions<BotPolicyOptions>>().Value.ToAnalyzerOptions()));
        services.TryAddSingleton(sp =>
        {
            var knowledge = new KnowledgeBase(extractor: sp.GetRequiredService<BotAnalyzer>().EntityExtractor);
            knowledge.UpsertRange(KnowledgeLoader.LoadEmbedded());
            return knowledge;
        });
        services.TryAddSingleton(sp => new PiiMasker(sp.GetRequiredService<BotAnalyzer>().EntityExtractor));
        services.TryAddSingleton<ShopBot>();
        services.AddSingleton<IConversationBot>(sp => sp.GetRequiredService<ShopBot>());
        services.AddHostedService<BotWarmup>();
        return services;
    }
}
