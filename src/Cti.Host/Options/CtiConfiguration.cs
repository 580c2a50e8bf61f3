using System.Collections;

namespace Cti.Host.Options;

/// <summary>
/// Builds the configuration in a fixed order, each layer overriding the one before:
/// appsettings.json beside the executable, appsettings.{environment}.json beside it if present (the demo data lives in
/// appsettings.Development.json, which <c>dotnet run</c> selects), an optional extra JSON file (<c>--config</c> or <c>CTI_CONFIG_FILE</c>),
/// environment variables (<c>Cti__Http__Url</c> and the short form <c>CTI_Http__Url</c>), then the command line.
/// </summary>
internal static class CtiConfiguration
{
    /// <summary>The root section every setting of the service sits under.</summary>
    public const string SectionName = "Cti";

    public const string ConfigFileVariable = "CTI_CONFIG_FILE";
    public const string EnvironmentPrefix = "CTI_";
    public const string SettingsFileName = "appsettings.json";

    public static void Configure(IConfigurationBuilder configuration, string[] args, string baseDirectory, IDictionary environment, string? environmentName = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        // The working directory of a service is its data folder, not its install folder: read settings from beside the binary.
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(baseDirectory, SettingsFileName), optional: true, reloadOnChange: false);
        if (!string.IsNullOrWhiteSpace(environmentName))
        {
            configuration.AddJsonFile(Path.Combine(baseDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);
        }

        var extra = FindConfigArgument(args) ?? environment[ConfigFileVariable] as string;
        if (!string.IsNullOrWhiteSpace(extra))
        {
            configuration.AddJsonFile(Path.GetFullPath(extra), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddInMemoryCollection(PrefixedVariables(environment));
        configuration.AddCommandLine(args);
    }

    /// <summary>The value of <c>--config &lt;path&gt;</c> or <c>--config=&lt;path&gt;</c>, if given.</summary>
    public static string? FindConfigArgument(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if ((arg is "--config" or "/config") && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                return arg["--config=".Length..];
            }
        }

        return null;
    }

    /// <summary>Maps <c>CTI_Registrar__MinExpires=30</c> to <c>Cti:Registrar:MinExpires</c>.</summary>
    public static Dictionary<string, string?> PrefixedVariables(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name
                && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
                && !name.Equals(ConfigFileVariable, StringComparison.OrdinalIgnoreCase)
                && name.Length > EnvironmentPrefix.Length
                && name[EnvironmentPrefix.Length] != '_')
            {
                var key = SectionName + ":" + name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                result[key] = entry.Value as string;
            }
        }

        return result;
    }
}
