using System.Text;
using Avz.Exchange.Cases;

namespace Avz.Exchange.Tests.Cases;

/// <summary>The direct reads' vocabulary: one string per word, decoded as UTF-8 decodes it, never a long text kept.</summary>
public sealed class WordsTests
{
    [Fact]
    public void TheSameBytes_GiveTheSameString_DecodedAsUtf8Would()
    {
        var first = Words.Get("health-care/diagnosis"u8);
        var second = Words.Get(Encoding.UTF8.GetBytes("health-care/" + "diagnosis"));

        Assert.Equal("health-care/diagnosis", first);
        Assert.Same(first, second);
        Assert.Equal("reclassering-nederland", Words.Get("reclassering-nederland"u8));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9 })]
    [InlineData(new byte[] { 0x61, 0xFF, 0x62 })]
    [InlineData(new byte[] { })]
    public void AnyBytes_DecodeAsEncodingUtf8DecodesThem(byte[] bytes) =>
        Assert.Equal(Encoding.UTF8.GetString(bytes), Words.Get(bytes));

    [Fact]
    public void WordsAlikeInLengthAndFirstMiddleAndLastByte_StayApart_AsTheyTakeTurns()
    {
        // Same length, same first, middle and last byte: one slot of the thread's recent words, which only a byte-wise
        // comparison tells apart. Each keeps its own string, call after call.
        var (one, other) = (Words.Get("a1c2e"u8), Words.Get("a3c4e"u8));
        for (var i = 0; i < 3; i++)
        {
            Assert.Same(one, Words.Get("a1c2e"u8));
            Assert.Same(other, Words.Get("a3c4e"u8));
        }

        Assert.Equal(("a1c2e", "a3c4e"), (one, other));

        // A word that is not ASCII never matches a recent one, and decodes as UTF-8 decodes it.
        Assert.Equal("a\u00e9c2e", Words.Get("a\u00e9c2e"u8));
        Assert.Same(Words.Get("a\u00e9c2e"u8), Words.Get("a\u00e9c2e"u8));
    }

    [Fact]
    public void ATextLongerThanAWord_IsReadFresh_AndNotKept()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', Words.MaxBytes + 1));

        var first = Words.Get(bytes);
        var second = Words.Get(bytes);

        Assert.Equal(Encoding.UTF8.GetString(bytes), first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void AWordOfFourBytesACharacter_AtTheLongestLength_DecodesWhole()
    {
        var text = string.Concat(Enumerable.Repeat("😀", Words.MaxBytes / 4));

        Assert.Equal(text, Words.Get(Encoding.UTF8.GetBytes(text)));
    }
}
