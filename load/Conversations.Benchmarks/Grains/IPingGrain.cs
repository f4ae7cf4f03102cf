using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

/// <summary>The smallest useful grain call: an argument in, a result out.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);
}
