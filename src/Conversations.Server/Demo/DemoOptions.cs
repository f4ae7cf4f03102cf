using Conversations.Server.Hosting;

namespace Conversations.Server.Demo;

/// <summary>Demo data (configuration section <c>Conversations:Demo</c>): on by default with memory storage, off with PostgreSQL.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Conversations:Demo";

    /// <summary>Load the demo orders, customers and agents at start, and seed a new knowledge base with the demo entries; unset means "only with memory storage".</summary>
    public bool? Enabled { get; set; }

    /// <summary>Whether the demo data is on for a server with <paramref name="server"/>'s storage.</summary>
    public static bool IsOn(IConfiguration configuration, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(server);
        var options = configuration.GetSection(SectionName).Get<DemoOptions>() ?? new DemoOptions();
        return options.Enabled ?? !server.UsesPostgres;
    }
}
