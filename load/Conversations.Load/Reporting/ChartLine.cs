namespace Conversations.Load.Reporting;

/// <summary>One line of an SVG chart: a name for the legend, a colour and its points.</summary>
public sealed record ChartLine(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);
