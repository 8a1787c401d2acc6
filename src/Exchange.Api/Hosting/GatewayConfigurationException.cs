namespace Avz.Exchange.Api.Hosting;

/// <summary>The configuration cannot work: a policy is invalid, a key is missing. The message is one sentence that says what to fix and holds no secret.</summary>
public sealed class GatewayConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayConfigurationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What to fix.</param>
    public GatewayConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What to fix.</param>
    /// <param name="innerException">The cause.</param>
    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
