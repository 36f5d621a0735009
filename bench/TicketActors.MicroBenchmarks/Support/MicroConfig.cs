using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace TicketActors.MicroBenchmarks.Support;

/// <summary>The one configuration of every micro-benchmark: a short job, allocations, GitHub Markdown and JSON in bench/results/micro.</summary>
public static class MicroConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 10;

    public static IConfig Create(string repositoryRoot)
    {
        var results = Path.Combine(repositoryRoot, "bench", "results", "micro");
        // A short job (one launch, 3 warm-up and 10 measured iterations) keeps a full run of every benchmark under
        // two minutes on 2 cores; the Error column says how much that costs in precision.
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount)
            // In process: the default toolchain generates and builds a project per run that references ours, found by
            // the assembly name; here it fails ("Unable to find ticketactors-micro": the csproj is named otherwise).
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("micro");
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddValidator([.. DefaultConfig.Instance.GetValidators()])
            .AddAnalyser([.. DefaultConfig.Instance.GetAnalysers()])
            .AddColumn(StatisticColumn.Median)
            .AddExporter(new ResultsFolderExporter(MarkdownExporter.GitHub, results, "-report-github.md"))
            .AddExporter(new ResultsFolderExporter(JsonExporter.Full, results, "-report-full.json"))
            // BenchmarkDotNet's own logs stay out of the results (the folder is ignored by git).
            .WithArtifactsPath(Path.Combine(repositoryRoot, "bench", "TicketActors.MicroBenchmarks", "BenchmarkDotNet.Artifacts"));
    }
}
