using System.Buffers.Binary;

namespace Cti.Media.Audio;

/// <summary>Reads RIFF/WAVE files with 16-bit PCM, µ-law or A-law samples (including WAVE_FORMAT_EXTENSIBLE).</summary>
public static class WavReader
{
    /// <summary>Largest file read into memory (prompts and hold music are small).</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Reads a file from disk.</summary>
    public static bool TryReadFile(string path, out WavAudio audio, out WavReadError error)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length > MaxFileBytes)
        {
            audio = null!;
            error = WavReadError.NotWave;
            return false;
        }

        return TryRead(File.ReadAllBytes(path), out audio, out error);
    }

    /// <summary>Reads a whole file image.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> file, out WavAudio audio, out WavReadError error)
    {
        audio = null!;
        var span = file.Span;
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            error = WavReadError.NotWave;
            return false;
        }

        WavFormat? format = null;
        var offset = 12;
        while (offset + 8 <= span.Length)
        {
            var id = span.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 4)..]);
            var body = offset + 8;
            if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    error = WavReadError.MissingChunk;
                    return false;
                }

                // Streams written without a final size (0 or 0xFFFFFFFF) run to the end of the file.
                var available = span.Length - body;
                var length = size == 0 || size > (uint)available ? available : (int)size;
                length -= length % format.BlockAlign;
                audio = new WavAudio(format, file.Slice(body, length));
                error = WavReadError.None;
                return true;
            }

            if (size > (uint)(span.Length - body))
            {
                error = WavReadError.NotWave;
                return false;
            }

            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16)
                {
                    error = WavReadError.NotWave;
                    return false;
                }

                var fmt = span.Slice(body, (int)size);
                int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                if (tag == 0xFFFE && size >= 26)
                {
                    tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
                }

                var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                WavEncoding? encoding = (tag, bits) switch
                {
                    (1, 16) => WavEncoding.Pcm16,
                    (6, 8) => WavEncoding.ALaw,
                    (7, 8) => WavEncoding.MuLaw,
                    _ => null,
                };
                if (encoding is null || channels == 0 || rate <= 0)
                {
                    error = WavReadError.UnsupportedEncoding;
                    return false;
                }

                format = new WavFormat(encoding.Value, rate, channels);
            }

            offset = body + (int)size + (int)(size & 1);
        }

        error = WavReadError.MissingChunk;
        return false;
    }
}
