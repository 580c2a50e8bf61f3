using System.Globalization;
using System.Text;
using Cti.Media.Audio;
using Cti.Media.Relay;

namespace Cti.Media.Recording;

/// <summary>
/// Records a call as a stereo WAV (16-bit PCM, 8 kHz): leg A (caller) on the left, leg B (agent) on the right.
/// Thread-safe: both relay loops write to it.
/// </summary>
/// <remarks>
/// Alignment: both channels share one sample timeline that starts when the recorder is created. The first packet of a
/// stream (a leg's SSRC) is placed at its arrival time; later packets of that stream are placed by RTP timestamp, so
/// network jitter does not smear the audio. A stream whose timestamps drift more than two seconds from arrival time
/// is re-anchored. Audio is held in a two-second window and written once the window moves on; whatever a channel did
/// not fill is silence. Packets older than the window are dropped.
/// </remarks>
public sealed class CallRecorder : IDisposable
{
    private const int WindowSamples = 16000;
    private const int FlushChunkSamples = 4000;
    private const long ReanchorSamples = 16000;
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly WavWriter _writer;
    private readonly short[][] _window = [new short[WindowSamples], new short[WindowSamples]];
    private readonly ChannelState[] _channels = [new(), new()];
    private long _flushed;
    private long _end;
    private bool _disposed;

    /// <summary>Records into <paramref name="stream"/> (must be seekable for the header to be completed).</summary>
    public CallRecorder(Stream stream, TimeProvider timeProvider, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _startedAt = timeProvider.GetTimestamp();
        _writer = new WavWriter(stream, WavFormat.Pcm8kStereo);
        FilePath = filePath;
    }

    /// <summary>The file written, when created by <see cref="Create"/>.</summary>
    public string? FilePath { get; }

    /// <summary>Bytes written to the file so far, header included.</summary>
    public long BytesWritten
    {
        get
        {
            lock (_gate)
            {
                return _writer.HeaderBytes + _writer.DataBytes;
            }
        }
    }

    /// <summary>
    /// Creates <c>&lt;Directory&gt;/&lt;yyyyMMdd-HHmmss&gt;_&lt;call id&gt;.wav</c> (UTC; call id reduced to file-name-safe
    /// characters) and a recorder writing to it.
    /// </summary>
    public static CallRecorder Create(CallRecordingOptions options, string callId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Directory.CreateDirectory(options.Directory);
        var path = Path.Combine(options.Directory, FileNameFor(callId, timeProvider.GetUtcNow()));
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
        return new CallRecorder(stream, timeProvider, path);
    }

    /// <summary>The file name used for a call id at a time.</summary>
    public static string FileNameFor(string callId, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var safe = new StringBuilder(Math.Min(callId.Length, 80));
        foreach (var c in callId.AsSpan(0, Math.Min(callId.Length, 80)))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "_" + safe + ".wav";
    }

    /// <summary>Adds one RTP packet's G.711 payload (payload type 0 or 8; others are ignored) to <paramref name="leg"/>'s channel.</summary>
    public void WritePacket(RtpRelayLegId leg, uint ssrc, uint timestamp, byte payloadType, ReadOnlySpan<byte> payload)
    {
        if (payloadType is not (0 or 8) || payload.IsEmpty || payload.Length > 1920)
        {
            return;
        }

        Span<short> samples = stackalloc short[payload.Length];
        if (payloadType == 0)
        {
            G711.DecodeMuLaw(payload, samples);
        }
        else
        {
            G711.DecodeALaw(payload, samples);
        }

        var arrival = (long)(_time.GetElapsedTime(_startedAt).TotalMilliseconds * 8);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var channel = _channels[(int)leg];
            var position = channel.Place(ssrc, timestamp, arrival);
            Store((int)leg, position, samples);
        }
    }

    /// <summary>Writes what is buffered, completes the WAV header and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Flush(_end - _flushed);
            _writer.Dispose();
        }
    }

    private void Store(int channel, long position, ReadOnlySpan<short> samples)
    {
        if (position < _flushed)
        {
            var late = _flushed - position;
            if (late >= samples.Length)
            {
                return;
            }

            samples = samples[(int)late..];
            position = _flushed;
        }

        var end = position + samples.Length;
        if (end > _flushed + WindowSamples)
        {
            var needed = end - (_flushed + WindowSamples);
            // Writes in chunks rather than per packet; a jump far ahead writes the gap as silence.
            Flush(Math.Max(needed, FlushChunkSamples));
        }

        var window = _window[channel];
        for (var i = 0; i < samples.Length; i++)
        {
            window[(position + i) % WindowSamples] = samples[i];
        }

        _end = Math.Max(_end, end);
    }

    private void Flush(long count)
    {
        Span<short> frames = stackalloc short[2 * 512];
        while (count > 0)
        {
            var n = (int)Math.Min(count, 512);
            for (var i = 0; i < n; i++)
            {
                var index = (int)((_flushed + i) % WindowSamples);
                frames[2 * i] = _window[0][index];
                frames[(2 * i) + 1] = _window[1][index];
                _window[0][index] = 0;
                _window[1][index] = 0;
            }

            _writer.WriteSamples(frames[..(2 * n)]);
            _flushed += n;
            count -= n;
        }
    }

    private sealed class ChannelState
    {
        private bool _anchored;
        private uint _ssrc;
        private uint _baseTimestamp;
        private long _basePosition;

        public long Place(uint ssrc, uint timestamp, long arrival)
        {
            if (_anchored && ssrc == _ssrc)
            {
                var position = _basePosition + unchecked((int)(timestamp - _baseTimestamp));
                if (Math.Abs(position - arrival) <= ReanchorSamples)
                {
                    return position;
                }
            }

            _anchored = true;
            _ssrc = ssrc;
            _baseTimestamp = timestamp;
            _basePosition = arrival;
            return arrival;
        }
    }
}
