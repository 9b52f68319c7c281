using QuoteFetch.Cli;

using var interrupts = new Interrupts(Environment.Exit).Register();
return await QuoteFetchApp.RunAsync(args, CliConsole.FromProcess(), interrupts.Token);
