using System.Net;

namespace Conversations.Client.Internal;

/// <summary>
/// One HTTP handler for every connection in the process: a load test opens thousands of connections and
/// must not create a socket pool (or exhaust ports) per connection.
/// </summary>
internal static class SharedHttp
{
    private static readonly SocketsHttpHandler s_handler = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };

    /// <summary>For the negotiate request.</summary>
    public static HttpClient Client { get; } = new(s_handler, disposeHandler: false);

    /// <summary>For WebSocket upgrades.</summary>
    public static HttpMessageInvoker Invoker { get; } = new(s_handler, disposeHandler: false);
}
