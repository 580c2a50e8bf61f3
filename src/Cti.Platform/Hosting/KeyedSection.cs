using System.Globalization;

namespace Cti.Platform.Hosting;

/// <summary>
/// Reads a section of definitions keyed by id (<c>"Agents": { "1001": { … } }</c>) and, for one release, the older
/// array form (<c>Agents:0:Extension=1001</c>). Arrays merge by index across files, so an overlay silently edits or
/// keeps whatever sits at that index in the base; definitions keyed by id merge definition by definition.
/// </summary>
internal static class KeyedSection
{
    /// <summary>
    /// The definitions of <paramref name="section"/> in key order. In the object form the key is the id and an id given
    /// inside (<paramref name="idKeys"/>) must equal it; in the array form the id is the one inside (empty if missing,
    /// for the feature's validator to report as before).
    /// </summary>
    public static IReadOnlyList<KeyedEntry> Read(IConfigurationSection section, IReadOnlyList<string> idKeys, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);
        var children = section.GetChildren().ToList();
        var arrayForm = IsArrayForm(children, idKeys);
        var entries = new List<KeyedEntry>(children.Count);
        foreach (var child in children)
        {
            var inner = InnerId(child, idKeys, errors);
            if (arrayForm)
            {
                entries.Add(new KeyedEntry(inner ?? "", child, FromArray: true));
                continue;
            }

            if (inner is not null && !string.Equals(inner, child.Key, StringComparison.Ordinal))
            {
                errors.Add($"{child.Path}: the id inside ('{inner}') differs from the key '{child.Key}'; the key is the id, drop the inner one or make them equal.");
            }

            entries.Add(new KeyedEntry(child.Key, child, FromArray: false));
        }

        return entries;
    }

    /// <summary>True when the section is a JSON array (keys 0..n-1) of definitions naming their own ids.</summary>
    public static bool IsArrayForm(IConfigurationSection section, IReadOnlyList<string> idKeys)
    {
        ArgumentNullException.ThrowIfNull(section);
        return IsArrayForm(section.GetChildren().ToList(), idKeys);
    }

    // An object keyed by ids 0..n-1 without inner ids reads the same either way, so only an inner id tells them apart.
    private static bool IsArrayForm(List<IConfigurationSection> children, IReadOnlyList<string> idKeys)
    {
        var indexes = children.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++)
        {
            if (!indexes.Contains(i.ToString(CultureInfo.InvariantCulture)))
            {
                return false;
            }
        }

        return children.Exists(c => InnerId(c, idKeys, errors: null) is { } id && !string.Equals(id, c.Key, StringComparison.Ordinal));
    }

    private static string? InnerId(IConfigurationSection child, IReadOnlyList<string> idKeys, ICollection<string>? errors)
    {
        string? found = null;
        string? foundKey = null;
        foreach (var key in idKeys)
        {
            var value = child[key];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (found is null)
            {
                (found, foundKey) = (value, key);
            }
            else if (!string.Equals(found, value, StringComparison.Ordinal))
            {
                errors?.Add($"{child.Path}: {foundKey} '{found}' and {key} '{value}' differ; give one id.");
            }
        }

        return found;
    }
}
