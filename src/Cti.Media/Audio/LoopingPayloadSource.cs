namespace Cti.Media.Audio;

/// <summary>
/// Plays G.711 audio in a loop (hold music) or once followed by silence (<see cref="Loop"/> false). Keeps a read
/// position, so create one per call; the audio bytes themselves may be shared between instances.
/// </summary>
public sealed class LoopingPayloadSource : IRtpPayloadSource
{
    private readonly ReadOnlyMemory<byte> _audio;
    private int _position;

    /// <summary>Plays <paramref name="audio"/>, encoded with <paramref name="encoding"/> (µ-law or A-law).</summary>
    public LoopingPayloadSource(ReadOnlyMemory<byte> audio, WavEncoding encoding, bool loop = true)
    {
        if (encoding == WavEncoding.Pcm16)
        {
            throw new ArgumentException("Playback audio must be G.711.", nameof(encoding));
        }

        _audio = audio;
        Encoding = encoding;
        Loop = loop;
    }

    /// <inheritdoc />
    public WavEncoding Encoding { get; }

    /// <summary>Whether playback restarts at the end instead of continuing with silence.</summary>
    public bool Loop { get; }

    /// <summary>Whether a non-looping source has played everything.</summary>
    public bool Finished => !Loop && _position >= _audio.Length;

    /// <summary>Loads a WAV file (8 kHz mono, any supported encoding) converted to <paramref name="encoding"/>; false when unreadable or of another rate.</summary>
    public static bool TryLoad(string path, WavEncoding encoding, bool loop, out LoopingPayloadSource source)
    {
        source = null!;
        if (!WavReader.TryReadFile(path, out var wav, out _) || wav.ToG711(encoding) is not { Length: > 0 } bytes)
        {
            return false;
        }

        source = new LoopingPayloadSource(bytes, encoding, loop);
        return true;
    }

    /// <inheritdoc />
    public void ReadFrame(Span<byte> destination)
    {
        var audio = _audio.Span;
        while (!destination.IsEmpty)
        {
            if (_position >= audio.Length)
            {
                if (!Loop || audio.IsEmpty)
                {
                    destination.Fill(Encoding == WavEncoding.MuLaw ? G711.MuLawSilence : G711.ALawSilence);
                    return;
                }

                _position = 0;
            }

            var n = Math.Min(destination.Length, audio.Length - _position);
            audio.Slice(_position, n).CopyTo(destination);
            destination = destination[n..];
            _position += n;
        }
    }
}
