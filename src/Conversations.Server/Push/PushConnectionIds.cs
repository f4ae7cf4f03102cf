namespace Conversations.Server.Push;

/// <summary>
/// The connection ids grains hold: the SignalR connection id prefixed with its hub (<c>c:</c> customer,
/// <c>a:</c> agent), so the observer knows which hub to push through.
/// </summary>
public static class PushConnectionIds
{
    private const string CustomerPrefix = "c:";
    private const string AgentPrefix = "a:";

    public static string Customer(string connectionId) => CustomerPrefix + connectionId;

    public static string Agent(string connectionId) => AgentPrefix + connectionId;

    /// <summary>Splits a grain-held id into its hub and SignalR connection id; false for an id this server never made.</summary>
    public static bool TryParse(string? id, out bool isAgent, out string connectionId)
    {
        isAgent = false;
        connectionId = string.Empty;
        if (id is null || id.Length <= 2) return false;
        if (id.StartsWith(CustomerPrefix, StringComparison.Ordinal))
        {
            connectionId = id[CustomerPrefix.Length..];
            return true;
        }

        if (id.StartsWith(AgentPrefix, StringComparison.Ordinal))
        {
            isAgent = true;
            connectionId = id[AgentPrefix.Length..];
            return true;
        }

        return false;
    }
}
