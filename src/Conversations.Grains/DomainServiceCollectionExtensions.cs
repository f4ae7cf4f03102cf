using System.Diagnostics.Metrics;
using Conversations.Grains.Orders;
using Conversations.Grains.Queues;
using Conversations.Grains.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Stats;
using Conversations.Grains.Transcripts;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Grains;

/// <summary>Registers the conversation domain on a silo: its grains, options, stats and transcript store.</summary>
public static class DomainServiceCollectionExtensions
{
    /// <summary>The configuration key choosing the storage (<c>memory</c> or <c>postgres</c>).</summary>
    public const string StorageKey = "Conversations:Storage";

    /// <summary>
    /// Hosts every grain of this assembly, adds the domain's services (see <see cref="AddConversationsDomainServices"/>)
    /// and <see cref="StatsPublisher"/>, which reports this silo's figures to the cluster's every second (a hosted
    /// service: registered after the runtime, it starts after the silo and stops before it).
    /// The bot (<c>IConversationBot</c>) is not registered here: the host adds the real one, tests a scripted one.
    /// </summary>
    public static RuntimeBuilder AddConversationsDomain(this RuntimeBuilder builder, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGrains(typeof(SessionGrain).Assembly);
        builder.Services.AddConversationsDomainServices(configuration);
        builder.Services.TryAddSingleton<StatsPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StatsPublisher>());
        return builder;
    }

    /// <summary>
    /// The domain's services without its grains: options (bound from <paramref name="configuration"/> when given,
    /// validated at start with the offending key named), <see cref="ConversationStats"/>, and the transcript store —
    /// memory unless <c>Conversations:Storage</c> is <c>postgres</c>, then PostgreSQL through <c>ConnectionStrings:Postgres</c>.
    /// </summary>
    public static IServiceCollection AddConversationsDomainServices(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddValidated<SessionOptions>(services, configuration, SessionOptions.SectionName, o => o.Validate());
        AddValidated<SlaOptions>(services, configuration, SlaOptions.SectionName, o => o.Validate());
        AddValidated<PostgresTranscriptOptions>(services, configuration, PostgresTranscriptOptions.SectionName, o => o.Validate());
        services.AddRouting(configuration);
        services.AddOrderPolicies(configuration);

        services.TryAddSingleton(sp => sp.GetService<IMeterFactory>() is { } meters ? new ConversationStats(meters) : new ConversationStats());
        AddTranscriptStore(services, configuration);
        return services;
    }

    private static void AddTranscriptStore(IServiceCollection services, IConfiguration? configuration)
    {
        var storage = configuration?[StorageKey];
        switch (storage?.Trim().ToLowerInvariant())
        {
            case null or "" or "memory":
                services.TryAddSingleton<ITranscriptStore, MemoryTranscriptStore>();
                break;
            case "postgres":
                // Checked now, so a missing or malformed connection string stops the start with its key named.
                var postgres = PostgresOptions.FromConfiguration(configuration!);
                services.TryAddSingleton(_ => postgres.CreateDataSource());
                services.TryAddSingleton<ITranscriptStore>(sp => new PostgresTranscriptStore(
                    sp.GetRequiredService<NpgsqlDataSource>(),
                    sp.GetRequiredService<IOptions<PostgresTranscriptOptions>>().Value,
                    postgres.Schema,
                    sp.GetService<ILogger<PostgresTranscriptStore>>()));
                break;
            default:
                throw new InvalidOperationException($"Configuration '{StorageKey}' must be 'memory' or 'postgres', not '{storage}'.");
        }
    }

    private static void AddValidated<TOptions>(IServiceCollection services, IConfiguration? configuration, string section, Action<TOptions> validate)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(section));
        options.Validate(o =>
        {
            // The options' own Validate throws with the full configuration key in its message.
            validate(o);
            return true;
        });
        options.ValidateOnStart();
    }
}
