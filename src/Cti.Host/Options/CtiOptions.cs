namespace Cti.Host.Options;

/// <summary>The whole <c>Cti</c> configuration section; each feature reads its own sub-object.</summary>
internal sealed class CtiOptions
{
    public const string SectionName = "Cti";

    /// <summary>Where the database lives; relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public HttpOptions Http { get; set; } = new();

    public SipOptions Sip { get; set; } = new();

    public RegistrarOptions Registrar { get; set; } = new();

    public IList<AgentOptions> Agents { get; } = new List<AgentOptions>();

    public ApiOptions Api { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);
}
