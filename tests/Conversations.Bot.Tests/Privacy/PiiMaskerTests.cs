using Conversations.Bot.Privacy;

namespace Conversations.Bot.Tests.Privacy;

public sealed class PiiMaskerTests
{
    private readonly PiiMasker _masker = PiiMasker.Default;

    [Fact]
    public void Mask_MobileNumber_KeepsFirstThreeAndLastFourDigits()
    {
        Assert.Equal("我的电话是138****5678，谢谢", _masker.Mask("我的电话是13812345678，谢谢"));
    }

    [Fact]
    public void Mask_MobileWithSeparatorsAndCountryCode_KeepsTheFormat()
    {
        Assert.Equal("call +86 138-****-5678 now", _masker.Mask("call +86 138-1234-5678 now"));
    }

    [Fact]
    public void Mask_OrderAndTrackingNumbers_AreLeftForTheAgent()
    {
        const string text = "订单2026111113812345678，快递SF1234567890123";

        Assert.Equal(text, _masker.Mask(text));
    }

    [Fact]
    public void Mask_OrderAndPhoneTogether_MasksOnlyThePhone()
    {
        Assert.Equal("order 2026111100001234, phone 139****5678", _masker.Mask("order 2026111100001234, phone 13912345678"));
    }

    [Fact]
    public void Mask_HintedNameAndAddress_AreMaskedWhereverTheyAppear()
    {
        var hints = new PiiHints(Names: ["张三"], Addresses: ["上海市浦东新区张江路88号"]);

        var masked = _masker.Mask("收件人张三，地址上海市浦东新区张江路88号，张三的电话13812345678", hints);

        Assert.Equal("收件人张*，地址[address]，张*的电话138****5678", masked);
    }

    [Fact]
    public void Mask_EnglishNameHint_IsCaseInsensitive()
    {
        var masked = _masker.Mask("Please deliver to ALICE WONG at the door", new PiiHints(Names: ["Alice Wong"]));

        Assert.Equal("Please deliver to A********* at the door", masked);
    }

    [Fact]
    public void Mask_Email_KeepsFirstLetterAndDomain()
    {
        Assert.Equal("mail j***@example.com", _masker.Mask("mail john.smith@example.com"));
    }

    [Fact]
    public void Mask_TextWithoutPersonalData_IsUnchanged()
    {
        Assert.Equal("where is my parcel?", _masker.Mask("where is my parcel?"));
    }

    [Fact]
    public void MaskPhone_PlainNumber_GivesTheUsualPattern()
    {
        Assert.Equal("138****5678", PiiMasker.MaskPhone("13812345678"));
    }

    [Fact]
    public void Mask_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _masker.Mask(null!));
    }
}
