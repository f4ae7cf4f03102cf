using Conversations.Grains.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Stats;
using Conversations.Grains.Transcripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests;

public sealed class DomainServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddConversationsDomainServices(configuration).BuildServiceProvider();
    }

    [Fact]
    public void ByDefault_TranscriptsAreInMemory_AndStatsAreRegistered()
    {
        using var services = Build([]);

        Assert.IsType<MemoryTranscriptStore>(services.GetRequiredService<ITranscriptStore>());
        Assert.Same(services.GetRequiredService<ConversationStats>(), services.GetRequiredService<ConversationStats>());
        Assert.Equal(TimeSpan.FromMinutes(10), services.GetRequiredService<IOptions<SessionOptions>>().Value.BotIdleClose);
    }

    [Fact]
    public void Options_AreBoundFromConfiguration()
    {
        using var services = Build(new()
        {
            ["Conversations:Sessions:BotIdleClose"] = "00:05:00",
            ["Conversations:Sla:WarningFraction"] = "0.7",
            ["Conversations:Sla:Policies:0:Queue"] = "complaints",
            ["Conversations:Sla:Policies:0:FirstResponse"] = "00:00:20",
        });

        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<IOptions<SessionOptions>>().Value.BotIdleClose);
        var sla = services.GetRequiredService<IOptions<SlaOptions>>().Value;
        Assert.Equal(0.7, sla.WarningFraction);
        Assert.Equal(TimeSpan.FromSeconds(20), sla.PolicyFor("complaints:en", "regular").FirstResponse);
    }

    [Fact]
    public void AWrongValue_IsReportedWithItsKey()
    {
        using var services = Build(new() { ["Conversations:Sessions:LowConfidenceLimit"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<SessionOptions>>().Value);

        Assert.Contains("Conversations:Sessions:LowConfidenceLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresStorage_WithoutAConnectionString_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Conversations:Storage"] = "postgres" }));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStorage_FailsNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Conversations:Storage"] = "mongo" }));

        Assert.Contains("Conversations:Storage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresStorage_UsesThePostgresTranscriptStore()
    {
        await using var services = Build(new()
        {
            ["Conversations:Storage"] = "postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=u;Password=p",
        });

        Assert.IsType<PostgresTranscriptStore>(services.GetRequiredService<ITranscriptStore>());
    }
}
