using Conversations.Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Trains the model and creates the knowledge base while the host starts, so the first customer does not
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
        _services.GetRequiredService<KnowledgeBase>();
        _services.GetRequiredService<ShopBot>();
        // No entry count: in a silo the knowledge base is filled later, by KnowledgeSync, which logs its own.
        _logger.LogInformation("Bot ready in {Elapsed} ms: model trained", TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
