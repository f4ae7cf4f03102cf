using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

/// <summary>Registers a reminder and reports how late each tick arrives.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan due, TimeSpan period);
}
