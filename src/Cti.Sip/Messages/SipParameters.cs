using System.Collections;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// Ordered parameter list with case-insensitive names (RFC 3261 19.1.4: parameter names compare case-insensitively).
/// Order is kept so that a parsed URI or header serialises the way it arrived.
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    // Most URIs carry no parameters: the list is created on first Add.
    private List<SipParameter>? _items;

    public int Count => _items?.Count ?? 0;

    public SipParameter this[int index] => _items is null ? throw new ArgumentOutOfRangeException(nameof(index)) : _items[index];

    /// <summary>True when a parameter with this name exists (flag or valued).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter with this name; null when absent or a flag.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _items![index].Value;
    }

    public bool TryGet(string name, out string? value)
    {
        var index = IndexOf(name);
        value = index < 0 ? null : _items![index].Value;
        return index >= 0;
    }

    /// <summary>Replaces the first parameter of this name, or appends one.</summary>
    public void Set(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var index = IndexOf(name);
        if (index < 0)
        {
            (_items ??= new List<SipParameter>(2)).Add(new SipParameter(name, value));
        }
        else
        {
            _items![index] = new SipParameter(_items[index].Name, value);
        }
    }

    /// <summary>Appends without checking for an existing parameter of the same name.</summary>
    public void Add(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        (_items ??= new List<SipParameter>(2)).Add(new SipParameter(name, value));
    }

    public bool Remove(string name)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _items!.RemoveAt(index);
        return true;
    }

    public void Clear() => _items?.Clear();

    public SipParameters Clone()
    {
        var copy = new SipParameters();
        if (_items is not null)
        {
            copy._items = [.. _items];
        }

        return copy;
    }

    public IEnumerator<SipParameter> GetEnumerator() => (_items ?? []).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name)
    {
        if (_items is null)
        {
            return -1;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes <c>;name=value</c> pairs for header parameters, quoting a value that is not a token.</summary>
    internal void AppendHeaderParameters(StringBuilder builder)
    {
        if (_items is null)
        {
            return;
        }

        foreach (var p in _items)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                builder.Append('=');
                SipSyntax.AppendGenericValue(builder, p.Value);
            }
        }
    }
}
