using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Policy;

namespace Avz.Exchange.Tests.Cases;

/// <summary>The exchange's statuses and withhold reasons reach the access log under the same words the API uses.</summary>
public sealed class LogVocabularyTests
{
    [Fact]
    public void EveryCaseStatus_IsLoggedUnderItsApiWord()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            Assert.Equal(status.ToWire(), Wire.Of(status.ToLogged()));
        }

        Assert.Equal(Enum.GetValues<CaseStatus>().Length, Enum.GetValues<LoggedCaseStatus>().Length);
    }

    [Fact]
    public void EveryWithholdReason_IsLoggedUnderItsPolicyCode()
    {
        foreach (var reason in Enum.GetValues<WithholdReason>().Where(r => r != WithholdReason.None))
        {
            Assert.Equal(reason.ToCode(), Wire.Of(reason.ToLogged()));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => WithholdReason.None.ToLogged());
    }
}
