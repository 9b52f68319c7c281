namespace QuoteFetch.Cli;

/// <summary>
/// One CSV row per position with the JSON's columns in snake_case and the base currency on each row, amounts rounded half-to-even for display (money and
/// percents to 2 places, rates to 6, quantities exact); text cells cleaned and formula-safe.
/// </summary>
internal static class PortfolioCsv
{
    public const string Header =
        "symbol,quantity,price,currency,value,value_currency,fx_rate,value_in_base,base_currency,cost,gain,"
        + "gain_percent,weight_percent,error_kind,error_message";

    public static async Task WriteAsync(PortfolioReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(Header).ConfigureAwait(false);
        foreach (var position in report.Positions)
        {
            await output.WriteLineAsync(Row(position, report.Valuation.BaseCurrency)).ConfigureAwait(false);
        }
        await output.FlushAsync().ConfigureAwait(false);
    }

    public static string Row(PositionValue position, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(position);
        return string.Join(
            ',',
            UntrustedText.ForCsv(position.Symbol),
            PortfolioNumbers.Quantity(position.Quantity),
            position.Price is { } price ? PortfolioNumbers.Price(price) : "",
            UntrustedText.ForCsv(position.Currency),
            Money(position.Value),
            UntrustedText.ForCsv(position.ValueCurrency),
            position.FxRate is { } rate ? PortfolioNumbers.Round(rate, PortfolioNumbers.RateDecimals) : "",
            Money(position.ValueInBase),
            baseCurrency,
            Money(position.Cost),
            Money(position.Gain),
            Money(position.GainPercent),
            Money(position.WeightPercent),
            position.Error?.Kind.ToWireName() ?? "",
            UntrustedText.ForCsv(position.Error?.Message)
        );
    }

    private static string Money(decimal? value) =>
        value is { } known ? PortfolioNumbers.Round(known, PortfolioNumbers.MoneyDecimals) : "";
}
