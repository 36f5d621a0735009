using BenchmarkDotNet.Running;
using TicketActors.MicroBenchmarks.Support;

// ticketactors-micro [BenchmarkDotNet options], e.g. --filter '*' (everything) or --filter '*Serializ*'; see bench/README.md.
var config = MicroConfig.Create(RepositoryRoot.Find());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
