using System.Text.Json;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Internal;
using Conversations.Runtime.Invocation;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>What crosses the wire between silos: requests, results and exceptions.</summary>
public sealed class MessageCodecTests : IClassFixture<RealTimeClusterFixture>
{
    private readonly RealTimeClusterFixture _fixture;
    private readonly MessageCodec _codec;

    public MessageCodecTests(RealTimeClusterFixture fixture)
    {
        _fixture = fixture;
        _codec = new MessageCodec(RuntimeServiceCollectionExtensions.CreateJsonOptions(fixture.Cluster.Services));
    }

    [Fact]
    public void Request_RoundTrips_TargetMethodAndArguments()
    {
        var (descriptor, factory) = Method(typeof(IEchoGrain), nameof(IEchoGrain.Echo));
        using var extra = JsonDocument.Parse("""{"orderId":"SO-1","items":[{"sku":"A","qty":2}],"text":"退货"}""");
        var envelope = new Envelope("你好", extra.RootElement.Clone(), _fixture.Grains.GetGrain<ICounterGrain>("c"), [4, 5], DateTimeOffset.UnixEpoch);
        var request = factory([envelope]);
        request.Target = new GrainId("echo", "k1");

        var frame = _codec.EncodeRequest(7, request, TimeSpan.FromSeconds(3));
        var decoded = _codec.DecodeRequest(frame.AsSpan(5), out var id, out var remaining);

        Assert.Equal(7, id);
        Assert.Equal(TimeSpan.FromSeconds(3), remaining);
        Assert.Equal(new GrainId("echo", "k1"), decoded.Target);
        Assert.Same(descriptor, decoded.Method);
        var back = Assert.IsType<Envelope>(decoded.GetArguments()[0]);
        Assert.Equal("你好", back.Text);
        Assert.Equal(extra.RootElement.GetRawText(), back.Extra!.Value.GetRawText());
        Assert.Equal(((GrainReference)(object)envelope.Target!).GrainId, ((GrainReference)(object)back.Target!).GrainId);
        Assert.Equal([4, 5], back.Numbers);
    }

    [Fact]
    public void Request_WithFieldsAddedByANewerSilo_StillDecodes()
    {
        var (_, factory) = Method(typeof(IEchoGrain), nameof(IEchoGrain.Echo));
        var request = factory([new Envelope("x", null, null, [], DateTimeOffset.UnixEpoch)]);
        request.Target = new GrainId("echo", "k1");
        var frame = _codec.EncodeRequest(1, request, TimeSpan.FromSeconds(1));
        // The arguments are the frame's last field: a length, then a JSON array. A newer silo's record has one more property.
        var argumentsAt = frame.AsSpan().IndexOf("[{"u8);
        var json = System.Text.Encoding.UTF8.GetString(frame.AsSpan(argumentsAt));
        var newer = System.Text.Encoding.UTF8.GetBytes(json.Replace("\"text\":\"x\"", "\"text\":\"x\",\"channel\":\"app\"", StringComparison.Ordinal));
        var widened = new byte[argumentsAt + newer.Length];
        frame.AsSpan(0, argumentsAt).CopyTo(widened);
        newer.CopyTo(widened.AsSpan(argumentsAt));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(widened, widened.Length - 4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(widened.AsSpan(argumentsAt - 4), newer.Length);
        Assert.Contains("channel", System.Text.Encoding.UTF8.GetString(widened), StringComparison.Ordinal);

        var decoded = _codec.DecodeRequest(widened.AsSpan(5), out _, out _);

        Assert.Equal("x", Assert.IsType<Envelope>(decoded.GetArguments()[0]).Text);
    }

    [Fact]
    public void Failure_OfAKnownTypeWithAMessageConstructor_IsRebuiltAsThatType()
    {
        var rebuilt = MessageCodec.RebuildException(typeof(InvalidOperationException).FullName!, "System.Private.CoreLib", "queue full", "at somewhere");

        var exception = Assert.IsType<InvalidOperationException>(rebuilt);
        Assert.Equal("queue full", exception.Message);
    }

    [Fact]
    public void Failure_OfAnUnknownType_ArrivesAsGrainExceptionNamingIt()
    {
        var rebuilt = MessageCodec.RebuildException("Shop.Payments.CardDeclinedException", "Shop.Payments", "declined", "at Shop.Payments.Pay()");

        var exception = Assert.IsType<GrainException>(rebuilt);
        Assert.Equal("Shop.Payments.CardDeclinedException", exception.OriginalType);
        Assert.Equal("declined", exception.Message);
        Assert.Equal("at Shop.Payments.Pay()", exception.OriginalStackTrace);
    }

    private static (MethodDescriptor Descriptor, Func<object?[], Request> Factory) Method(Type interfaceType, string name)
    {
        GrainInterfaceCatalog.Shared.EnsureLoaded(interfaceType.Assembly);
        for (var id = 0; id < 64; id++)
        {
            if (GrainInterfaceCatalog.Shared.TryGetMethod(interfaceType.FullName!, id, out var descriptor, out var factory) && descriptor.Name == name)
            {
                return (descriptor, factory);
            }
        }

        throw new InvalidOperationException($"{interfaceType.Name}.{name} is not in the catalog.");
    }
}
