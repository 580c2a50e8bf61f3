using System.Buffers.Binary;

namespace Cti.Media.Audio;

/// <summary>
/// Streams a WAV file: writes a header with zero sizes first, appends samples, and fixes the RIFF and data sizes on
/// <see cref="Dispose"/> (the stream must be seekable). A crash leaves a file readers still accept (data runs to the end).
/// </summary>
public sealed class WavWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _dataSizeOffset;
    private readonly int _factOffset;
    private long _dataBytes;
    private bool _disposed;

    /// <summary>Starts a file on <paramref name="stream"/>.</summary>
    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;

        // PCM uses the 16-byte fmt chunk; G.711 carries cbSize and a fact chunk as the WAVE spec asks for non-PCM data.
        var pcm = format.Encoding == WavEncoding.Pcm16;
        var fmtSize = pcm ? 16 : 18;
        Span<byte> header = stackalloc byte[58];
        "RIFF"u8.CopyTo(header);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)format.Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)format.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], format.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], format.SampleRate * format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(8 * format.BytesPerSample));
        var offset = 20 + fmtSize;
        _factOffset = -1;
        if (!pcm)
        {
            header[36] = 0;
            header[37] = 0;
            "fact"u8.CopyTo(header[offset..]);
            BinaryPrimitives.WriteInt32LittleEndian(header[(offset + 4)..], 4);
            _factOffset = offset + 8;
            offset += 12;
        }

        "data"u8.CopyTo(header[offset..]);
        _dataSizeOffset = offset + 4;
        HeaderBytes = offset + 8;
        _stream.Write(header[..HeaderBytes]);
    }

    /// <summary>The file's format.</summary>
    public WavFormat Format { get; }

    /// <summary>Size of the header in bytes.</summary>
    public int HeaderBytes { get; }

    /// <summary>Bytes of sample data written so far.</summary>
    public long DataBytes => _dataBytes;

    /// <summary>Appends encoded sample bytes (whole frames, in <see cref="Format"/>'s encoding).</summary>
    public void WriteData(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Write(data);
        _dataBytes += data.Length;
    }

    /// <summary>Appends 16-bit samples, encoding them to <see cref="Format"/>'s encoding.</summary>
    public void WriteSamples(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> buffer = stackalloc byte[1024];
        while (!samples.IsEmpty)
        {
            var chunk = samples[..Math.Min(samples.Length, 512)];
            int written;
            switch (Format.Encoding)
            {
                case WavEncoding.MuLaw:
                    G711.EncodeMuLaw(chunk, buffer);
                    written = chunk.Length;
                    break;
                case WavEncoding.ALaw:
                    G711.EncodeALaw(chunk, buffer);
                    written = chunk.Length;
                    break;
                default:
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(buffer[(2 * i)..], chunk[i]);
                    }

                    written = 2 * chunk.Length;
                    break;
            }

            WriteData(buffer[..written]);
            samples = samples[chunk.Length..];
        }
    }

    /// <summary>Fixes the header sizes and closes the stream unless asked to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_stream.CanSeek)
            {
                var end = _stream.Position;
                Span<byte> value = stackalloc byte[4];
                var data = (uint)Math.Min(_dataBytes, uint.MaxValue - HeaderBytes);
                if ((_dataBytes & 1) != 0)
                {
                    _stream.WriteByte(0); // RIFF chunks are word aligned
                    end++;
                }

                WriteAt(value, 4, (uint)Math.Min(end - 8, uint.MaxValue));
                WriteAt(value, _dataSizeOffset, data);
                if (_factOffset > 0)
                {
                    WriteAt(value, _factOffset, (uint)(data / (uint)Format.BlockAlign));
                }

                _stream.Position = end;
            }

            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void WriteAt(Span<byte> buffer, long position, uint value)
    {
        _stream.Position = position;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        _stream.Write(buffer);
    }
}
