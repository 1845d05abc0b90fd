using Specula.Cli;

// `check` runs on the native engine when a publish ships one: see NativeCheck. Exec returns only if that failed.
if (NativeCheck.Find(args, AppContext.BaseDirectory, Environment.GetEnvironmentVariable(NativeCheck.Variable)) is { } engine)
{
    NativeCheck.Exec(engine, args, Console.Error);
}
return await SpeculaApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
