namespace QuoteFetch.Cli;

internal enum OutputOrder
{
    Input,
    Completion,
}
