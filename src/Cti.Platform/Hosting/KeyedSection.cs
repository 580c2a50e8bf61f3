using System.Globalization;

namespace Cti.Platform.Hosting;

/// <summary>
/// A configuration section of items keyed by id (<c>"Agents": { "1001": { ... } }</c>), which merges layer over
/// layer by id, that still reads the older array form (<c>"Agents": [ { "Extension": "1001" } ]</c>), whose keys
/// are the indexes 0..n-1 and which merges by position.
/// </summary>
internal static partial class KeyedSection
{
    /// <summary>True when the children are numbered 0..n-1, as a JSON array's are: the deprecated form.</summary>
    public static bool IsArrayForm(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var index = 0;
        foreach (var child in section.GetChildren())
        {
            if (child.Key != index.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }

            index++;
        }

        return index > 0;
    }

    /// <summary>The children's keys in the order the binder reads the items.</summary>
    public static IReadOnlyList<string> Keys(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.GetChildren().Select(c => c.Key).ToArray();
    }

    /// <summary>One warning per section written as an array, so sites move to ids before the array form goes.</summary>
    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "{Section} is written as a JSON array, which is deprecated; write it as an object keyed by id (see docs/configuration.md)")]
    public static partial void ArrayFormDeprecated(ILogger logger, string section);
}
