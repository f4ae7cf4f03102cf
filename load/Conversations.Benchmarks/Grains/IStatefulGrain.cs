using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

/// <summary>A grain with a persistent state of about 200 bytes, for residency figures.</summary>
public interface IStatefulGrain : IGrainWithStringKey
{
    Task<int> Touch();
}
