using Cti.Platform.Security;

namespace Cti.Platform.Hosting;

/// <summary>The settings every feature shares, read from the root of the <c>Cti</c> section.</summary>
internal sealed class PlatformOptions
{
    public const string SectionName = "Cti";

    /// <summary>Where the database lives; relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// ISO 3166 region for numbers written without a country code, everywhere: lists, do-not-call uploads, caller
    /// numbers (unless a trunk names its own), gateway lines and agents' dialled numbers.
    /// </summary>
    public string DefaultRegion { get; set; } = Cti.Numbers.PhoneNumberNormalizer.FallbackRegion;

    /// <summary>
    /// This node's name in the <c>source</c> of every published event (<c>/cti/&lt;node id&gt;</c>): lower-case letters,
    /// digits and '-', at most 63 characters. Defaults to the machine name, lower-cased.
    /// </summary>
    public string NodeId { get; set; } = DefaultNodeId();

    public ApiOptions Api { get; set; } = new();

    /// <summary>The machine name reduced to what <see cref="NodeId"/> allows, so the default always validates.</summary>
    public static string DefaultNodeId()
    {
        var name = new string([.. Environment.MachineName.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-')]).Trim('-');
        return name.Length == 0 ? "cti" : name[..Math.Min(name.Length, 63)].TrimEnd('-');
    }

    /// <summary>A DNS-label-like name, so it is safe in a URI path and readable in logs.</summary>
    public static bool IsValidNodeId(string? nodeId) =>
        !string.IsNullOrEmpty(nodeId) && nodeId.Length <= 63 && nodeId[0] != '-' && nodeId[^1] != '-'
        && nodeId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);
}
