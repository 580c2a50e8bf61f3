namespace Cti.Sip.Tests.Conformance;

/// <summary>Locates the shared RFC 4475 torture messages (beside the repository, or inside it) and loads them byte for byte.</summary>
internal static class Rfc4475Corpus
{
    private const string RelativeFolder = "shared/conformance/rfc4475";

    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".dat"));

    public static IEnumerable<string> AllNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.dat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    private static string Locate() =>
        SearchUpwards(AppContext.BaseDirectory)
        ?? SearchUpwards(SourceDirectory())
        ?? throw new DirectoryNotFoundException($"No folder containing {RelativeFolder} above {AppContext.BaseDirectory}.");

    // Builds with a custom artifacts path run outside the checkout; the source location still leads to it.
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? string.Empty;

    private static string? SearchUpwards(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
