namespace Conversations.Runtime.Invocation;

/// <summary>How the runtime treats a grain method, from its attributes.</summary>
[Flags]
public enum MethodFlags
{
    None = 0,
    OneWay = 1,
    AlwaysInterleave = 2,
    ReadOnly = 4,
}
