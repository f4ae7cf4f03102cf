using Conversations.Abstractions.Orders;
using Conversations.Bot.Policy.Internal;

namespace Conversations.Bot.Tests.Policy;

public sealed class ProblemCuesTests
{
    [Theory]
    [InlineData("the box was crushed and the cup is broken", CaseReasons.Damaged)]
    [InlineData("快递盒子压坏了，杯子碎了", CaseReasons.Damaged)]
    [InlineData("an item is missing from my parcel", CaseReasons.Missing)]
    [InlineData("少发了一件", CaseReasons.Missing)]
    [InlineData("you sent me the wrong colour", CaseReasons.WrongItem)]
    [InlineData("发错货了，不是我买的", CaseReasons.WrongItem)]
    [InlineData("my item arrived damaged or wrong", null)]
    [InlineData("there is a problem with my order", null)]
    public void Detect_NamesTheProblemOnlyWhenTheWordsSayOne(string text, string? expected)
    {
        Assert.Equal(expected, ProblemCues.Detect(text));
    }
}
