using System.Globalization;
using AvatarTools.Core.Dataset;
using AvatarTools.Core.Heatmaps;
using AvatarTools.Core.IO;
using AvatarTools.Core.Media;
using AvatarTools.Core.Scoring;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace AvatarTools.Core.Reports;

/// <summary>
/// Draws a model's heatmap over its frame, with the ground truth and the predicted region outlined: single frames, and
/// strips (frames of a clip side by side, one row per model) like the paper's qualitative figures. Output is PNG bytes,
/// identical for identical input.
/// </summary>
/// <remarks>
/// The map is upsampled to the drawn size with <see cref="Upsampler"/>, min-max normalised for display and coloured with
/// <see cref="Colormap"/> (Turbo). It is blended with an opacity that grows with the value (from
/// <see cref="OverlayOptions.MinimumOpacity"/> to <see cref="OverlayOptions.MaximumOpacity"/>), so the scene stays
/// readable where the model sees nothing and the peaks stand out; a flat 0.5/0.5 blend darkens the whole frame with the
/// map's blue floor. The predicted region is the upsampled map ≥ τ (see <see cref="OverlayOptions.Threshold"/>).
/// </remarks>
public static class OverlayRenderer
{
    private const int Padding = 4;
    private static readonly RgbColor MissingImage = new(48, 48, 48);
    private static readonly RgbColor StripBackground = RgbColor.White;
    private static readonly RgbColor LabelText = RgbColor.Black;

    /// <summary>
    /// The frame (at its original size) with the heatmap, the outlines, an OFF-SCREEN label on Off-Screen frames and a
    /// caption, as PNG bytes.
    /// </summary>
    /// <param name="localization">The frame and the model's map.</param>
    /// <param name="options">Drawing settings; null for the defaults.</param>
    /// <param name="cIoU">The frame's cIoU in [0, 1] to print in the caption, if known.</param>
    /// <exception cref="AvatarDataException">The frame image exists but cannot be read or decoded (the ids of
    /// <see cref="FrameImageFile"/>: <c>InvalidImage</c>, <c>TruncatedImage</c>, <c>ImageTooLarge</c>, <c>NotARegularFile</c>,
    /// <c>ImageUnreadable</c>). A frame without an image file is drawn over dark grey.</exception>
    public static byte[] RenderFrame(Localization localization, OverlayOptions? options = null, double? cIoU = null)
    {
        options ??= new OverlayOptions();
        options.Validate();
        var (width, height) = FrameSize(localization.Frame, options, strict: true);
        var canvas = Compose(localization, LoadPicture(localization.Frame.ImagePath, width, height, options), options);
        if (localization.Frame.IsOffScreen)
        {
            DrawOffScreenLabel(canvas, options, options.TextScale);
        }
        if (options.ShowCaption)
        {
            DrawCaption(canvas, localization, cIoU, options);
        }
        return canvas.ToPng();
    }

    /// <summary>
    /// A grid of thumbnails: one row per model (labelled with its name), one column per labelled frame in time order
    /// (headed by the frame time, or the frame index when the frame rate is unknown), like the paper's figures.
    /// </summary>
    /// <param name="rowsPerModel">One list per row, usually one model's localizations of one clip's frames. Columns are the
    /// distinct (clip, frame) pairs of all rows, ordered by clip then frame index; a row without a frame leaves its cell blank.</param>
    /// <param name="options">Drawing settings; null for the defaults.</param>
    /// <param name="frameScores">Optional frame scores; when one matches a cell's model, clip and frame, its cIoU is printed
    /// in the cell's corner (the first match is used, so pass the scores of one threshold).</param>
    /// <returns>The PNG bytes of an image <c>RowLabelWidth + Spacing + columns · (ThumbnailWidth + Spacing)</c> wide and
    /// <c>HeaderHeight + rows · (thumbnail height + Spacing)</c> high, the thumbnail height being
    /// <c>max(1, round(ThumbnailWidth · H / W))</c> for the first frame's size W × H; and the errors of the frame images that
    /// could not be read (one per frame, in column order; the ids of <see cref="FrameImageFile"/>). Such a frame's cells are
    /// drawn over dark grey with a NO IMAGE label, so one bad picture never costs the strip.</returns>
    public static StripImage RenderStrip(IReadOnlyList<IReadOnlyList<Localization>> rowsPerModel, OverlayOptions? options = null,
        IReadOnlyList<FrameScore>? frameScores = null)
    {
        options ??= new OverlayOptions();
        options.Validate();
        var rows = rowsPerModel.Where(row => row.Count > 0).ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException("A strip needs at least one row with at least one localization.", nameof(rowsPerModel));
        }
        var columns = rows.SelectMany(row => row)
            .Select(localization => localization.Frame)
            .GroupBy(frame => (frame.VideoId, frame.FrameIndex))
            .Select(group => group.First())
            .OrderBy(frame => frame.VideoId, StringComparer.Ordinal)
            .ThenBy(frame => frame.FrameIndex)
            .ToList();
        var (frameWidth, frameHeight) = FrameSize(columns[0], options, strict: false);
        var thumbnailWidth = options.ThumbnailWidth;
        var thumbnailHeight = StripThumbnailHeight(frameWidth, frameHeight, thumbnailWidth);
        var (stripWidth, stripHeight) = StripSize(columns.Count, rows.Count, thumbnailHeight, options);
        var canvas = new RgbCanvas(stripWidth, stripHeight, StripBackground);
        var scale = options.TextScale;
        var lineHeight = BitmapFont.MeasureHeight(scale);

        var clips = columns.Select(frame => frame.VideoId).Distinct(StringComparer.Ordinal).ToList();
        var corner = BitmapFont.Fit(clips.Count == 1 ? clips[0] : $"{clips.Count} clips", Math.Max(0, options.RowLabelWidth - (2 * Padding)), 1);
        BitmapFont.Draw(canvas, corner, Padding, Math.Max(0, (options.HeaderHeight - BitmapFont.MeasureHeight(1)) / 2), 1, LabelText);
        for (var c = 0; c < columns.Count; c++)
        {
            var left = ColumnLeft(c, options);
            var header = ColumnHeader(columns[c], clips.Count > 1);
            header = BitmapFont.Fit(header, thumbnailWidth, scale);
            var headerLeft = left + Math.Max(0, (thumbnailWidth - BitmapFont.MeasureWidth(header, scale)) / 2);
            BitmapFont.Draw(canvas, header, headerLeft, Math.Max(0, (options.HeaderHeight - lineHeight) / 2), scale, LabelText);
        }

        // Each frame's picture is decoded once, whatever the number of rows.
        var pictures = new RgbCanvas[columns.Count];
        var unreadable = new bool[columns.Count];
        var imageErrors = new List<FrameImageError>();
        for (var c = 0; c < columns.Count; c++)
        {
            try
            {
                pictures[c] = LoadPicture(columns[c].ImagePath, thumbnailWidth, thumbnailHeight, options);
            }
            catch (AvatarDataException ex)
            {
                pictures[c] = new RgbCanvas(thumbnailWidth, thumbnailHeight, MissingImage);
                unreadable[c] = true;
                imageErrors.Add(new FrameImageError(columns[c], ex));
            }
        }

        var scores = new Dictionary<(string Model, string VideoId, int FrameIndex), double>();
        foreach (var score in frameScores ?? Array.Empty<FrameScore>())
        {
            scores.TryAdd((score.Model, score.VideoId, score.FrameIndex), score.CIoU);
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var top = options.HeaderHeight + (r * (thumbnailHeight + options.Spacing));
            var model = rows[r][0].Model;
            var label = BitmapFont.Fit(model, Math.Max(0, options.RowLabelWidth - (2 * Padding)), scale);
            BitmapFont.Draw(canvas, label, Padding, top + Math.Max(0, (thumbnailHeight - lineHeight) / 2), scale, LabelText);
            for (var c = 0; c < columns.Count; c++)
            {
                var frame = columns[c];
                var localization = rows[r].FirstOrDefault(item => item.VideoId == frame.VideoId && item.FrameIndex == frame.FrameIndex);
                var left = ColumnLeft(c, options);
                if (localization is null)
                {
                    canvas.FillRectangle(left, top, thumbnailWidth, thumbnailHeight, new RgbColor(224, 224, 224));
                    continue;
                }
                var cell = Compose(localization, pictures[c].Clone(), options);
                if (unreadable[c])
                {
                    DrawNoImageLabel(cell);
                }
                if (frame.IsOffScreen)
                {
                    DrawOffScreenLabel(cell, options, Math.Max(1, scale / 2));
                }
                if (scores.TryGetValue((localization.Model, frame.VideoId, frame.FrameIndex), out var value) && !frame.IsOffScreen)
                {
                    var text = "cIoU " + Format(value);
                    var textHeight = BitmapFont.MeasureHeight(1);
                    cell.FillRectangle(0, cell.Height - textHeight - 4, BitmapFont.MeasureWidth(text, 1) + 4, textHeight + 4, RgbColor.Black);
                    BitmapFont.Draw(cell, text, 2, cell.Height - textHeight - 2, 1, RgbColor.White);
                }
                canvas.Draw(cell, left, top);
            }
        }
        return new StripImage(canvas.ToPng(), imageErrors);
    }

    /// <summary>The thumbnail height of a strip for frames of <paramref name="frameWidth"/> × <paramref name="frameHeight"/>.</summary>
    public static int StripThumbnailHeight(int frameWidth, int frameHeight, int thumbnailWidth) =>
        Math.Max(1, (int)Math.Round((double)thumbnailWidth * frameHeight / frameWidth, MidpointRounding.AwayFromZero));

    /// <summary>The size in pixels of a strip of <paramref name="columns"/> × <paramref name="rows"/> thumbnails.</summary>
    public static (int Width, int Height) StripSize(int columns, int rows, int thumbnailHeight, OverlayOptions options) =>
        (options.RowLabelWidth + options.Spacing + (columns * (options.ThumbnailWidth + options.Spacing)),
         options.HeaderHeight + (rows * (thumbnailHeight + options.Spacing)));

    private static int ColumnLeft(int column, OverlayOptions options) =>
        options.RowLabelWidth + options.Spacing + (column * (options.ThumbnailWidth + options.Spacing));

    private static string ColumnHeader(AvatarFrame frame, bool withClip)
    {
        var when = frame.Time is double time
            ? time.ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : "#" + frame.FrameIndex.ToString(CultureInfo.InvariantCulture);
        return withClip ? $"{frame.VideoId} {when}" : when;
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The frame's original size from its metadata; else from its image's header; else 640 × 360. With
    /// <paramref name="strict"/>, an image that exists but cannot be read throws; otherwise it counts as absent.
    /// </summary>
    private static (int Width, int Height) FrameSize(AvatarFrame frame, OverlayOptions options, bool strict)
    {
        if (frame.Width > 0 && frame.Height > 0)
        {
            return (frame.Width, frame.Height);
        }
        if (IsAbsent(frame.ImagePath))
        {
            return (640, 360);
        }
        try
        {
            return FrameImageFile.Identify(frame.ImagePath, options.MaxPixels);
        }
        catch (AvatarDataException) when (!strict)
        {
            return (640, 360);
        }
    }

    /// <summary>The picture with the map and outlines drawn over it (the picture is drawn into).</summary>
    private static RgbCanvas Compose(Localization localization, RgbCanvas canvas, OverlayOptions options)
    {
        var frame = localization.Frame;
        var width = canvas.Width;
        var height = canvas.Height;
        var values = Upsampler.Upsample(localization.Heatmap, height, width, options.Upsample);
        BlendHeatmap(canvas, values, options);
        if (options.ShowPrediction)
        {
            var predicted = PredictedRegion(values, options.ThresholdFor(localization.Model));
            canvas.Paint(MaskOutline.Compute(predicted, width, height, options.OutlineThickness), options.PredictionColor);
        }
        if (options.ShowTruth && !frame.IsOffScreen)
        {
            var truth = GroundTruthMask.Create(frame, height, width);
            var mask = new bool[width * height];
            for (var y = 0; y < height; y++)
            {
                foreach (var (start, end) in truth.GetRowSpans(y))
                {
                    mask.AsSpan((y * width) + start, end - start).Fill(true);
                }
            }
            canvas.Paint(MaskOutline.Compute(mask, width, height, options.OutlineThickness), options.TruthColor);
        }
        return canvas;
    }

    /// <summary>
    /// The pixels at or above the threshold; with no threshold, the scoring's per-frame rule (min-max
    /// normalised map, τ at ascending index ⌊N/2⌋), so a picture shows exactly what Measure-AvatarScore counts.
    /// </summary>
    private static bool[] PredictedRegion(float[] values, double? threshold)
    {
        var compared = values;
        var tau = threshold ?? double.NaN;
        if (threshold is null)
        {
            compared = (float[])values.Clone();
            tau = PerFrameThreshold.NormalizeAndSelectMedian(compared, new int[1 << 16]);
        }
        var predicted = new bool[compared.Length];
        for (var i = 0; i < compared.Length; i++)
        {
            predicted[i] = compared[i] >= tau;
        }
        return predicted;
    }

    private static void BlendHeatmap(RgbCanvas canvas, float[] values, OverlayOptions options)
    {
        var minimum = float.PositiveInfinity;
        var maximum = float.NegativeInfinity;
        foreach (var value in values)
        {
            if (value < minimum)
            {
                minimum = value;
            }
            if (value > maximum)
            {
                maximum = value;
            }
        }
        var range = (double)maximum - minimum;
        var pixels = canvas.Pixels;
        for (var i = 0; i < values.Length; i++)
        {
            var normalised = range > 0 && double.IsFinite(range) ? (values[i] - (double)minimum) / range : 0.0;
            var color = Colormap.Map(normalised);
            var alpha = options.MinimumOpacity + ((options.MaximumOpacity - options.MinimumOpacity) * Math.Clamp(normalised, 0.0, 1.0));
            var offset = i * 3;
            pixels[offset] = Mix(pixels[offset], color.Red, alpha);
            pixels[offset + 1] = Mix(pixels[offset + 1], color.Green, alpha);
            pixels[offset + 2] = Mix(pixels[offset + 2], color.Blue, alpha);
        }
    }

    private static byte Mix(byte under, byte over, double alpha) =>
        (byte)Math.Clamp((int)Math.Round(((1 - alpha) * under) + (alpha * over), MidpointRounding.AwayFromZero), 0, 255);

    private static void DrawOffScreenLabel(RgbCanvas canvas, OverlayOptions options, int scale)
    {
        const string Label = "OFF-SCREEN";
        var textWidth = BitmapFont.MeasureWidth(Label, scale);
        var textHeight = BitmapFont.MeasureHeight(scale);
        var boxWidth = textWidth + (2 * Padding);
        var boxHeight = textHeight + (2 * Padding);
        var left = Math.Max(0, canvas.Width - boxWidth - Padding);
        canvas.FillRectangle(left, Padding, boxWidth, boxHeight, RgbColor.Black);
        BitmapFont.Draw(canvas, Label, left + Padding, 2 * Padding, scale, options.OffScreenColor);
    }

    private static void DrawCaption(RgbCanvas canvas, Localization localization, double? cIoU, OverlayOptions options)
    {
        var frame = localization.Frame;
        var scale = options.TextScale;
        var first = cIoU is double value && !frame.IsOffScreen ? $"{localization.Model}  cIoU {Format(value)}" : localization.Model;
        var second = $"{frame.VideoId} #{frame.FrameIndex.ToString(CultureInfo.InvariantCulture)}";
        if (frame.Time is double time)
        {
            second += "  t=" + time.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        }
        var lineHeight = BitmapFont.MeasureHeight(scale);
        var lineGap = scale * 2;
        var bandHeight = (2 * lineHeight) + lineGap + (2 * Padding);
        var top = canvas.Height - bandHeight;
        var available = canvas.Width - (2 * Padding);
        first = BitmapFont.Fit(first, available, scale);
        second = BitmapFont.Fit(second, available, scale);
        var bandWidth = Math.Max(BitmapFont.MeasureWidth(first, scale), BitmapFont.MeasureWidth(second, scale)) + (2 * Padding);
        canvas.FillRectangle(0, top, bandWidth, bandHeight, RgbColor.Black);
        BitmapFont.Draw(canvas, first, Padding, top + Padding, scale, RgbColor.White);
        BitmapFont.Draw(canvas, second, Padding, top + Padding + lineHeight + lineGap, scale, RgbColor.White);
    }

    private static void DrawNoImageLabel(RgbCanvas canvas)
    {
        const string Label = "NO IMAGE";
        var textHeight = BitmapFont.MeasureHeight(1);
        canvas.FillRectangle(Padding, Padding, BitmapFont.MeasureWidth(Label, 1) + (2 * Padding), textHeight + (2 * Padding), RgbColor.Black);
        BitmapFont.Draw(canvas, Label, 2 * Padding, 2 * Padding, 1, RgbColor.White);
    }

    /// <summary>True when the frame has no image file (a metadata-only set): its picture is dark grey, which is no error.</summary>
    private static bool IsAbsent(string path) => string.IsNullOrEmpty(path) || FileKinds.Of(path) == FileKind.Missing;

    /// <summary>The frame image resized to the size, or a dark grey canvas when there is no image file.</summary>
    /// <exception cref="AvatarDataException">The image exists but cannot be read (see <see cref="FrameImageFile"/>).</exception>
    private static RgbCanvas LoadPicture(string path, int width, int height, OverlayOptions options)
    {
        if (IsAbsent(path))
        {
            return new RgbCanvas(width, height, MissingImage);
        }
        using var image = FrameImageFile.Load(path, options.MaxPixels);
        if (image.Width != width || image.Height != height)
        {
            image.Mutate(context => context.Resize(new ResizeOptions
            {
                Size = new Size(width, height),
                Mode = ResizeMode.Stretch,
                Sampler = KnownResamplers.Bicubic,
            }));
        }
        return RgbCanvas.FromImage(image);
    }
}
