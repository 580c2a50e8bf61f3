using Cti.Platform.Security;

namespace Cti.Host.Options;

/// <summary>The whole <c>Cti</c> configuration section; each feature reads its own sub-object.</summary>
internal sealed class CtiOptions
{
    public const string SectionName = "Cti";

    /// <summary>Where the database lives; relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// ISO 3166 region for numbers written without a country code, everywhere: lists, do-not-call uploads, caller
    /// numbers (unless a trunk names its own), gateway lines and agents' dialled numbers.
    /// </summary>
    public string DefaultRegion { get; set; } = Cti.Numbers.PhoneNumberNormalizer.FallbackRegion;

    public HttpOptions Http { get; set; } = new();

    public SipOptions Sip { get; set; } = new();

    public RegistrarOptions Registrar { get; set; } = new();

    public IList<AgentOptions> Agents { get; } = new List<AgentOptions>();

    public ApiOptions Api { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);
}
