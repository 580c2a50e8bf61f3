using System.Text;

namespace Cti.Gateways.At;

/// <summary>
/// Splits the byte stream from a module into lines on CR and/or LF. Lines may arrive in any number of fragments;
/// control characters and bytes outside printable ASCII (line noise, a module booting) are dropped, and an
/// over-long line is cut so a babbling device cannot grow memory.
/// </summary>
internal sealed class AtLineReader
{
    public const int MaxLineLength = 512;
    private readonly StringBuilder _current = new(64);

    /// <summary>Feeds bytes and reports every completed, non-empty line.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                Flush(onLine);
            }
            else if (b is >= 0x20 and <= 0x7E)
            {
                if (_current.Length < MaxLineLength)
                {
                    _current.Append((char)b);
                }
            }
        }
    }

    /// <summary>Bytes buffered without a line end yet (a prompt, or half a line).</summary>
    public string Pending => _current.ToString();

    public void Reset() => _current.Clear();

    private void Flush(Action<string> onLine)
    {
        if (_current.Length == 0)
        {
            return;
        }

        var line = _current.ToString().Trim();
        _current.Clear();
        if (line.Length > 0)
        {
            onLine(line);
        }
    }
}
