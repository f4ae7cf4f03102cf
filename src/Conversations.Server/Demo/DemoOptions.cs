namespace Conversations.Server.Demo;

/// <summary>Demo data (configuration section <c>Conversations:Demo</c>): on by default with memory storage, off with PostgreSQL.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Conversations:Demo";

    /// <summary>Load the demo orders, customers and agents at start; unset means "only with memory storage".</summary>
    public bool? Enabled { get; set; }
}
