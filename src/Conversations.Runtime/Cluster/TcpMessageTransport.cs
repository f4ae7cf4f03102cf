using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Conversations.Runtime.Internal;
using Conversations.Runtime.Invocation;
using Microsoft.Extensions.Logging;

namespace Conversations.Runtime.Cluster;

/// <summary>
/// Silo-to-silo transport: length-prefixed binary frames over TCP, one connection per pair of silos used
/// in both directions, batched writes, and a bounded send queue per peer (callers get
/// <see cref="GrainOverloadedException"/> instead of memory growing without bound).
/// </summary>
public sealed class TcpMessageTransport : IMessageTransport, IAsyncDisposable
{
    /// <summary>Silo-to-silo hops a request may make before it is refused as retryable.</summary>
    public const int MaxHops = 2;

    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MessageCodec _codec;
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<SiloAddress, SiloConnection> _connections = new();
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<long, (TaskCompletionSource<bool> Answer, SiloConnection Connection)> _probes = new();
    private readonly ConcurrentDictionary<(string Host, int Port), bool> _blocked = new();
    private readonly CancellationTokenSource _stopping = new();
    private GrainRuntime? _runtime;
    private ITimer? _sweeper;
    private byte[] _hello = [];
    private long _nextId;
    private int _disposed;

    public TcpMessageTransport(ClusterOptions options, JsonSerializerOptions json, TimeProvider timeProvider, ILogger<TcpMessageTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _codec = new MessageCodec(json);
        // Bound at construction so the silo knows its port (0 = any free one) before it joins the cluster.
        var address = IPAddress.TryParse(options.Host, out var ip) ? ip : IPAddress.Any;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(address, options.SiloPort));
            _listener.Listen(512);
        }
        catch (SocketException exception)
        {
            _listener.Dispose();
            throw new InvalidOperationException(
                $"The silo cannot listen on {address}:{options.SiloPort} ({exception.SocketErrorCode}); choose another '{ClusterOptions.SectionName}:SiloPort' or '{ClusterOptions.SectionName}:Host'.", exception);
        }

        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    /// <summary>The port this silo listens on for other silos.</summary>
    public int Port { get; }

    /// <summary>Calls sent to other silos and not answered yet.</summary>
    public int PendingCount => _pending.Count;

    internal void Start(GrainRuntime runtime, SiloAddress localSilo)
    {
        _runtime = runtime;
        var hello = new FrameWriter(FrameKind.Hello);
        hello.WriteString(localSilo.ToString());
        _hello = hello.ToFrame();
        _sweeper = _time.CreateTimer(static s => ((TcpMessageTransport)s!).ExpireCalls(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _ = AcceptLoopAsync();
    }

    public void Send(SiloAddress silo, Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_runtime is null || Volatile.Read(ref _disposed) == 1)
        {
            request.TryFail(new SiloUnavailableException($"Silo {silo} is not reachable: the transport is not running."));
            return;
        }

        if (request.Hops >= MaxHops)
        {
            request.TryFail(new SiloUnavailableException($"{request.Target} moved while the call was being forwarded; retry."));
            return;
        }

        if (IsBlocked(silo))
        {
            request.TryFail(new SiloUnavailableException($"Silo {silo} is not reachable."));
            return;
        }

        var connection = GetOrConnect(silo);
        if (connection.QueuedRequests >= _options.MaxSendQueue)
        {
            request.TryFail(new GrainOverloadedException($"The send queue to silo {silo} holds {connection.QueuedRequests} calls; try again later."));
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        var timeout = _runtime.TimeoutOf(request);
        byte[] frame;
        try
        {
            frame = _codec.EncodeRequest(id, request, timeout);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            request.TryFail(new ArgumentException($"The arguments of {request.Method.FullName} cannot be sent to another silo: {exception.Message}", exception));
            return;
        }

        var oneWay = request.Method.IsOneWay;
        if (!oneWay) _pending[id] = new PendingCall(request, connection, _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency));
        if (!connection.TryEnqueue(frame, isRequest: true) && !oneWay && _pending.TryRemove(id, out _))
        {
            request.TryFail(new SiloUnavailableException($"The connection to silo {silo} closed."));
        }
    }

    /// <summary>Sends a probe to <paramref name="silo"/>; true when it answers within <paramref name="timeout"/>.</summary>
    public async Task<bool> ProbeAsync(SiloAddress silo, TimeSpan timeout)
    {
        if (_runtime is null || Volatile.Read(ref _disposed) == 1 || IsBlocked(silo)) return false;
        var connection = GetOrConnect(silo);
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[id] = (answer, connection);
        try
        {
            var frame = new FrameWriter(FrameKind.Ping);
            frame.WriteInt64(id);
            if (!connection.TryEnqueue(frame.ToFrame(), isRequest: false)) return false;
            if (connection.IsClosed) return false;
            return await answer.Task.WaitAsync(timeout, _time);
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(id, out _);
        }
    }

    /// <summary>Drops the connection to a silo (it was declared dead): calls waiting on it fail at once.</summary>
    public void Disconnect(SiloAddress silo)
    {
        if (_connections.TryGetValue(silo, out var connection)) connection.Close(null);
    }

    /// <summary>Test hook for partitions: refuses all traffic with <paramref name="silo"/> until <see cref="Unblock"/>.</summary>
    internal void Block(SiloAddress silo)
    {
        _blocked[(silo.Host, silo.Port)] = true;
        foreach (var connection in _connections.Values.Where(c => c.Peer is { } p && IsBlocked(p)).ToList()) connection.Close(null);
    }

    internal void Unblock(SiloAddress silo) => _blocked.TryRemove((silo.Host, silo.Port), out _);

    private bool IsBlocked(SiloAddress silo) => !_blocked.IsEmpty && _blocked.ContainsKey((silo.Host, silo.Port));

    private SiloConnection GetOrConnect(SiloAddress silo)
    {
        while (true)
        {
            if (_connections.TryGetValue(silo, out var existing) && !existing.IsClosed) return existing;
            if (existing is not null) _connections.TryRemove(new KeyValuePair<SiloAddress, SiloConnection>(silo, existing));
            var created = SiloConnection.Connect(this, silo, _hello);
            if (_connections.TryAdd(silo, created)) return created;
            created.Close(null);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // A disposed listener accepts nothing ever again: trying would only spin.
                if (_stopping.IsCancellationRequested || exception is ObjectDisposedException) return;
                _logger.LogWarning(exception, "Accepting a silo connection failed");
                continue;
            }

            SiloConnection.Accept(this, socket);
        }
    }

    internal void OnFrame(SiloConnection connection, ReadOnlySpan<byte> frame)
    {
        var kind = (FrameKind)frame[0];
        var payload = frame[1..];
        if (kind == FrameKind.Hello)
        {
            var peer = SiloAddress.Parse(new FrameReader(payload).ReadString());
            connection.Peer = peer;
            if (IsBlocked(peer))
            {
                connection.Close(null);
                return;
            }

            // The accepted connection serves calls to the peer too, unless this silo already has one.
            _connections.TryAdd(peer, connection);
            return;
        }

        if (connection.Peer is { } from && IsBlocked(from)) return;
        switch (kind)
        {
            case FrameKind.Request:
                OnRequest(connection, payload);
                break;
            case FrameKind.Response:
                if (_pending.TryRemove(MessageCodec.PeekCorrelationId(payload), out var call)) _codec.CompleteFromResponse(call.Request, payload);
                break;
            case FrameKind.Ping:
                var pong = new FrameWriter(FrameKind.Pong);
                pong.WriteInt64(new FrameReader(payload).ReadInt64());
                connection.TryEnqueue(pong.ToFrame(), isRequest: false);
                break;
            case FrameKind.Pong:
                if (_probes.TryGetValue(new FrameReader(payload).ReadInt64(), out var probe)) probe.Answer.TrySetResult(true);
                break;
            default:
                _logger.LogWarning("Unknown frame kind {Kind} from {Peer}; closing the connection", (byte)kind, connection.Peer);
                connection.Close(null);
                break;
        }
    }

    private void OnRequest(SiloConnection connection, ReadOnlySpan<byte> payload)
    {
        var runtime = _runtime!;
        Request request;
        long id;
        TimeSpan remaining;
        try
        {
            request = _codec.DecodeRequest(payload, out id, out remaining);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            connection.TryEnqueue(MessageCodec.EncodeFailure(MessageCodec.PeekCorrelationId(payload), exception), isRequest: false);
            return;
        }

        if (!request.Method.IsOneWay)
        {
            var completion = request.CreateRemoteCompletion();
            completion.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Reply(connection, id, request, completion));
        }

        runtime.ReceiveRemote(request, remaining);
    }

    private void Reply(SiloConnection connection, long id, Request request, Task completion)
    {
        byte[] frame;
        if (completion.IsCompletedSuccessfully)
        {
            try
            {
                frame = _codec.EncodeResult(id, request, request.ResultOf(completion));
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
            {
                frame = MessageCodec.EncodeFailure(id, exception);
            }
        }
        else
        {
            frame = MessageCodec.EncodeFailure(id, completion.Exception?.InnerException ?? new TaskCanceledException(completion));
        }

        connection.TryEnqueue(frame, isRequest: false);
    }

    internal void OnClosed(SiloConnection connection, Exception? reason)
    {
        if (connection.Peer is { } peer)
        {
            _connections.TryRemove(new KeyValuePair<SiloAddress, SiloConnection>(peer, connection));
            if (reason is not null && Volatile.Read(ref _disposed) == 0) _logger.LogDebug(reason, "Connection to silo {Silo} failed", peer);
        }

        foreach (var (id, call) in _pending)
        {
            if (call.Connection == connection && _pending.TryRemove(id, out _))
            {
                call.Request.TryFail(new SiloUnavailableException($"The connection to silo {connection.Peer} was lost before {call.Request.Method.FullName} on {call.Request.Target} was answered; retry."));
            }
        }

        foreach (var (_, probe) in _probes)
        {
            if (probe.Connection == connection) probe.Answer.TrySetResult(false);
        }
    }

    private void ExpireCalls()
    {
        var now = _time.GetTimestamp();
        foreach (var (id, call) in _pending)
        {
            if (call.ExpiresAt <= now && _pending.TryRemove(id, out _))
            {
                call.Request.TryFail(new GrainCallTimeoutException(call.Request.Method, call.Request.Target, _runtime!.TimeoutOf(call.Request)));
            }
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every call this silo sent has been answered.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var until = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (!_pending.IsEmpty && _time.GetTimestamp() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time);
        }
    }

    /// <summary>Closes the transport after sending what is queued (answers this silo still owes), as a graceful stop does.</summary>
    public async Task CloseGracefullyAsync(TimeSpan timeout)
    {
        if (Volatile.Read(ref _disposed) == 1) return;
        _listener.Dispose();
        await Task.WhenAll(_connections.Values.ToList().Select(c => c.FlushAndCloseAsync(timeout)));
        await DisposeAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return ValueTask.CompletedTask;
        _stopping.Cancel();
        _sweeper?.Dispose();
        _listener.Dispose();
        foreach (var connection in _connections.Values.ToList()) connection.Close(null);
        foreach (var (id, call) in _pending)
        {
            if (_pending.TryRemove(id, out _)) call.Request.TryFail(new SiloUnavailableException("This silo stopped before the call was answered."));
        }

        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record PendingCall(Request Request, SiloConnection Connection, long ExpiresAt);
}
