namespace Cti.Host.Options;

/// <summary>The HTTP listener, <c>Cti:Http</c>.</summary>
internal sealed class HttpOptions
{
    public const string SectionName = "Cti:Http";

    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The single URL Kestrel listens on.</summary>
    public string Url { get; set; } = DefaultUrl;
}
