using System.Collections;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// Ordered header lines of a message. Names are canonicalised (compact forms expanded, known names in their
/// standard spelling) and compare case-insensitively. Repeated headers stay separate lines in arrival order;
/// <see cref="GetAll"/> returns one string per line (use the typed accessors on <see cref="SipMessage"/> to
/// split comma-separated lists).
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeaderField>
{
    private readonly byte[]? _source;
    private SipHeaderEntry[] _entries;
    private int _count;

    public SipHeaderCollection()
    {
        _entries = new SipHeaderEntry[8];
    }

    internal SipHeaderCollection(byte[] source, SipHeaderEntry[] entries, int count)
    {
        _source = source;
        _entries = entries;
        _count = count;
    }

    public int Count => _count;

    /// <summary>Changes on every mutation so typed accessors know to re-parse.</summary>
    internal int Version { get; private set; }

    public SipHeaderField this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return new SipHeaderField(NameAt(index), ValueAt(index));
        }
    }

    public bool Contains(string name) => IndexOf(SipHeaderNames.Canonicalize(name), 0) >= 0;

    /// <summary>The value of the first line with this name, or null.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(SipHeaderNames.Canonicalize(name), 0);
        return index < 0 ? null : ValueAt(index);
    }

    /// <summary>Every line with this name, in order.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        List<string>? values = null;
        for (var i = IndexOf(canonical, 0); i >= 0; i = IndexOf(canonical, i + 1))
        {
            (values ??= []).Add(ValueAt(i));
        }

        return values ?? (IReadOnlyList<string>)[];
    }

    /// <summary>How many lines carry this name.</summary>
    public int CountOf(string name)
    {
        var canonical = SipHeaderNames.Canonicalize(name);
        var n = 0;
        for (var i = IndexOf(canonical, 0); i >= 0; i = IndexOf(canonical, i + 1))
        {
            n++;
        }

        return n;
    }

    public void Add(string name, string value)
    {
        ValidateName(name);
        ValidateValue(value);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(8, _count * 2));
        }

        _entries[_count++] = new SipHeaderEntry { Name = SipHeaderNames.Canonicalize(name), Value = value };
        Version++;
    }

    /// <summary>Replaces every line with this name by one line holding <paramref name="value"/>, kept at the first line's position.</summary>
    public void Set(string name, string value)
    {
        ValidateName(name);
        ValidateValue(value);
        var canonical = SipHeaderNames.Canonicalize(name);
        var first = IndexOf(canonical, 0);
        if (first < 0)
        {
            Add(canonical, value);
            return;
        }

        _entries[first] = new SipHeaderEntry { Name = canonical, Value = value };
        RemoveFrom(canonical, first + 1);
        Version++;
    }

    /// <summary>Removes every line with this name; true when any was removed.</summary>
    public bool Remove(string name)
    {
        var removed = RemoveFrom(SipHeaderNames.Canonicalize(name), 0);
        if (removed)
        {
            Version++;
        }

        return removed;
    }

    public IEnumerator<SipHeaderField> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new SipHeaderField(NameAt(i), ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The original value bytes when they can be written verbatim (parsed, unfolded, unmodified).</summary>
    internal bool TryGetRawValue(int index, out ReadOnlySpan<byte> raw)
    {
        ref var entry = ref _entries[index];
        if (_source is not null && entry.Value is null && !entry.Folded)
        {
            raw = _source.AsSpan(entry.ValueStart, entry.ValueLength);
            return true;
        }

        raw = default;
        return false;
    }

    internal string NameAt(int index)
    {
        ref var entry = ref _entries[index];
        return entry.Name ??= Encoding.UTF8.GetString(_source!, entry.NameStart, entry.NameLength);
    }

    internal string ValueAt(int index)
    {
        ref var entry = ref _entries[index];
        return entry.Value ??= Materialise(ref entry);
    }

    private string Materialise(ref SipHeaderEntry entry)
    {
        var raw = _source.AsSpan(entry.ValueStart, entry.ValueLength);
        if (!entry.Folded)
        {
            return Encoding.UTF8.GetString(raw);
        }

        // Folding: CRLF followed by whitespace, with any whitespace around it, is one SP (RFC 3261 7.3.1).
        var builder = new StringBuilder(raw.Length);
        var text = Encoding.UTF8.GetString(raw);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                while (builder.Length > 0 && builder[^1] is ' ' or '\t')
                {
                    builder.Length--;
                }

                i += 2;
                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                builder.Append(' ');
                i--;
                continue;
            }

            builder.Append(text[i]);
        }

        // "To:" CRLF SP "sip:..." has an empty first line; the value starts on the continuation.
        return builder.ToString().Trim(' ', '\t');
    }

    internal int IndexOf(string canonical, int start)
    {
        for (var i = start; i < _count; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.Name is not null)
            {
                if (ReferenceEquals(entry.Name, canonical) || string.Equals(entry.Name, canonical, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
            else if (entry.NameLength == canonical.Length
                && Ascii.EqualsIgnoreCase(_source.AsSpan(entry.NameStart, entry.NameLength), canonical))
            {
                return i;
            }
        }

        return -1;
    }

    private bool RemoveFrom(string canonical, int start)
    {
        var removed = false;
        for (var i = IndexOf(canonical, start); i >= 0; i = IndexOf(canonical, i))
        {
            Array.Copy(_entries, i + 1, _entries, i, _count - i - 1);
            _entries[--_count] = default;
            removed = true;
        }

        return removed;
    }

    private static void ValidateValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        // A CR or LF would let a value inject header lines into the serialized message.
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value must not contain CR or LF.", nameof(value));
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!SipSyntax.IsToken(name))
        {
            throw new ArgumentException("A header name must be a token.", nameof(name));
        }
    }
}
