using System.Text.RegularExpressions;

namespace Cti.Host.Tests.Architecture;

/// <summary>
/// The host's folders form no cycle: when folder A names <c>Cti.Host.B</c>, B never names <c>Cti.Host.A</c>.
/// A mutual pair means two features that cannot be split into projects; the fix is an interface owned by one side.
/// The feature projects never name the host's namespaces at all.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void HostFolders_NoTwoDependOnEachOther()
    {
        var host = Path.Combine(RepositoryRoot(), "src", "Cti.Host");
        var dependencies = Directory.GetDirectories(host)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .ToDictionary(name => name!, name => References(Path.Combine(host, name!), name!), StringComparer.Ordinal);

        var mutual = dependencies
            .SelectMany(a => a.Value.Where(b => string.CompareOrdinal(a.Key, b) < 0 && dependencies.TryGetValue(b, out var back) && back.Contains(a.Key)).Select(b => $"{a.Key} <-> {b}"))
            .ToArray();

        Assert.True(dependencies.Count >= 4, "the host folders were not found");
        Assert.Empty(mutual);
    }

    [Fact]
    public void SrcProjects_OutsideTheHost_NeverNameHostNamespaces()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.GetDirectories(src)
            .Where(project => Path.GetFileName(project) != "Cti.Host")
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => HostNamespace().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(src, file))
            .ToArray();

        Assert.Empty(offenders);
    }

    private static HashSet<string> References(string folder, string self) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => HostNamespace().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Where(name => name != self)
            .ToHashSet(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Cti.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bCti\.Host\.([A-Za-z]+)\b")]
    private static partial Regex HostNamespace();
}
