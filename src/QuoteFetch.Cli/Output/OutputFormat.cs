namespace QuoteFetch.Cli;

internal enum OutputFormat
{
    Table,
    Json,
    Csv,
    Ndjson,
}
