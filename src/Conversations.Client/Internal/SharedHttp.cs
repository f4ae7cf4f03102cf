using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Conversations.Client.Internal;

/// <summary>
/// One HTTP handler per local source address for every connection in the process: a load test opens thousands of
/// connections and must not create a socket pool (or exhaust ports) per connection. Binding to several loopback
/// addresses (127.0.0.2, 127.0.0.3…) multiplies the ephemeral ports available towards one server.
/// </summary>
internal static class SharedHttp
{
    private static readonly Handlers s_default = new(null);
    private static readonly ConcurrentDictionary<IPAddress, Handlers> s_bound = new();

    /// <summary>For the negotiate request.</summary>
    public static HttpClient Client(IPAddress? localAddress) => For(localAddress).Client;

    /// <summary>For WebSocket upgrades.</summary>
    public static HttpMessageInvoker Invoker(IPAddress? localAddress) => For(localAddress).Invoker;

    private static Handlers For(IPAddress? localAddress) =>
        localAddress is null ? s_default : s_bound.GetOrAdd(localAddress, static address => new Handlers(address));

    private sealed class Handlers
    {
        public Handlers(IPAddress? localAddress)
        {
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(30),
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
            };
            if (localAddress is not null)
            {
                handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(localAddress, context.DnsEndPoint, cancellationToken);
            }

            Client = new HttpClient(handler, disposeHandler: false);
            Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        }

        public HttpClient Client { get; }

        public HttpMessageInvoker Invoker { get; }

        private static async ValueTask<Stream> ConnectFromAsync(IPAddress localAddress, DnsEndPoint server, CancellationToken cancellationToken)
        {
            var socket = new Socket(localAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(localAddress, 0));
                await socket.ConnectAsync(server, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
