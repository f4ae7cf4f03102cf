using BenchmarkDotNet.Running;
using Conversations.Benchmarks.Quick;

if (args.Length > 0 && args[0] == "quick")
{
    return await QuickBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "silos")
{
    return await SiloScalingBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "domain")
{
    return await DomainBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "bot-eval")
{
    return BotEvaluationCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(QuickBenchmark).Assembly).Run(args);
return 0;
