namespace Cti.Platform.Hosting;

/// <summary>One definition of a keyed section: its id and its settings; <see cref="FromArray"/> marks the deprecated array form.</summary>
internal sealed record KeyedEntry(string Id, IConfigurationSection Section, bool FromArray);
