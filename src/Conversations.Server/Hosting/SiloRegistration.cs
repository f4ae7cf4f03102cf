using Conversations.Grains;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Postgres;
using Conversations.Runtime.Reminders;
using Conversations.Runtime.Storage;
using Conversations.Server.Demo;
using Conversations.Server.Push;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Conversations.Server.Hosting;

/// <summary>Registers this process's silo: storage (memory or PostgreSQL), the runtime, the domain, the bot, push and demo data.</summary>
public static class SiloRegistration
{
    public static WebApplicationBuilder AddConversationsSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        var server = ServerOptions.FromConfiguration(configuration);
        services.AddSingleton(Options.Create(server));

        // Hosted services start in registration order: the schema before the silo, the silo before push and demo data.
        PostgresOptions? postgres = null;
        if (server.UsesPostgres)
        {
            postgres = PostgresOptions.FromConfiguration(configuration);
            services.TryAddSingleton(_ => postgres.CreateDataSource());
            services.AddHostedService(sp => new PostgresSchemaInitializer(
                sp.GetRequiredService<NpgsqlDataSource>(), postgres.Schema, sp.GetRequiredService<ILogger<PostgresSchemaInitializer>>()));
        }

        var runtime = services.AddConversationsRuntime(options => configuration.GetSection(RuntimeOptions.SectionName).Bind(options));
        if (postgres is null)
        {
            runtime.AddMemoryGrainStorage();
            runtime.AddMemoryReminders();
        }
        else
        {
            var schema = postgres.Schema;
            services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, (sp, _) =>
                new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<GrainStateSerializer>(), schema));
            services.Replace(ServiceDescriptor.Singleton<IReminderTable>(sp => new PostgresReminderTable(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.ServiceId, schema)));
        }

        if (server.Cluster.IsClustered)
        {
            // Reminders are scoped by service id: one per cluster, so every silo of it sees the same rows.
            services.PostConfigure<RuntimeOptions>(o => o.ServiceId = server.Cluster.Id);
            runtime.UsePostgresClustering(
                sp => sp.GetRequiredService<NpgsqlDataSource>(),
                o => configuration.GetSection(Conversations.Runtime.Cluster.ClusterOptions.SectionName).Bind(o),
                postgres!.Schema);
            services.AddHostedService<DeclaredDeadShutdown>();
        }

        runtime.AddConversationsDomain(configuration);
        runtime.AddConversationsBotServices(configuration, seedShippedKnowledge: configuration.GetValue("Conversations:Knowledge:SeedShippedEntries", true));
        services.AddConversationsPush();
        services.AddConversationsDemo(configuration, server);
        return builder;
    }
}
