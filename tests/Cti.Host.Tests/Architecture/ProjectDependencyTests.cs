using System.Xml.Linq;

namespace Cti.Host.Tests.Architecture;

/// <summary>
/// The projects under <c>src</c> form layers: none references the host, and no two reference each other, directly
/// or through others. A feature that needs the host or a feature above it needs an interface owned by the lower side.
/// </summary>
public sealed class ProjectDependencyTests
{
    [Fact]
    public void SrcProjects_NoneReferencesTheHost()
    {
        var offenders = References().Where(p => p.Value.Contains("Cti.Host")).Select(p => p.Key).ToArray();

        Assert.Empty(offenders);
    }

    [Fact]
    public void SrcProjects_NoTwoReferenceEachOther()
    {
        var references = References();
        var reachable = references.Keys.ToDictionary(p => p, p => Reachable(p, references), StringComparer.Ordinal);

        var mutual = reachable
            .SelectMany(a => a.Value.Where(b => string.CompareOrdinal(a.Key, b) < 0 && reachable.TryGetValue(b, out var back) && back.Contains(a.Key)).Select(b => $"{a.Key} <-> {b}"))
            .ToArray();

        Assert.True(references.Count > 10, "the src projects were not found");
        Assert.Empty(mutual);
    }

    private static HashSet<string> Reachable(string project, Dictionary<string, HashSet<string>> references)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(references[project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && references.TryGetValue(next, out var further))
            {
                foreach (var reference in further)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private static Dictionary<string, HashSet<string>> References() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => XDocument.Load(path).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

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
}
