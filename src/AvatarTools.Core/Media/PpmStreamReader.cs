namespace AvatarTools.Core.Media;

/// <summary>Reads consecutive binary PPM (P6, maxval 255) images from a stream, as ffmpeg's image2pipe writes them.</summary>
/// <remarks>The stream belongs to the caller (an ffmpeg process's output, disposed with the process); the buffer around it holds no resource.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The field is a BufferedStream over the caller's stream: disposing it would close a stream this reader does not own.")]
internal sealed class PpmStreamReader
{
    private const int MaxDimension = 1 << 14;

    private readonly Stream _stream;
    private readonly string _source;
    private readonly byte[] _one = new byte[1];

    public PpmStreamReader(Stream stream, string source)
    {
        _stream = new BufferedStream(stream, 1 << 16);
        _source = source;
    }

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public async Task<VideoFrame?> ReadAsync(FrameSelection selection, int produced, CancellationToken cancellation)
    {
        var first = await ReadByteAsync(cancellation).ConfigureAwait(false);
        if (first < 0)
        {
            return null;
        }
        if (first != 'P' || await ReadByteAsync(cancellation).ConfigureAwait(false) != '6')
        {
            throw Invalid("does not start with 'P6'");
        }
        var width = await ReadNumberAsync(cancellation).ConfigureAwait(false);
        var height = await ReadNumberAsync(cancellation).ConfigureAwait(false);
        var maximum = await ReadNumberAsync(cancellation).ConfigureAwait(false);
        if (width is <= 0 or > MaxDimension || height is <= 0 or > MaxDimension || maximum != 255)
        {
            throw Invalid($"has size {width}x{height} and maximum value {maximum}; expected 8-bit RGB");
        }
        var pixels = new byte[width * height * 3];
        await _stream.ReadExactlyAsync(pixels, cancellation).ConfigureAwait(false);
        return new VideoFrame(selection.IndexOf(produced), width, height, pixels);
    }

    // Reads a decimal number after whitespace and '#' comments, and consumes the single whitespace that ends it.
    private async Task<int> ReadNumberAsync(CancellationToken cancellation)
    {
        int next;
        while (true)
        {
            next = await ReadByteAsync(cancellation).ConfigureAwait(false);
            if (next == '#')
            {
                while (next is not ('\n' or -1))
                {
                    next = await ReadByteAsync(cancellation).ConfigureAwait(false);
                }
                continue;
            }
            if (next is not (' ' or '\t' or '\r' or '\n'))
            {
                break;
            }
        }
        var value = 0;
        var digits = 0;
        while (next is >= '0' and <= '9')
        {
            value = checked((value * 10) + (next - '0'));
            digits++;
            next = await ReadByteAsync(cancellation).ConfigureAwait(false);
        }
        if (digits == 0 || digits > 6 || next is not (' ' or '\t' or '\r' or '\n'))
        {
            throw Invalid("has a malformed header");
        }
        return value;
    }

    private async Task<int> ReadByteAsync(CancellationToken cancellation)
    {
        var read = await _stream.ReadAsync(_one, cancellation).ConfigureAwait(false);
        return read == 0 ? -1 : _one[0];
    }

    private AvatarDataException Invalid(string detail) =>
        new("InvalidFrameStream", AvatarErrorKind.InvalidData, _source, $"ffmpeg's frame stream {detail}");
}
