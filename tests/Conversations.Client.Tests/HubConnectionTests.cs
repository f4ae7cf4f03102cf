using System.Net;
using System.Text.Json;
using Conversations.Client.Tests.Fixtures;

namespace Conversations.Client.Tests;

public sealed class HubConnectionTests(HubServerFixture server) : IClassFixture<HubServerFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task InvokeAsync_WithRecordArgument_RoundTripsTheRecord()
    {
        await using HubConnection connection = await ConnectAsync();

        EchoReply reply = await connection.InvokeAsync<EchoReply>("Echo", new EchoRequest("你好, hello", 3, "SO-1001"));

        Assert.Equal(new EchoReply("你好, hello", 3, "SO-1001", connection.ConnectionId!), reply);
    }

    [Fact]
    public async Task InvokeAsync_SerializesArgumentsInCamelCase()
    {
        await using HubConnection connection = await ConnectAsync();

        string wire = await connection.InvokeAsync<string>("DescribeArgument", new EchoRequest("hi", 1, "SO-7"));

        using JsonDocument document = JsonDocument.Parse(wire);
        Assert.Equal("SO-7", document.RootElement.GetProperty("orderId").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_WithSeveralArguments_PassesThemInOrder()
    {
        await using HubConnection connection = await ConnectAsync();

        int sum = await connection.InvokeAsync<int>("Add", [40, 2]);

        Assert.Equal(42, sum);
    }

    [Fact]
    public async Task InvokeAsync_OnVoidMethod_CompletesAfterTheServerRanIt()
    {
        await using HubConnection connection = await ConnectAsync();
        string value = "void-" + Guid.NewGuid();

        await connection.InvokeAsync("Remember", value);

        Assert.True(server.Probe.HasRemembered(value));
    }

    [Fact]
    public async Task SendAsync_DeliversTheInvocationWithoutAwaitingACompletion()
    {
        await using HubConnection connection = await ConnectAsync();
        string value = "send-" + Guid.NewGuid();

        await connection.SendAsync("Remember", value);

        await server.Probe.WhenRemembered(value).WaitAsync(s_deadline);
    }

    [Fact]
    public async Task On_WithTypedHandler_ReceivesServerPush()
    {
        await using HubConnection connection = await ConnectAsync();
        var received = new TaskCompletionSource<Notice>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable registration = connection.On<Notice>("Notice", notice => received.TrySetResult(notice));

        await connection.InvokeAsync("PushToCaller", "订单已发货");

        Assert.Equal(new Notice("订单已发货", 2), await received.Task.WaitAsync(s_deadline));
    }

    [Fact]
    public async Task On_WithRawHandler_ReceivesEveryArgument()
    {
        await using HubConnection connection = await ConnectAsync();
        var received = new TaskCompletionSource<JsonElement[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable registration = connection.On("Pair", arguments => received.TrySetResult(arguments));

        await connection.InvokeAsync("PushPair", [7, "seven"]);

        JsonElement[] arguments = await received.Task.WaitAsync(s_deadline);
        Assert.Equal(2, arguments.Length);
        Assert.Equal(7, arguments[0].GetInt32());
        Assert.Equal("seven", arguments[1].GetString());
    }

    [Fact]
    public async Task On_AfterRegistrationIsDisposed_StopsCallingThatHandler()
    {
        await using HubConnection connection = await ConnectAsync();
        int removedCalls = 0;
        var kept = new TaskCompletionSource<Notice>(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable removed = connection.On<Notice>("notice", _ => Interlocked.Increment(ref removedCalls));
        using IDisposable registration = connection.On<Notice>("Notice", notice => kept.TrySetResult(notice));
        removed.Dispose();

        await connection.InvokeAsync("PushToCaller", "after");

        // Both handlers would run in the same dispatch, so once the kept one ran the removed one had its chance.
        Assert.Equal("after", (await kept.Task.WaitAsync(s_deadline)).Text);
        Assert.Equal(0, Volatile.Read(ref removedCalls));
    }

    [Fact]
    public async Task On_WhenHandlerThrows_ReportsItAndKeepsTheConnection()
    {
        var reported = new TaskCompletionSource<(string Method, Exception Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using HubConnection connection = await ConnectAsync(new HubConnectionOptions
        {
            HandlerError = (method, error) => reported.TrySetResult((method, error)),
        });
        using IDisposable registration = connection.On<Notice>("Notice", _ => throw new InvalidOperationException("handler bug"));

        await connection.InvokeAsync("PushToCaller", "boom");

        (string method, Exception error) = await reported.Task.WaitAsync(s_deadline);
        Assert.Equal("Notice", method);
        Assert.Equal("handler bug", error.Message);
        Assert.Equal(16, await connection.InvokeAsync<int>("Square", 4));
    }

    [Fact]
    public async Task InvokeAsync_WhenHubThrowsHubException_ThrowsWithTheServerCode()
    {
        await using HubConnection connection = await ConnectAsync();

        var error = await Assert.ThrowsAsync<HubInvocationException>(
            () => connection.InvokeAsync<string>("Fail", "E_FORBIDDEN: not your session"));

        Assert.Equal("E_FORBIDDEN", error.Code);
        Assert.Contains("E_FORBIDDEN: not your session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WhenHubCrashes_ThrowsWithoutCodeOrServerDetails()
    {
        await using HubConnection connection = await ConnectAsync();

        var error = await Assert.ThrowsAsync<HubInvocationException>(() => connection.InvokeAsync("Crash"));

        Assert.Null(error.Code);
        Assert.DoesNotContain("internal detail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ManyConcurrentCalls_EachGetsItsOwnResult()
    {
        await using HubConnection connection = await ConnectAsync();

        int[] results = await Task.WhenAll(Enumerable.Range(1, 500).Select(i => connection.InvokeAsync<int>("Square", i)));

        Assert.Equal(Enumerable.Range(1, 500).Select(i => i * i), results);
    }

    [Fact]
    public async Task InvokeAsync_WhenCanceled_ThrowsAndTheConnectionStaysUsable()
    {
        await using HubConnection connection = await ConnectAsync();
        using var cancellation = new CancellationTokenSource();
        Task hanging = connection.InvokeAsync("Hang", cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
        Assert.Equal(9, await connection.InvokeAsync<int>("Square", 3));
    }

    [Fact]
    public async Task InvokeAsync_WhenCanceled_SendsCancelInvocation()
    {
        // ASP.NET Core 10 ignores CancelInvocation for non-streaming methods; the spec lets servers honour it.
        await using var connection = new HubConnection(
            server.Url("/raw/" + RawHubEndpoint.ReportCancels), new HubConnectionOptions { SkipNegotiation = true });
        var cancelSeen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string>("CancelSeen", invocationId => cancelSeen.TrySetResult(invocationId));
        await connection.StartAsync();
        using var cancellation = new CancellationTokenSource();
        Task neverCompleted = connection.InvokeAsync("Anything", cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => neverCompleted);
        Assert.False(string.IsNullOrEmpty(await cancelSeen.Task.WaitAsync(s_deadline)));
    }

    [Fact]
    public async Task InvokeAsync_WithAlreadyCanceledToken_ThrowsWithoutSending()
    {
        await using HubConnection connection = await ConnectAsync();
        string value = "never-" + Guid.NewGuid();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => connection.InvokeAsync("Remember", value, new CancellationToken(canceled: true)));

        await connection.InvokeAsync<int>("Square", 2);
        Assert.False(server.Probe.HasRemembered(value));
    }

    [Fact]
    public async Task ServerAbort_FailsPendingInvocationsAndRaisesClosed()
    {
        HubConnection connection = await ConnectAsync();
        await using HubConnection _ = connection;
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => closed.TrySetResult(error);
        Task hanging = connection.InvokeAsync("Hang");

        await connection.SendAsync("Abort");

        await Assert.ThrowsAsync<HubConnectionClosedException>(() => hanging.WaitAsync(s_deadline));
        await closed.Task.WaitAsync(s_deadline);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await Assert.ThrowsAsync<HubConnectionClosedException>(() => connection.InvokeAsync<int>("Square", 2));
    }

    [Fact]
    public async Task ServerInvocationExpectingResult_GetsAnErrorInsteadOfWaiting()
    {
        await using HubConnection connection = await ConnectAsync();
        using IDisposable registration = connection.On("Question", (JsonElement[] _) => { });

        string outcome = await connection.InvokeAsync<string>("AskCaller").WaitAsync(s_deadline);

        Assert.StartsWith("failed: ", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_ClosesCleanlyOnBothSides()
    {
        HubConnection connection = await ConnectAsync();
        string connectionId = connection.ConnectionId!;
        Exception? reported = new InvalidOperationException("Closed was not raised");
        connection.Closed += error => reported = error;

        await connection.DisposeAsync();

        Assert.Null(reported);
        Assert.Null(await connection.WhenClosed);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        Assert.Null(await server.Probe.WhenDisconnected(connectionId).WaitAsync(s_deadline));
    }

    [Fact]
    public async Task ConnectAsync_WithAccessToken_NegotiatesWithHeaderAndOpensWithQueryToken()
    {
        await using HubConnection connection = await HubConnection.ConnectAsync(
            server.Url(HubServerFixture.SecureHubPath),
            new HubConnectionOptions { AccessToken = TestAuthenticationHandler.TokenFor("alice") });

        Assert.NotNull(connection.ConnectionId);
        Assert.Equal("alice via query", await connection.InvokeAsync<string>("WhoAmI"));
    }

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("127.0.0.3")]
    public async Task ConnectAsync_FromALocalAddress_ReachesTheServerFromThatAddress(string address)
    {
        await using HubConnection connection = await HubConnection.ConnectAsync(
            server.Url(HubServerFixture.TestHubPath), new HubConnectionOptions { LocalAddress = System.Net.IPAddress.Parse(address) });

        Assert.Equal(address, await connection.InvokeAsync<string>("CallerAddress"));
    }

    [Fact]
    public async Task ConnectAsync_WithAccessTokenProvider_UsesTheProvidedToken()
    {
        await using HubConnection connection = await HubConnection.ConnectAsync(
            server.Url(HubServerFixture.SecureHubPath),
            new HubConnectionOptions { AccessTokenProvider = _ => ValueTask.FromResult<string?>(TestAuthenticationHandler.TokenFor("bob")) });

        Assert.Equal("bob via query", await connection.InvokeAsync<string>("WhoAmI"));
    }

    [Fact]
    public async Task ConnectAsync_WithoutAccessToken_FailsWithUnauthorized()
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(
            () => HubConnection.ConnectAsync(server.Url(HubServerFixture.SecureHubPath)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task ConnectAsync_SkippingNegotiation_OpensTheWebSocketDirectly()
    {
        await using HubConnection connection = await HubConnection.ConnectAsync(
            server.Url(HubServerFixture.SecureHubPath),
            new HubConnectionOptions { SkipNegotiation = true, AccessToken = TestAuthenticationHandler.TokenFor("carol") });

        Assert.Null(connection.ConnectionId);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal("carol via query", await connection.InvokeAsync<string>("WhoAmI"));
    }

    [Fact]
    public async Task ConnectAsync_SkippingNegotiationWithoutToken_FailsWithUnauthorized()
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(() => HubConnection.ConnectAsync(
            server.Url(HubServerFixture.SecureHubPath),
            new HubConnectionOptions { SkipNegotiation = true }));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConnectAsync_ToUnknownHubPath_FailsWithNotFound(bool skipNegotiation)
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(() => HubConnection.ConnectAsync(
            server.Url("/hubs/missing"),
            new HubConnectionOptions { SkipNegotiation = skipNegotiation }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ConnectAsync_WhenServerRejectsHandshake_ThrowsWithTheServerMessage()
    {
        var error = await Assert.ThrowsAsync<HubConnectionException>(() => ConnectRawAsync(RawHubEndpoint.RejectHandshake));

        Assert.Contains(RawHubEndpoint.HandshakeError, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseMessageWithError_RaisesClosedWithTheErrorAndAllowReconnect()
    {
        var connection = new HubConnection(server.Url("/raw/" + RawHubEndpoint.CloseWithError), new HubConnectionOptions { SkipNegotiation = true });
        await using HubConnection _ = connection;
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error => closed.TrySetResult(error);

        await connection.StartAsync();

        var error = Assert.IsType<HubConnectionClosedException>(await closed.Task.WaitAsync(s_deadline));
        Assert.Contains(RawHubEndpoint.CloseError, error.Message, StringComparison.Ordinal);
        Assert.True(error.AllowReconnect);
    }

    [Fact]
    public async Task ServerSilence_LongerThanServerTimeout_ClosesTheConnection()
    {
        await using HubConnection connection = await ConnectRawAsync(
            RawHubEndpoint.Silent,
            new HubConnectionOptions { SkipNegotiation = true, ServerTimeout = TimeSpan.FromMilliseconds(300) });

        Exception? error = await connection.WhenClosed.WaitAsync(s_deadline);

        var closedError = Assert.IsType<HubConnectionClosedException>(error);
        Assert.IsType<TimeoutException>(closedError.InnerException);
    }

    [Fact]
    public async Task KeepAlive_SendsPingsWhileIdle()
    {
        var connection = new HubConnection(
            server.Url("/raw/" + RawHubEndpoint.AnswerPings),
            new HubConnectionOptions
            {
                SkipNegotiation = true,
                KeepAliveInterval = TimeSpan.FromMilliseconds(100),
                ServerTimeout = Timeout.InfiniteTimeSpan,
            });
        await using HubConnection _ = connection;
        var pingSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On("PingSeen", (JsonElement[] _) => pingSeen.TrySetResult());

        await connection.StartAsync();

        await pingSeen.Task.WaitAsync(s_deadline);
    }

    [Fact]
    public async Task Receive_WithRecordsSplitAndBatchedAcrossFrames_DispatchesEachInOrder()
    {
        var connection = new HubConnection(server.Url("/raw/" + RawHubEndpoint.Fragmented), new HubConnectionOptions { SkipNegotiation = true });
        await using HubConnection _ = connection;
        var parts = new List<string>();
        var allParts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string>("Part", part =>
        {
            parts.Add(part);
            if (parts.Count == 3)
            {
                allParts.TrySetResult();
            }
        });

        await connection.StartAsync();

        await allParts.Task.WaitAsync(s_deadline);
        Assert.Equal(new[] { "one", "two" }, parts.Take(2));
        Assert.Equal(RawHubEndpoint.LargeArgumentLength, parts[2].Length);
        Assert.StartsWith("订订", parts[2], StringComparison.Ordinal);
        Assert.EndsWith("\n", parts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidMessageFromServer_ClosesWithAProtocolError()
    {
        await using HubConnection connection = await ConnectRawAsync(RawHubEndpoint.InvalidMessage);

        Exception? error = await connection.WhenClosed.WaitAsync(s_deadline);

        Assert.Contains("invalid hub message", Assert.IsType<HubConnectionClosedException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_BeforeStart_Throws()
    {
        await using var connection = new HubConnection(server.Url(HubServerFixture.TestHubPath));

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.InvokeAsync<int>("Square", 2));
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        await using HubConnection connection = await ConnectAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.StartAsync());
    }

    [Fact]
    public async Task PublicMethods_RejectInvalidArguments()
    {
        await using HubConnection connection = await ConnectAsync();

        Assert.Throws<ArgumentException>(() => new HubConnection(new Uri("/hubs/test", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => new HubConnection(new Uri("ftp://127.0.0.1/hubs/test")));
        Assert.Throws<ArgumentException>(() => new HubConnection(
            server.Url(HubServerFixture.TestHubPath),
            new HubConnectionOptions { ServerTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new HubConnection(
            server.Url(HubServerFixture.TestHubPath),
            new HubConnectionOptions { AccessToken = "a", AccessTokenProvider = _ => ValueTask.FromResult<string?>("b") }));
        Assert.Throws<ArgumentException>(() => { _ = connection.InvokeAsync<int>(" ", 1); });
        Assert.Throws<ArgumentNullException>(() => { _ = connection.SendAsync("Remember", (object?[])null!); });
        Assert.Throws<ArgumentNullException>(() => connection.On<int>("Square", null!));
    }

    private Task<HubConnection> ConnectAsync(HubConnectionOptions? options = null) =>
        HubConnection.ConnectAsync(server.Url(HubServerFixture.TestHubPath), options);

    private Task<HubConnection> ConnectRawAsync(string scenario, HubConnectionOptions? options = null) =>
        HubConnection.ConnectAsync(server.Url("/raw/" + scenario), options ?? new HubConnectionOptions { SkipNegotiation = true });
}
