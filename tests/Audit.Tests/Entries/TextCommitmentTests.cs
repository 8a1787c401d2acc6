using System.Text;
using Avz.Audit.Entries;

namespace Avz.Audit.Tests.Entries;

public sealed class TextCommitmentTests
{
    private const string Text = "Acuut gevaar: betrokkene dreigt met geweld tegen buren.";

    [Fact]
    public void Commitment_MatchesItsSaltAndText_AndNothingElse()
    {
        var commitment = TextCommitment.Create(Text, out var salt);

        Assert.True(commitment.Matches(salt, Text));
        Assert.False(commitment.Matches(salt, Text + " "));
        var otherSalt = (byte[])salt.Clone();
        otherSalt[0] ^= 1;
        Assert.False(commitment.Matches(otherSalt, Text));
    }

    [Fact]
    public void Commitment_IsSha256OverSaltThenUtf8Text_InLowercaseHex()
    {
        var commitment = TextCommitment.Create(Text, out var salt);

        var expected = System.Security.Cryptography.SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(Text)]);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(expected), commitment.Value);
        Assert.Equal(TextCommitment.SaltLength, salt.Length);
    }

    [Fact]
    public void SameText_GivesDifferentCommitments_SoAGuessCannotBeConfirmedWithoutTheSalt()
    {
        Assert.NotEqual(TextCommitment.Create(Text, out _), TextCommitment.Create(Text, out _));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:0123", false)]
    [InlineData("md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("acuut gevaar", false)]
    public void Parse_AcceptsOnlyTheSpecifiedForm(string value, bool valid) =>
        Assert.Equal(valid, TextCommitment.TryParse(value, out _));
}
