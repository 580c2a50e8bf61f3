using Cti.Numbers;

namespace Cti.Dialer.Compliance;

/// <summary>Imports an external do-not-call list (one number per line, any format libphonenumber parses).</summary>
public static class DncListImporter
{
    /// <summary>Adds every valid number to <paramref name="store"/>; returns (added, rejected line numbers).</summary>
    public static (int Added, IReadOnlyList<int> RejectedLines) Import(TextReader reader, IDncStore store, PhoneNumberNormalizer normalizer, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(normalizer);
        var added = 0;
        var rejected = new List<int>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Split(',')[0].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (normalizer.TryNormalize(text, out var number, out _))
            {
                store.Add(number!.E164, source);
                added++;
            }
            else
            {
                rejected.Add(lineNumber);
            }
        }

        return (added, rejected);
    }
}
