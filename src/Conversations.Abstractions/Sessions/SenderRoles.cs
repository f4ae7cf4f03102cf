namespace Conversations.Abstractions.Sessions;

/// <summary>Who wrote an event (PROTOCOL.md <c>sender.role</c>).</summary>
public static class SenderRoles
{
    public const string Customer = "customer";
    public const string Bot = "bot";
    public const string Agent = "agent";
    public const string System = "system";
}
