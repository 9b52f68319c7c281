using ScottPlot;
using SkiaSharp;

namespace QuoteFetch.Cli;

/// <summary>
/// Serves the font embedded in the program (Fonts/*.ttf) to ScottPlot under <see cref="FamilyName"/>, and nothing
/// else: other names fall through to ScottPlot's other resolvers and the machine's fonts.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>A name no installed font has, so the embedded font is never shadowed by one.</summary>
    public const string FamilyName = "QuoteFetch Sans";

    // Loaded once: a typeface is immutable and every plot in the process shares it.
    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    private static readonly Lock Registering = new();
    private static bool _registered;

    /// <summary>Puts the resolver first in ScottPlot's process-wide list, once; safe to call from any thread.</summary>
    public static void Register()
    {
        lock (Registering)
        {
            if (!_registered)
            {
                Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
                _registered = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == FamilyName ? (bold ? Bold : Regular).Value : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, italic: false);

    private static SKTypeface Load(string file)
    {
        using var stream =
            typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream("QuoteFetch.Cli.Plot." + file)
            ?? throw new InvalidOperationException($"the embedded font {file} is missing from the build");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"the embedded font {file} is not a font SkiaSharp can read");
    }
}
