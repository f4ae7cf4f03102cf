using Conversations.Server.Demo;

namespace Conversations.Server.Tests.Demo;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("-2d4h", -52 * 60)]
    [InlineData("+1d12h", 36 * 60)]
    [InlineData("-10m", -10)]
    [InlineData("-1d20h5m", -(44 * 60 + 5))]
    [InlineData("+22h", 22 * 60)]
    public void Parse_Offset_IsRelativeToNow(string text, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes), RelativeTime.Parse(text, Now));

    [Fact]
    public void Parse_AbsoluteTime_IsKept() =>
        Assert.Equal(new DateTimeOffset(2026, 6, 18, 8, 0, 0, TimeSpan.Zero), RelativeTime.Parse("2026-06-18T08:00:00Z", Now));

    [Fact]
    public void Resolve_Null_IsNull() => Assert.Null(RelativeTime.Resolve(null, Now));

    [Theory]
    [InlineData("2d")]
    [InlineData("-")]
    [InlineData("-2x")]
    [InlineData("-4h2d")]
    [InlineData("-2d2d")]
    [InlineData("-d")]
    [InlineData("-12")]
    public void Parse_Malformed_Throws(string text) => Assert.Throws<FormatException>(() => RelativeTime.Parse(text, Now));
}
