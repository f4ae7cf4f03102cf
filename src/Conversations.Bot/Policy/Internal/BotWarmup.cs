using Conversations.Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Trains the model and loads the knowledge base while the host starts, so the first customer does not
/// wait for training and a broken data file stops the start instead of the first conversation.
/// </summary>
internal sealed class BotWarmup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger<BotWarmup> _logger;

    public BotWarmup(IServiceProvider services, ILogger<BotWarmup> logger)
    {
        _services = services;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var knowledge = _services.GetRequiredService<KnowledgeBase>();
        _services.GetRequiredService<ShopBot>();
        _logger.LogInformation("Bot ready in {Elapsed} ms: model trained, {Entries} knowledge entries", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, knowledge.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
