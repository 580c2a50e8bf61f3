using System.Text.RegularExpressions;

namespace Cti.Host.Tests.Architecture;

/// <summary>
/// Dependencies are given, not looked up: only composition code (<c>*ServiceCollectionExtensions</c>,
/// <c>Program</c>, <c>CtiApplication</c>) may ask a service provider for a service, and no code replaces a
/// registration to break a cycle.
/// </summary>
public sealed partial class ServiceLocatorTests
{
    [Fact]
    public void SrcFiles_OnlyCompositionCodeResolvesServices()
    {
        var files = SourceFiles();
        var offenders = files
            .Where(f => !IsComposition(f))
            .Where(f => LookupPattern().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryRoot(), f))
            .ToArray();

        Assert.True(files.Length > 300, "the src files were not found");
        Assert.Empty(offenders);
    }

    [Fact]
    public void SrcFiles_NoRegistrationIsReplaced()
    {
        var offenders = SourceFiles()
            .Where(f => ReplacePattern().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryRoot(), f))
            .ToArray();

        Assert.Empty(offenders);
    }

    private static bool IsComposition(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal) || name is "Program" or "CtiApplication";
    }

    private static string[] SourceFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();

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

    [GeneratedRegex(@"\bGet(Required)?Service\s*[<(]")]
    private static partial Regex LookupPattern();

    [GeneratedRegex(@"\bservices\.Replace\s*\(|\.Replace\(\s*ServiceDescriptor")]
    private static partial Regex ReplacePattern();
}
