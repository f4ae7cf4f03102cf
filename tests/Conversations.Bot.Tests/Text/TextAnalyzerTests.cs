using Conversations.Bot.Text;

namespace Conversations.Bot.Tests.Text;

public sealed class TextAnalyzerTests
{
    private readonly TextAnalyzer _analyzer = TextAnalyzer.Default;

    [Fact]
    public void Tokenize_Chinese_GivesCharacterOneToThreeGrams()
    {
        var tokens = _analyzer.Tokenize("退款了吗");

        Assert.Contains("退", tokens);
        Assert.Contains("退款", tokens);
        Assert.Contains("退款了", tokens);
        Assert.Contains("了吗", tokens);
        Assert.DoesNotContain("退款了吗", tokens);
    }

    [Fact]
    public void Tokenize_English_GivesWordsBigramsAndCharacterGramsInsideWords()
    {
        var tokens = _analyzer.Tokenize("Where is my refund");

        Assert.Contains("refund", tokens);
        Assert.Contains("my refund", tokens);
        Assert.Contains("~<re", tokens);
        Assert.Contains("~fund>", tokens);
    }

    [Fact]
    public void Tokenize_Typo_SharesMostCharacterGramsWithTheCorrectWord()
    {
        var correct = _analyzer.Tokenize("refund").Where(t => t.StartsWith('~')).ToHashSet();
        var typo = _analyzer.Tokenize("refnd").Where(t => t.StartsWith('~')).ToHashSet();

        Assert.Contains("~<ref", typo);
        Assert.True(typo.Intersect(correct).Count() >= 3);
    }

    [Fact]
    public void Tokenize_MixedChineseAndEnglish_GivesBothKinds()
    {
        var tokens = _analyzer.Tokenize("我的order还没到");

        Assert.Contains("order", tokens);
        Assert.Contains("~ord", tokens);
        Assert.Contains("还没", tokens);
        Assert.Contains("还没到", tokens);
        Assert.Contains("我的", tokens);
        Assert.DoesNotContain("的还", tokens);
    }

    [Fact]
    public void Tokenize_OrderNumberAndPhone_BecomePlaceholders()
    {
        var tokens = _analyzer.Tokenize("where is 2026111100001234, call 13812345678");

        Assert.Contains("<order>", tokens);
        Assert.Contains("is <order>", tokens);
        Assert.Contains("<phone>", tokens);
        Assert.DoesNotContain(tokens, t => t.Contains("2026", StringComparison.Ordinal) || t.Contains("1381", StringComparison.Ordinal));
    }

    [Fact]
    public void Tokenize_ApostropheAndCase_AreFolded()
    {
        Assert.Contains("dont", _analyzer.Tokenize("I DON'T want it"));
        Assert.Contains("dont", _analyzer.Tokenize("i dont want it"));
    }

    [Fact]
    public void Tokenize_FullWidthLetters_MatchHalfWidthTokens()
    {
        Assert.Contains("refund", _analyzer.Tokenize("ＲＥＦＵＮＤ"));
    }

    [Fact]
    public void TokenizeForSearch_Chinese_StopsAtBigrams()
    {
        var tokens = _analyzer.TokenizeForSearch("退款了吗");

        Assert.Contains("退款", tokens);
        Assert.DoesNotContain("退款了", tokens);
    }
}
