using Avz.Exchange.Subjects;
using CsCheck;

namespace Avz.Exchange.Tests.Subjects;

public sealed class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData("999999990")]
    public void IsValid_AcceptsNumbersThatPassTheElevenCheck(string bsn) => Assert.True(Bsn.IsValid(bsn));

    [Theory]
    [InlineData("123456789")]
    [InlineData("111222334")]
    [InlineData("000000000")]
    [InlineData("12345678")]
    [InlineData("1234567820")]
    [InlineData("11122233a")]
    [InlineData("１１１２２２３３３")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_RefusesAnythingElse(string? bsn) => Assert.False(Bsn.IsValid(bsn));

    [Fact]
    public void IsValid_RefusesEverySingleDigitChangeOfAValidNumber()
    {
        // The eleven-check detects every single-digit error: weights 9..2 and -1 are all non-zero modulo 11.
        Gen.Int[0, 8].Select(Gen.Int[1, 9]).Sample((position, delta) =>
        {
            var digits = "111222333".ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + delta) % 10));
            return !Bsn.IsValid(new string(digits));
        });
    }
}
