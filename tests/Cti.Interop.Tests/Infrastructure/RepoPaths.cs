using System.Reflection;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>Locates the repository (the folder of <c>Cti.sln</c>), the built service and the test data.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "Cti.sln")))
        ?? throw new InvalidOperationException("Cti.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The RFC 4475 torture messages, kept byte for byte in the repository.</summary>
    public static string Rfc4475 { get; } = Path.Combine(Root, "tests", "data", "rfc4475");

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
