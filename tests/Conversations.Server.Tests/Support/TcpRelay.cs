using System.Net;
using System.Net.Sockets;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// A loopback TCP relay to another local port that a test can take down (refusing new connections and cutting the
/// open ones) and bring back on the same port: an outage of the server behind it without stopping that server.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private Task? _accepting;

    private TcpRelay(int targetPort, int port)
    {
        _targetPort = targetPort;
        Port = port;
    }

    /// <summary>The port the relay listens on while it is up.</summary>
    public int Port { get; }

    /// <summary>A relay to <paramref name="targetPort"/>, up.</summary>
    public static TcpRelay Start(int targetPort)
    {
        var relay = new TcpRelay(targetPort, ServerHost.FreePort());
        relay.Up();
        return relay;
    }

    /// <summary>Listens again on <see cref="Port"/>.</summary>
    public void Up()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        // Connections cut by Down linger in TIME_WAIT on this port; they must not keep the relay from coming back.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Stops listening (connecting is refused) and cuts every relayed connection.</summary>
    public async Task DownAsync()
    {
        if (_listener is null) return;
        _listener.Stop();
        _listener = null;
        await _accepting!;
        List<TcpClient> open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var client in open) client.Dispose();
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Cut by DownAsync, or one side closed: the other side is closed below.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
        }
    }
}
