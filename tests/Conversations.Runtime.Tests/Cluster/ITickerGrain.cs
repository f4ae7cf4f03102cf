namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Registers a reminder whose ticks are reported to a <see cref="TickSink"/>.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);
}
