using NodaTime;
using PhoneNumbers;

namespace Cti.Dialer.Numbers;

/// <summary>
/// Finds the candidate time zones of a number (libphonenumber's prefix map, resolved in the NodaTime tzdb).
/// A number may map to several zones (a US toll-free or mobile prefix, a country with many zones);
/// callers then apply the most restrictive calling window across all of them.
/// </summary>
public sealed class NumberTimeZoneResolver
{
    private readonly PhoneNumberToTimeZonesMapper _mapper = PhoneNumberToTimeZonesMapper.GetInstance();
    private readonly IDateTimeZoneProvider _zones = DateTimeZoneProviders.Tzdb;
    private readonly Dictionary<string, IReadOnlyList<DateTimeZone>> _cache = new(StringComparer.Ordinal);

    /// <summary>Candidate zones; empty when the number's zone is unknown.</summary>
    public IReadOnlyList<DateTimeZone> Resolve(string e164)
    {
        // The cache is keyed by the full number: cheap, and the resolver lives inside a single-writer engine.
        if (_cache.TryGetValue(e164, out var cached))
        {
            return cached;
        }

        var result = new List<DateTimeZone>();
        try
        {
            var parsed = PhoneNumberUtil.GetInstance().Parse(e164, null);
            foreach (var id in _mapper.GetTimeZonesForNumber(parsed))
            {
                var zone = _zones.GetZoneOrNull(id);
                if (zone is not null && !result.Contains(zone))
                {
                    result.Add(zone);
                }
            }
        }
        catch (NumberParseException)
        {
            // An unparseable number has no zone; the calling-window policy treats that as "unknown".
        }

        if (_cache.Count > 100_000)
        {
            _cache.Clear();
        }

        _cache[e164] = result;
        return result;
    }
}
