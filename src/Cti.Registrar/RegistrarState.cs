using System.Globalization;

namespace Cti.Registrar;

/// <summary>
/// The registrar's bindings and the RFC 3261 section 10.3 rules that change them. Not thread-safe: only the
/// <see cref="RegistrarEngine"/> loop touches it (tests drive it directly).
/// </summary>
internal sealed class RegistrarState
{
    private readonly Dictionary<string, List<RegistrarBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly RegistrarOptions _options;

    public RegistrarState(RegistrarOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Addresses-of-record with at least one binding.</summary>
    public int AorCount => _bindings.Count;

    public int BindingCount => _bindings.Values.Sum(b => b.Count);

    /// <summary>Loads persisted bindings, silently dropping those that expired while the service was down.</summary>
    public void Restore(IEnumerable<RegistrarBinding> bindings)
    {
        var now = _time.GetUtcNow();
        foreach (var binding in bindings.Where(b => b.ExpiresAt > now))
        {
            Upsert(binding);
        }
    }

    public IReadOnlyList<RegistrarBinding> Get(string aor) =>
        _bindings.TryGetValue(aor, out var list) ? Ordered(list) : [];

    public IReadOnlyList<RegistrarBinding> All() => _bindings.Values.SelectMany(Ordered).ToArray();

    public RegisterResult Register(RegisterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = _time.GetUtcNow();
        var changed = DropExpired(command.Aor, now);
        _bindings.TryGetValue(command.Aor, out var existing);
        existing ??= [];

        if (command.ExpiresHeader is < 0)
        {
            return Fail(RegisterOutcome.BadRequest, "Invalid Expires header", changed);
        }

        if (command.IsWildcard)
        {
            return RemoveAll(command, existing, changed);
        }

        if (command.Contacts.Count == 0)
        {
            // A REGISTER without Contact is a query: list what is bound and change nothing.
            return new RegisterResult(RegisterOutcome.Ok, Get(command.Aor), changed);
        }

        var updates = new Dictionary<string, (long Expires, double? Q)>(StringComparer.Ordinal);
        var tooBrief = false;
        foreach (var contact in command.Contacts)
        {
            if (string.IsNullOrWhiteSpace(contact.Uri))
            {
                return Fail(RegisterOutcome.BadRequest, "Empty Contact URI", changed);
            }

            if (!TryParseQ(contact.Q, out var q))
            {
                return Fail(RegisterOutcome.BadRequest, "Invalid q value", changed);
            }

            if (contact.Expires is < 0)
            {
                return Fail(RegisterOutcome.BadRequest, "Invalid Contact expires", changed);
            }

            var expires = contact.Expires ?? command.ExpiresHeader ?? _options.DefaultExpires;
            if (expires > 0 && expires < _options.MinExpires)
            {
                tooBrief = true;
            }

            // Longer than allowed is not an error: the registrar shortens it and the 200 says by how much.
            updates[contact.Uri] = (Math.Min(expires, _options.MaxExpires), q);
        }

        if (tooBrief)
        {
            return new RegisterResult(RegisterOutcome.IntervalTooBrief, [], changed, _options.MinExpires, "Interval Too Brief");
        }

        // All-or-nothing: a single out-of-order contact aborts the whole request before anything changes.
        if (existing.Any(b => updates.ContainsKey(b.ContactUri) && IsOutOfOrder(b, command)))
        {
            return Fail(RegisterOutcome.OutOfOrder, "Out of order CSeq for this Call-ID", changed);
        }

        foreach (var (uri, (expires, q)) in updates)
        {
            var current = existing.Find(b => b.ContactUri == uri);
            if (expires == 0)
            {
                if (current is not null)
                {
                    Remove(command.Aor, current);
                    changed = true;
                }

                continue;
            }

            Upsert(new RegistrarBinding(
                command.Aor,
                uri,
                q,
                now.AddSeconds(expires),
                command.CallId,
                command.CSeq,
                command.SourceTransport,
                command.SourceAddress,
                command.UserAgent,
                current?.Reachable));
            changed = true;
        }

        return new RegisterResult(RegisterOutcome.Ok, Get(command.Aor), changed);
    }

    /// <summary>Removes every expired binding; returns the AORs that changed.</summary>
    public IReadOnlyList<string> Sweep()
    {
        var now = _time.GetUtcNow();
        return _bindings.Keys.ToArray().Where(aor => DropExpired(aor, now)).ToArray();
    }

    /// <summary>The earliest expiry of any binding, to schedule the next sweep.</summary>
    public DateTimeOffset? NextExpiry() =>
        _bindings.Count == 0 ? null : _bindings.Values.SelectMany(b => b).Min(b => b.ExpiresAt);

    public bool SetReachable(string aor, string contactUri, bool reachable)
    {
        if (!_bindings.TryGetValue(aor, out var list))
        {
            return false;
        }

        var index = list.FindIndex(b => b.ContactUri == contactUri);
        if (index < 0 || list[index].Reachable == reachable)
        {
            return false;
        }

        list[index] = list[index] with { Reachable = reachable };
        return true;
    }

    private RegisterResult RemoveAll(RegisterCommand command, List<RegistrarBinding> existing, bool changed)
    {
        // RFC 3261 10.3 step 6: "*" is only valid alone and with Expires: 0.
        if (command.Contacts.Count > 0 || command.ExpiresHeader != 0)
        {
            return Fail(RegisterOutcome.BadRequest, "Wildcard Contact needs Expires: 0 and no other Contact", changed);
        }

        if (existing.Any(b => IsOutOfOrder(b, command)))
        {
            return Fail(RegisterOutcome.OutOfOrder, "Out of order CSeq for this Call-ID", changed);
        }

        var removed = _bindings.Remove(command.Aor);
        return new RegisterResult(RegisterOutcome.Ok, [], changed || removed);
    }

    private static bool IsOutOfOrder(RegistrarBinding binding, RegisterCommand command) =>
        string.Equals(binding.CallId, command.CallId, StringComparison.Ordinal) && command.CSeq <= binding.CSeq;

    private static RegisterResult Fail(RegisterOutcome outcome, string reason, bool changed) =>
        new(outcome, [], changed, 0, reason);

    private static bool TryParseQ(string? text, out double? q)
    {
        q = null;
        if (text is null)
        {
            return true;
        }

        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (text.Length is 0 or > 5
            || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value is < 0 or > 1)
        {
            return false;
        }

        q = value;
        return true;
    }

    private bool DropExpired(string aor, DateTimeOffset now)
    {
        if (!_bindings.TryGetValue(aor, out var list))
        {
            return false;
        }

        var removed = list.RemoveAll(b => b.ExpiresAt <= now);
        if (list.Count == 0)
        {
            _bindings.Remove(aor);
        }

        return removed > 0;
    }

    private void Upsert(RegistrarBinding binding)
    {
        if (!_bindings.TryGetValue(binding.Aor, out var list))
        {
            list = [];
            _bindings[binding.Aor] = list;
        }

        var index = list.FindIndex(b => b.ContactUri == binding.ContactUri);
        if (index >= 0)
        {
            list[index] = binding;
        }
        else
        {
            list.Add(binding);
        }
    }

    private void Remove(string aor, RegistrarBinding binding)
    {
        var list = _bindings[aor];
        list.Remove(binding);
        if (list.Count == 0)
        {
            _bindings.Remove(aor);
        }
    }

    private static RegistrarBinding[] Ordered(List<RegistrarBinding> list) =>
        list.OrderByDescending(b => b.Q ?? 1.0).ThenBy(b => b.ContactUri, StringComparer.Ordinal).ToArray();
}
