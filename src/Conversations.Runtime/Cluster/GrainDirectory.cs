using System.Collections.Concurrent;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Cluster;

/// <summary>This silo's part of the grain directory (see <see cref="IGrainDirectory"/>), kept in memory.</summary>
internal sealed class GrainDirectory(IClusterMembership membership) : IGrainDirectory
{
    /// <summary>The grain type of directory calls; the key is the grain id the call is about.</summary>
    public const string DirectoryType = "$directory";

    private readonly ConcurrentDictionary<string, SiloAddress> _hosts = new(StringComparer.Ordinal);

    /// <summary>The id that directory calls about <paramref name="grainId"/> are addressed to (placed by hash).</summary>
    public static GrainId EntryOf(GrainId grainId) => new(DirectoryType, grainId.ToString());

    public Task<string> Register(string grainId, string silo)
    {
        var candidate = SiloAddress.Parse(silo);
        var host = _hosts.AddOrUpdate(grainId, candidate, (_, current) => IsActive(current) ? current : candidate);
        return Task.FromResult(host.ToString());
    }

    public Task Unregister(string grainId, string silo)
    {
        _hosts.TryRemove(KeyValuePair.Create(grainId, SiloAddress.Parse(silo)));
        return Task.CompletedTask;
    }

    /// <summary>Answers a directory call addressed to this silo.</summary>
    public void Invoke(Request request) => request.Run(this, null);

    /// <summary>After a view change: drops entries whose host left and entries another silo now keeps.</summary>
    public void Prune(Func<GrainId, bool> keptHere)
    {
        foreach (var (grainId, host) in _hosts)
        {
            if (!IsActive(host) || !keptHere(new GrainId(DirectoryType, grainId))) _hosts.TryRemove(KeyValuePair.Create(grainId, host));
        }
    }

    private bool IsActive(SiloAddress silo) => membership.ActiveSilos.Contains(silo);
}
