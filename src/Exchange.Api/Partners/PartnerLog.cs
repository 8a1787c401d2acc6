namespace Avz.Exchange.Api.Partners;

/// <summary>Log events about partner clients. Never a key or token.</summary>
internal static partial class PartnerLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Development: {Created} new demo clients, private keys in {Folder}. Get a token: dotnet run --project src/Cli -- token --client dev-politie")]
    public static partial void DevelopmentClients(ILogger logger, int created, string folder);
}
