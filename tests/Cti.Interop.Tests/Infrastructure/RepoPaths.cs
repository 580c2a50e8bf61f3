using System.Reflection;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>Locates the repository, the built service and the shared conformance files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "Cti.sln")))
        ?? throw new InvalidOperationException("Cti.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The shared folder sits beside the repository (CI clones it there).</summary>
    public static string Rfc4475 { get; } = FindUp(Root, d => Directory.Exists(Path.Combine(d, "shared", "conformance", "rfc4475"))) is { } parent
        ? Path.Combine(parent, "shared", "conformance", "rfc4475")
        : throw new InvalidOperationException("shared/conformance/rfc4475 not found above " + Root);

    /// <summary>The service built in the same configuration as these tests.</summary>
    public static string HostAssembly
    {
        get
        {
            var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(Root, "src", "Cti.Host", "bin", configuration, "net10.0", "Cti.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: " + path);
        }
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    private static string? FindUp(string start, Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (match(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
