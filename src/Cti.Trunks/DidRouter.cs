using Cti.Sip.Messages;

namespace Cti.Trunks;

/// <summary>Maps the number a caller dialled (DID) to the queue that takes the call.</summary>
internal sealed class DidRouter
{
    private readonly Dictionary<string, string> _queues;

    public DidRouter(IEnumerable<KeyValuePair<string, string>> dids)
    {
        ArgumentNullException.ThrowIfNull(dids);
        _queues = new Dictionary<string, string>(dids, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Dids => _queues.Keys;

    /// <summary>The queue for the DID; an exact match first, then the same number without a leading '+'.</summary>
    public bool TryRoute(string? did, out string queue)
    {
        queue = string.Empty;
        if (string.IsNullOrEmpty(did))
        {
            return false;
        }

        if (_queues.TryGetValue(did, out var found) || (did[0] == '+' && _queues.TryGetValue(did[1..], out found)))
        {
            queue = found;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The DID a carrier INVITE is for: the Request-URI user, or the To user when the carrier puts its own
    /// address in the Request-URI. Visual separators (-, ., spaces) are dropped.
    /// </summary>
    public static string? DialledNumber(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Clean(request.RequestUri.User) ?? Clean(request.To?.Uri.User);
    }

    private static string? Clean(string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return null;
        }

        // A user part may carry parameters (;npdi, ;rn=) after the number.
        var semicolon = user.IndexOf(';', StringComparison.Ordinal);
        var number = semicolon >= 0 ? user[..semicolon] : user;
        var cleaned = new string(number.Where(c => c is not ('-' or '.' or ' ' or '(' or ')')).ToArray());
        return cleaned.Length == 0 ? null : cleaned;
    }
}
