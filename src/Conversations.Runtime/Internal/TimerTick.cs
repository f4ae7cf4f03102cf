using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Internal;

/// <summary>One tick of a grain timer, queued like a call.</summary>
internal sealed class TimerTick(GrainTimer timer) : Message
{
    public GrainTimer Timer { get; } = timer;

    internal override bool Interleaves => Timer.Options.Interleave;
}
