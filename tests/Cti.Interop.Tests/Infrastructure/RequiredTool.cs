namespace Cti.Interop.Tests.Infrastructure;

/// <summary>Interop tests never skip: a missing program is a failure that names the package to install.</summary>
internal static class RequiredTool
{
    public static string Path(string program, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(System.IO.Path.PathSeparator))
        {
            var candidate = System.IO.Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{program}' is not installed: run ./build.sh test (it installs the Debian package {debianPackage}).");
    }
}
