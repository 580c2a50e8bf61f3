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

    public ApiOptions Api { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);
}
