namespace Conversations.Runtime;

/// <summary>A grain timer: ticks are turns of the grain; it dies with the activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period (<see cref="Timeout.InfiniteTimeSpan"/> for one tick).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
