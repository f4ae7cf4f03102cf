using Conversations.Abstractions.Bot;
using Conversations.Bot.Knowledge;
using Conversations.Bot.Policy;
using Conversations.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Conversations.Bot.Tests.Policy;

[Collection(ShopBotCollection.Name)]
public sealed class BotServiceCollectionExtensionsTests
{
    private readonly ShopBotFixture _shop;

    public BotServiceCollectionExtensionsTests(ShopBotFixture shop)
    {
        _shop = shop;
    }

    [Fact]
    public void AddConversationsBot_RegistersTheShopBotWithOptionsFromConfiguration()
    {
        using var services = Services(new()
        {
            ["Conversations:Bot:ConfidenceThreshold"] = "0.8",
            ["Conversations:Bot:CompensationWording:En"] = "Have {amount} on us.",
        }).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<BotPolicyOptions>>().Value;
        Assert.Equal(0.8, options.ConfidenceThreshold);
        Assert.Equal("Have {amount} on us.", options.CompensationWording.En);
        Assert.Equal(new BotPolicyOptions().CompensationWording.Zh, options.CompensationWording.Zh);
        Assert.IsType<ShopBot>(services.GetRequiredService<IConversationBot>());
        Assert.Same(services.GetRequiredService<ShopBot>(), services.GetRequiredService<IConversationBot>());
        Assert.True(services.GetRequiredService<KnowledgeBase>().Count > 0);
    }

    [Fact]
    public async Task Start_WithAnInvalidSetting_FailsNamingTheKey()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Register(builder.Services, new() { ["Conversations:Bot:ConfidenceThreshold"] = "2" });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Conversations:Bot:ConfidenceThreshold", error.Message, StringComparison.Ordinal);
    }

    private ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        Register(services, settings);
        return services;
    }

    private void Register(IServiceCollection services, Dictionary<string, string?> settings)
    {
        // The fixture's model stands in for start-up training, which the registration would otherwise repeat.
        services.AddSingleton(_shop.Analyzer);
        services.AddSingleton(_shop.Grains);
        services.AddConversationsBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}
