namespace Conversations.Runtime.Cluster;

/// <summary>
/// Where prefer-local grains are active. Each silo keeps the entries whose directory key it owns by hash, so
/// every silo asks the same one about a grain.
/// </summary>
internal interface IGrainDirectory : IAddressable
{
    /// <summary>
    /// The silo hosting <paramref name="grainId"/>: the one already registered if it is still active, otherwise
    /// <paramref name="silo"/>, which becomes the host.
    /// </summary>
    Task<string> Register(string grainId, string silo);

    /// <summary>Forgets <paramref name="silo"/> as the host of <paramref name="grainId"/> (its activation left).</summary>
    Task Unregister(string grainId, string silo);
}
