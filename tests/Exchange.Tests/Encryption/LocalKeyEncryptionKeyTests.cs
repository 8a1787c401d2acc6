using System.Security.Cryptography;
using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

public sealed class LocalKeyEncryptionKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("avz-kek-").FullName;

    private string Path => System.IO.Path.Combine(folder, LocalKeyEncryptionKey.FileName);

    [Fact]
    public async Task LocalKeyRing_KeepsTheContract() => await KeyEncryptionKeyContract.HoldsAsync(LocalKeyEncryptionKey.LoadOrCreate(Path, out _));

    [Fact]
    public void LoadOrCreate_CreatesTheRingForTheOwnerOnly_AndLoadsItAgain()
    {
        var kek = LocalKeyEncryptionKey.LoadOrCreate(Path, out var created);
        Assert.True(created);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path));
        }

        var again = LocalKeyEncryptionKey.LoadOrCreate(Path, out created);
        Assert.False(created);
        Assert.Equal(kek.CurrentId, again.CurrentId);
    }

    [Fact]
    public async Task Retire_DropsOldVersions_SoKeysWrappedByThemNoLongerUnwrap()
    {
        var token = TestContext.Current.CancellationToken;
        var kek = LocalKeyEncryptionKey.LoadOrCreate(Path, out _);
        var old = await kek.WrapAsync(RandomNumberGenerator.GetBytes(32), token);
        await kek.RotateAsync(token);
        Assert.Equal(1, kek.Retire());

        var reloaded = LocalKeyEncryptionKey.LoadOrCreate(Path, out _);
        var error = await Assert.ThrowsAsync<KeyUnavailableException>(() => reloaded.UnwrapAsync(old, token));
        Assert.Contains(old.KekId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunningGateway_PicksUpARotationMadeByAnotherProcess()
    {
        var token = TestContext.Current.CancellationToken;
        var gateway = LocalKeyEncryptionKey.LoadOrCreate(Path, out _);
        var cli = LocalKeyEncryptionKey.LoadOrCreate(Path, out _);
        var next = await cli.RotateAsync(token);
        cli.Retire();

        var wrapped = await gateway.WrapAsync(RandomNumberGenerator.GetBytes(32), token);
        Assert.Equal(next, wrapped.KekId);
    }

    [Fact]
    public void LoadOrCreate_RefusesAMalformedRing_WithASentenceThatSaysWhat()
    {
        File.WriteAllText(Path, "{\"current\":\"x\",\"keys\":{}}");
        var error = Assert.Throws<InvalidOperationException>(() => LocalKeyEncryptionKey.LoadOrCreate(Path, out _));
        Assert.Contains(Path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
