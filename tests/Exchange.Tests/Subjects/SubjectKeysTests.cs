using System.Security.Cryptography;
using Avz.Exchange.Subjects;

namespace Avz.Exchange.Tests.Subjects;

public sealed class SubjectKeysTests
{
    [Fact]
    public void BlindIndexAndPseudonym_AreStablePerSecretAndNameNoDigitsOfTheBsn()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        using var keys = new SubjectKeys(secret);
        using var same = new SubjectKeys(secret);
        using var other = new SubjectKeys(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(keys.BlindIndex("111222333"), same.BlindIndex("111222333"));
        Assert.NotEqual(keys.BlindIndex("111222333"), keys.BlindIndex("123456782"));
        Assert.NotEqual(keys.BlindIndex("111222333"), other.BlindIndex("111222333"));
        Assert.Equal(keys.Pseudonym("111222333"), same.Pseudonym("111222333"));
        Assert.NotEqual(keys.Pseudonym("111222333"), other.Pseudonym("111222333"));
        Assert.StartsWith("ps1:", keys.Pseudonym("111222333"), StringComparison.Ordinal);
        Assert.DoesNotContain("111222333", keys.Pseudonym("111222333"), StringComparison.Ordinal);

        // Index and pseudonym come from separate derived keys: knowing one tells nothing of the other.
        Assert.NotEqual(System.Buffers.Text.Base64Url.EncodeToString(keys.BlindIndex("111222333")), keys.Pseudonym("111222333")[4..]);
    }
}
