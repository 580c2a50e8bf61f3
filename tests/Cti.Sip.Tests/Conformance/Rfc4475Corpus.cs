namespace Cti.Sip.Tests.Conformance;

/// <summary>
/// Locates the RFC 4475 torture messages kept in the repository (<c>tests/data/rfc4475</c>, beside <c>Cti.sln</c>)
/// and loads them byte for byte.
/// </summary>
internal static class Rfc4475Corpus
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Directory, name + ".dat"));

    public static IEnumerable<string> AllNames() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.dat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    private static string Locate()
    {
        var root = RepositoryRoot(AppContext.BaseDirectory) ?? RepositoryRoot(SourceDirectory())
            ?? throw new DirectoryNotFoundException($"No Cti.sln above {AppContext.BaseDirectory}.");
        return Path.Combine(root, "tests", "data", "rfc4475");
    }

    // Builds with a custom artifacts path run outside the checkout; the source location still leads to it.
    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? string.Empty;

    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cti.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
