using System.Globalization;
using System.Net;
using System.Text;

namespace Conversations.Load.Reporting;

/// <summary>Draws a line chart as self-contained SVG (no script, no fonts to fetch), so reports open offline.</summary>
public static class SvgChart
{
    private const int Width = 760;
    private const int Height = 260;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 30;
    private const int Bottom = 40;

    /// <param name="shade">An x range to shade (the spike), or null.</param>
    /// <param name="xMax">The right end of the x axis, so charts of one report line up; else the largest x.</param>
    public static string Render(string title, string yUnit, IReadOnlyList<ChartLine> lines, (double From, double To)? shade = null, double? xMax = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(lines);
        var points = lines.SelectMany(l => l.Points).ToList();
        double maxX = xMax is > 0 ? xMax.Value : points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.X));
        double maxY = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        double plotW = Width - Left - Right;
        double plotH = Height - Top - Bottom;
        string X(double x) => F(Left + (x / maxX * plotW));
        string Y(double y) => F(Top + plotH - (y / maxY * plotH));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"13\" font-weight=\"bold\">{Escape(title)}</text>");
        if (shade is { } s && s.To > s.From)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{X(Math.Min(s.From, maxX))}\" y=\"{Top}\" width=\"{F((Math.Min(s.To, maxX) - Math.Min(s.From, maxX)) / maxX * plotW)}\" height=\"{F(plotH)}\" fill=\"#fde8d0\"><title>spike</title></rect>");
        }

        for (int i = 0; i <= 4; i++)
        {
            double y = maxY * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(y)}\" y2=\"{Y(y)}\" stroke=\"#e5e5e5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(double.Parse(Y(y), CultureInfo.InvariantCulture) + 4)}\" text-anchor=\"end\">{Escape(Short(y))}</text>");
        }

        for (int i = 0; i <= 6; i++)
        {
            double x = maxX * i / 6;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Escape(Short(x))} s</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"14\" y=\"{Top + (plotH / 2)}\" transform=\"rotate(-90 14 {F(Top + (plotH / 2))})\" text-anchor=\"middle\">{Escape(yUnit)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotW)}\" height=\"{F(plotH)}\" fill=\"none\" stroke=\"#999\"/>");

        double legendX = Left;
        foreach (ChartLine line in lines)
        {
            if (line.Points.Count > 0)
            {
                string path = string.Join(" ", line.Points.Select(p => $"{X(p.X)},{Y(p.Y)}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Escape(line.Color)}\" stroke-width=\"1.6\" points=\"{path}\"><title>{Escape(line.Name)}</title></polyline>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(legendX)}\" y=\"{Height - 14}\" width=\"10\" height=\"10\" fill=\"{Escape(line.Color)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(legendX + 14)}\" y=\"{Height - 5}\">{Escape(line.Name)}</text>");
            legendX += 24 + (line.Name.Length * 6.5);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (value <= step * magnitude)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Short(double v) => v switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        _ => v.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
