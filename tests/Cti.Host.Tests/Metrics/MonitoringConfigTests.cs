using System.Text.RegularExpressions;
using Cti.Host.Tests.Api;

namespace Cti.Host.Tests.Metrics;

/// <summary>
/// The shipped Grafana dashboard and Prometheus alerts only query metrics the service exports: a renamed metric would
/// otherwise leave a supervisor's wallboard silently empty.
/// </summary>
public sealed partial class MonitoringConfigTests
{
    [Theory]
    [InlineData("config/grafana/cti-dashboard.json")]
    [InlineData("config/prometheus-alerts.yml")]
    public async Task MonitoringFile_QueriesOnlyExportedMetrics(string relativePath)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), relativePath));
        var referenced = MetricName().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        await using var host = await TestHost.StartAsync();
        using var client = host.CreateClient(apiKey: null);
        var exported = (await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
            .Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(referenced);
        var missing = referenced.Where(name => !exported.Contains(name) && !exported.Contains(BaseName(name))).ToArray();
        Assert.True(missing.Length == 0, $"{relativePath} queries metrics the service does not export: {string.Join(", ", missing)}");
    }

    // Histogram and summary series carry suffixes that their # TYPE line does not.
    private static string BaseName(string name) =>
        name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^7]
        : name.EndsWith("_count", StringComparison.Ordinal) ? name[..^6]
        : name.EndsWith("_sum", StringComparison.Ordinal) ? name[..^4]
        : name;

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cti.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cti.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bcti_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
