using System.Globalization;
using System.Text.RegularExpressions;

namespace QuoteFetch.Cli;

/// <summary>
/// Reads a holdings CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF): a header naming at least
/// <c>symbol</c> and <c>quantity</c> (and optionally <c>cost</c> and <c>currency</c>) in any order, extra columns
/// ignored, <c>#</c> comment lines and blank lines skipped. Numbers are plain decimals: exponents and thousands
/// separators are refused rather than guessed. A bad row is reported with its line and left out; the same symbol on
/// several rows becomes one position. Bounded: a record of at most <see cref="MaxRecordLength"/> characters, at most
/// <see cref="MaxRows"/> rows.
/// </summary>
internal static partial class HoldingsReader
{
    public const string StdinPath = "-";
    public const string StdinName = "<stdin>";

    /// <summary>The longest record (a row, quoted newlines included); longer is no holdings file.</summary>
    public const int MaxRecordLength = 64 * 1024;

    /// <summary>The most data rows one file may have.</summary>
    public const int MaxRows = 100_000;

    private static readonly string[] Columns = ["symbol", "quantity", "cost", "currency"];

    /// <exception cref="UsageException">The file cannot be read, has no usable header, or breaks a cap.</exception>
    public static HoldingsFile Read(string path, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(console);
        if (path == StdinPath)
        {
            if (!console.IsInputRedirected)
            {
                console.Error.WriteLine("quotefetch: reading holdings from standard input; end with Ctrl+D");
            }
            return Read(console.In, StdinName);
        }
        return InputFile.Read(path, reader => Read(reader, path), CannotRead);
    }

    /// <exception cref="UsageException">No usable header, or a cap broken.</exception>
    public static HoldingsFile Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new CsvRecords(reader, name);
        Dictionary<string, int>? header = null;
        var headerWidth = 0;
        var rows = new List<HoldingsRow>();
        var bySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<HoldingsProblem>();
        var notes = new List<HoldingsProblem>();
        var dataRows = 0;
        while (records.Next() is { } record)
        {
            if (header is null)
            {
                header = Header(record.Fields, name, record.Line);
                headerWidth = record.Fields.Count;
                continue;
            }
            if (++dataRows > MaxRows)
            {
                throw new UsageException(
                    $"{name} has more than {MaxRows} rows",
                    "split it and run quotefetch portfolio once for each part"
                );
            }
            if (Row(record.Fields, header, headerWidth, out var problem) is not { } holding)
            {
                errors.Add(new HoldingsProblem(record.Line, problem!));
                continue;
            }
            if (!bySymbol.TryGetValue(holding.Symbol, out var at))
            {
                bySymbol[holding.Symbol] = rows.Count;
                rows.Add(new HoldingsRow(holding, [record.Line]));
                continue;
            }
            var earlier = rows[at];
            if (
                holding.Currency is { } currency
                && earlier.Holding.Currency is { } first
                && !string.Equals(currency, first, StringComparison.Ordinal)
            )
            {
                errors.Add(
                    new HoldingsProblem(
                        record.Line,
                        $"{holding.Symbol} is in {first} on line {earlier.Lines[0]} but in {currency} here; "
                            + "one position has one currency"
                    )
                );
                continue;
            }
            var costNote =
                (holding.Cost is null) != (earlier.Holding.Cost is null)
                    ? "; only some of its rows have a cost, so it has none"
                    : "";
            rows[at] = new HoldingsRow(
                earlier.Holding with
                {
                    Quantity = earlier.Holding.Quantity + holding.Quantity,
                    Cost = earlier.Holding.Cost + holding.Cost,
                    Currency = earlier.Holding.Currency ?? holding.Currency,
                },
                [.. earlier.Lines, record.Line]
            );
            notes.Add(
                new HoldingsProblem(
                    record.Line,
                    $"{holding.Symbol} is also on line {earlier.Lines[0]}: added into one position{costNote}"
                )
            );
        }
        if (header is null)
        {
            throw new UsageException(
                $"{name} has no header (only blank or comment lines)",
                "start it with a header line such as symbol,quantity,cost"
            );
        }
        return new HoldingsFile(name, rows, errors, notes);
    }

    private static UsageException CannotRead(string path, string reason) =>
        new($"cannot read holdings file '{path}': {reason}", "check the path, or use '-' to read standard input");

    private static Dictionary<string, int> Header(List<string> fields, string name, long line)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            // A byte-order mark survives on standard input (a file's is read away): spreadsheets write one.
            var column = fields[i].Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();
            if (Array.IndexOf(Columns, column) < 0)
            {
                continue; // extra columns (notes, account) are the user's own
            }
            if (!header.TryAdd(column, i))
            {
                throw new UsageException(
                    $"{name}:{line}: the header names the column '{column}' twice",
                    "keep one of them"
                );
            }
        }
        if (!header.ContainsKey("symbol") || !header.ContainsKey("quantity"))
        {
            var found = string.Join(",", fields.Take(8).Select(field => UntrustedText.ForTerminal(field.Trim())));
            // A header may be 65,536 characters of something else; the start is enough to recognise it.
            found = found.Length > 100 ? found[..100] + "…" : found;
            throw new UsageException(
                $"{name}:{line}: the header must name the columns symbol and quantity, not '{found}'",
                found.Contains(';', StringComparison.Ordinal)
                || fields.Any(field => field.Contains('\t', StringComparison.Ordinal))
                    ? "the fields are separated by commas; a spreadsheet saving with ';' or tabs needs CSV with commas"
                    : "start the file with a header such as symbol,quantity,cost,currency"
            );
        }
        return header;
    }

    private static Holding? Row(
        List<string> fields,
        Dictionary<string, int> header,
        int headerWidth,
        out string? problem
    )
    {
        // Not ignored: "AAPL,1,000" under symbol,quantity would otherwise be 1 share instead of 1000.
        if (fields.Count > headerWidth && fields.Skip(headerWidth).Any(field => field.Trim().Length > 0))
        {
            problem =
                $"{fields.Count} fields, but the header has {headerWidth} (a comma inside a number? write 1000, "
                + "not 1,000, or quote the field)";
            return null;
        }
        string Field(string column) =>
            header.TryGetValue(column, out var index) && index < fields.Count ? fields[index].Trim() : "";

        var symbolText = Field("symbol");
        if (symbolText.Length == 0)
        {
            problem = "missing symbol";
            return null;
        }
        if (Holding.SymbolProblem(symbolText) is { } invalid)
        {
            problem = UntrustedText.ForTerminal(invalid);
            return null;
        }
        var symbol = QuoteClient.NormalizeSymbols([symbolText])[0];
        var quantityText = Field("quantity");
        if (quantityText.Length == 0)
        {
            problem = $"{symbol}: missing quantity";
            return null;
        }
        if (Number(quantityText, "quantity", out problem) is not { } quantity)
        {
            problem = $"{symbol}: {problem}";
            return null;
        }
        decimal? cost = null;
        if (Field("cost") is { Length: > 0 } costText)
        {
            if (Number(costText, "cost", out problem) is not { } parsed)
            {
                problem = $"{symbol}: {problem}";
                return null;
            }
            cost = parsed;
        }
        string? currency = null;
        if (Field("currency") is { Length: > 0 } currencyText)
        {
            if (currencyText.Length != 3 || !currencyText.All(char.IsAsciiLetter))
            {
                problem =
                    $"{symbol}: currency '{UntrustedText.ForTerminal(currencyText)}' is not a three-letter code "
                    + "(e.g. USD, or GBp for pence)";
                return null;
            }
            currency = CurrencyUnits.IsMinor(currencyText) ? currencyText : currencyText.ToUpperInvariant();
        }
        problem = null;
        return new Holding
        {
            Symbol = symbol,
            Quantity = quantity,
            Cost = cost,
            Currency = currency,
        };
    }

    /// <summary>A plain, non-negative decimal: 12, 0.5, .25; anything else says what is wrong and what to write.</summary>
    internal static decimal? Number(string text, string column, out string? problem)
    {
        var shown = UntrustedText.ForTerminal(text);
        if (PlainNumber().IsMatch(text))
        {
            // The pattern allows a leading '+', which AllowDecimalPoint alone would refuse as "too large".
            if (
                decimal.TryParse(
                    text.TrimStart('+'),
                    NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture,
                    out var value
                )
            )
            {
                // decimal rounds past its 28-29 significant digits without a word; a rounded quantity is a guess.
                if (Canonical(text.TrimStart('+')) != Canonical(value.ToString(CultureInfo.InvariantCulture)))
                {
                    problem =
                        $"{column} '{shown}' has more digits than exact decimal arithmetic holds; round it to "
                        + "28 significant digits or fewer";
                    return null;
                }
                problem = null;
                return value;
            }
            problem = $"{column} '{shown}' is too large";
            return null;
        }
        if (text.StartsWith('-') && PlainNumber().IsMatch(text[1..]))
        {
            problem = $"{column} '{shown}' is negative (short positions are not supported)";
            return null;
        }
        if (
            ExponentNumber().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exponent)
        )
        {
            problem =
                $"{column} '{shown}' is in exponent notation; write it as a plain decimal "
                + $"({exponent.ToString(CultureInfo.InvariantCulture)})";
            return null;
        }
        if (Grouped().IsMatch(text))
        {
            var digits = new string([.. text.Where(c => char.IsAsciiDigit(c) || c == '.')]);
            problem = $"{column} '{shown}' has a thousands separator; write it without one ({digits})";
            return null;
        }
        if (text.Contains(',', StringComparison.Ordinal))
        {
            problem =
                $"{column} '{shown}' has a comma; write a decimal point and no thousands separators (e.g. 1234.5)";
            return null;
        }
        problem = $"{column} '{shown}' is not a number";
        return null;
    }

    // The digits a plain number means, without leading zeros or trailing fraction zeros: 012.50 and 12.5 are one.
    private static string Canonical(string number)
    {
        if (number.Contains('.', StringComparison.Ordinal))
        {
            number = number.TrimEnd('0').TrimEnd('.');
        }
        number = number.TrimStart('0');
        return number.Length == 0 ? "0"
            : number[0] == '.' ? "0" + number
            : number;
    }

    [GeneratedRegex(@"^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ExponentNumber();

    // 1,000  1 000  1'000  1_000 (and 1,000.50): digits in groups of three after the first.
    [GeneratedRegex(@"^[0-9]{1,3}(?:[,' _\u00A0\u202F][0-9]{3})+(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grouped();
}
