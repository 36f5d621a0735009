using ScottPlot;
using ScottPlot.TickGenerators;

namespace TicketActors.Benchmarks.InMemory;

/// <summary>
/// The two charts of the in-memory benchmark (ScottPlot): one line per design against the buyers on a logarithmic
/// axis; throughput on a linear axis from zero, p99 latency on a logarithmic one (it spans microseconds to seconds).
/// </summary>
public static class InMemoryChart
{
    public static void Save(IReadOnlyList<SaleSummary> summaries, IReadOnlyList<string> designs, int tickets, string folder)
    {
        Draw(summaries, designs, s => s.MedianRequestsPerSecond, logY: false, $"Selling {tickets:N0} tickets in memory: throughput",
            "purchase requests answered per second (median)", Path.Combine(folder, "inmemory-throughput.png"));
        Draw(summaries, designs, s => s.MedianP99Ms, logY: true, $"Selling {tickets:N0} tickets in memory: tail latency",
            "p99 reply latency, ms (median of runs)", Path.Combine(folder, "inmemory-p99.png"));
    }

    private static void Draw(IReadOnlyList<SaleSummary> summaries, IReadOnlyList<string> designs, Func<SaleSummary, double> value, bool logY, string title, string yLabel, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var allNames = SaleDesigns.All.Select(d => d.Name).ToList();
        var drawn = 0;
        foreach (var design in designs)
        {
            var points = summaries.Where(s => s.Design == design && s.Correct && value(s) > 0).OrderBy(s => s.Buyers).ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.Buyers)).ToArray(), points.Select(p => logY ? Math.Log10(value(p)) : value(p)).ToArray());
            line.LegendText = design;
            // A design keeps its colour whichever designs a run compares.
            line.Color = palette.GetColor(allNames.IndexOf(design));
            line.LineWidth = 2;
            line.MarkerSize = 7;
            drawn++;
        }
        plot.Title(title);
        plot.XLabel("concurrent buyers");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = LogTicks();
        if (logY)
        {
            plot.Axes.Left.TickGenerator = LogTicks();
        }
        else
        {
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                LabelFormatter = v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            };
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.05);
        }
        if (drawn == 0)
        {
            // Failed runs have no figures: say so, on fixed axes and without a legend (an empty legend left the
            // whole picture blank).
            plot.Add.Annotation("no correct run to draw: see the table");
            plot.Axes.SetLimits(0, 6, 0, 1);
        }
        else
        {
            plot.ShowLegend(Edge.Right);
        }
        plot.SavePng(path, 1100, 540);
    }

    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = exponent => Math.Pow(10, exponent) switch
        {
            >= 1 and var v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            var v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
