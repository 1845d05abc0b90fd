using Specula.Cli;

return await SpeculaApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
