using System.Security.Cryptography;
using System.Text;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using NSubstitute;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>The text values of one answer (<see cref="CaseKeys.FieldTexts"/>) and the kept cipher they hold (<see cref="DataKeyCache.TryRent"/>).</summary>
public sealed class FieldTextsTests
{
    private static readonly Guid Case = Guid.CreateVersion7();

    [Theory]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(16000)]
    public void DecryptText_GivesTheTextDecryptGives_OnTheStackAndInAPooledBuffer(int bytes)
    {
        // Four UTF-8 bytes a character where it can: 1,024 bytes fill the stack buffer exactly, 1,025 take a pooled one.
        var value = string.Concat(Enumerable.Repeat("\U0001F600", bytes / 4)) + new string('a', bytes % 4);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(value));
        var key = RandomNumberGenerator.GetBytes(32);
        var place = new FieldPlace(Case, Guid.CreateVersion7().ToString(), "notes");
        var ciphertext = FieldCipher.Encrypt(key, Guid.CreateVersion7(), 1, place, Encoding.UTF8.GetBytes(value));
        using var keyed = FieldCipher.Keyed(key);

        Assert.Equal(value, FieldCipher.DecryptText(keyed, place, ciphertext));
        Assert.Equal(Encoding.UTF8.GetString(FieldCipher.Decrypt(key, place, ciphertext)), FieldCipher.DecryptText(keyed, place, ciphertext));
        var error = Assert.Throws<FieldDecryptionException>(() => FieldCipher.DecryptText(keyed, place with { Field = "diagnosis" }, ciphertext));
        Assert.DoesNotContain("\U0001F600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldTexts_ReadFieldsUnderSeveralKeys_FromTheCache_WithoutTheContext()
    {
        var cache = new DataKeyCache(TimeProvider.System, TimeSpan.FromMinutes(2));
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (firstKey, secondKey) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        cache.Add(first, firstKey);
        cache.Add(second, secondKey);
        var services = Substitute.For<IServiceProvider>();
        var keys = new CaseKeys(Substitute.For<IKeyEncryptionKey>(), cache, new CaseReads(null), TimeProvider.System);

        // An answer's fields in turn under the case's older and newer key, back and forth.
        var fields = new (Guid Key, byte[] Bytes, string Field, string Value)[]
        {
            (first, firstKey, "surname", "Zwartveld"),
            (first, firstKey, "given-names", "Jan Pieter"),
            (second, secondKey, "address", "Hoofdstraat 1"),
            (first, firstKey, "city", "Groningen"),
        };
        var item = Guid.CreateVersion7().ToString();
        using (var texts = keys.TextsFor(new ContextLease(services, DatabaseProvider.Sqlite)))
        {
            foreach (var (id, bytes, field, value) in fields)
            {
                var place = new FieldPlace(Case, item, field);
                Assert.Equal(value, await texts.DecryptAsync(place, FieldCipher.Encrypt(bytes, id, 1, place, Encoding.UTF8.GetBytes(value)), TestContext.Current.CancellationToken));
            }

            // A value moved to another field fails as before, with the cipher held.
            var moved = FieldCipher.Encrypt(firstKey, first, 1, new FieldPlace(Case, item, "surname"), "Zwartveld"u8);
            await Assert.ThrowsAsync<FieldDecryptionException>(() => texts.DecryptAsync(new FieldPlace(Case, item, "city"), moved, TestContext.Current.CancellationToken).AsTask());
        }

        // The cached keys sufficed: no context was leased, so no data key was read.
        Assert.Empty(services.ReceivedCalls());
    }

    [Fact]
    public void TryRent_KeepsAHandedBackCipher_AndDisposesOneWhoseKeyWasForgottenMeanwhile()
    {
        var cache = new DataKeyCache(TimeProvider.System, TimeSpan.FromMinutes(2));
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        var place = new FieldPlace(Case, "item-1", "surname");
        var ciphertext = FieldCipher.Encrypt(key, id, 1, place, "Zwartveld"u8);
        cache.Add(id, key);

        // Two users at once get two ciphers; one handed back is the next user's.
        Assert.True(cache.TryRent(id, out var one));
        Assert.True(cache.TryRent(id, out var two));
        Assert.NotSame(one.Cipher, two.Cipher);
        one.Return();
        Assert.True(cache.TryRent(id, out var again));
        Assert.Same(one.Cipher, again.Cipher);
        Assert.Equal("Zwartveld", FieldCipher.DecryptText(again.Cipher, place, ciphertext));

        // The case is shredded while both are out: handed back, neither can open anything any more.
        cache.Forget(id);
        again.Return();
        two.Return();
        Assert.Throws<ObjectDisposedException>(() => FieldCipher.DecryptText(again.Cipher, place, ciphertext));
        Assert.Throws<ObjectDisposedException>(() => FieldCipher.DecryptText(two.Cipher, place, ciphertext));
        Assert.False(cache.TryRent(id, out _));
    }
}
