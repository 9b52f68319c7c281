using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QuoteFetch.Cli;

/// <summary>
/// The cache file: one SQLite database, shared by every quotefetch process of the user (WAL, a busy timeout, one short
/// transaction per write). The cache is an optimisation: whatever goes wrong with it is one warning on standard error
/// and the run goes on without it, never a failed run.
/// </summary>
internal sealed class CacheStore : IDisposable
{
    /// <summary>The schema this build reads and writes; <see cref="Migrations"/>[n] takes a file from version n to n+1.</summary>
    public const int SchemaVersion = 1;

    /// <summary>How long a write waits for another process's transaction before it gives up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Migrations =
    [
        """
            CREATE TABLE quotes (
                base_url TEXT NOT NULL,
                symbol TEXT NOT NULL,
                answered_symbol TEXT NOT NULL,
                price TEXT NOT NULL,
                currency TEXT,
                exchange TEXT,
                instrument_type TEXT,
                market_time INTEGER,
                previous_close TEXT,
                price_hint INTEGER,
                max_age_ms INTEGER,
                fetched_at INTEGER NOT NULL,
                PRIMARY KEY (base_url, symbol)
            );
            CREATE TABLE history_series (
                id INTEGER PRIMARY KEY,
                base_url TEXT NOT NULL,
                symbol TEXT NOT NULL,
                interval TEXT NOT NULL,
                events INTEGER NOT NULL,
                answered_symbol TEXT NOT NULL,
                currency TEXT,
                exchange TEXT,
                time_zone_name TEXT,
                zone TEXT NOT NULL,
                price_hint INTEGER,
                covered_from TEXT NOT NULL,
                covered_to TEXT NOT NULL,
                fetched_at INTEGER NOT NULL,
                UNIQUE (base_url, symbol, interval, events)
            );
            CREATE TABLE history_bars (
                series_id INTEGER NOT NULL REFERENCES history_series (id) ON DELETE CASCADE,
                day TEXT NOT NULL,
                time INTEGER NOT NULL,
                offset_minutes INTEGER NOT NULL,
                open TEXT,
                high TEXT,
                low TEXT,
                close TEXT,
                adjusted_close TEXT,
                volume INTEGER,
                PRIMARY KEY (series_id, day)
            );
            CREATE TABLE history_events (
                series_id INTEGER NOT NULL REFERENCES history_series (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                day TEXT NOT NULL,
                amount TEXT,
                numerator TEXT,
                denominator TEXT,
                PRIMARY KEY (series_id, kind, day)
            );
            """,
    ];

    private readonly SqliteConnection _connection;
    private readonly TextWriter _error;
    private readonly Lock _lock = new();
    private bool _broken;
    private SqliteTransaction? _transaction;

    private CacheStore(SqliteConnection connection, string path, TextWriter error)
    {
        _connection = connection;
        FilePath = path;
        _error = error;
    }

    public string FilePath { get; }

    /// <summary>
    /// Opens (or creates) the cache in <paramref name="directory"/>. A file that is not a database, is damaged or has a
    /// schema this build cannot migrate is moved aside and a new one started; a directory or file that cannot be
    /// written turns the cache off. Either way one line goes to <paramref name="error"/>.
    /// </summary>
    /// <returns>The store, or null: no cache for this run.</returns>
    public static CacheStore? Open(string directory, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(error);
        var path = Path.Combine(directory, CacheLocation.FileName);
        try
        {
            Directory.CreateDirectory(directory);
            try
            {
                return OpenFile(path, error);
            }
            catch (Exception ex) when (IsDamaged(ex))
            {
                var aside = MoveAside(path);
                error.WriteLine(
                    $"quotefetch: the cache file '{path}' could not be used ({Reason(ex)}); moved it to '{aside}' "
                        + "and started a new one"
                );
                return OpenFile(path, error);
            }
        }
        catch (NewerSchemaException ex)
        {
            error.WriteLine($"quotefetch: {ex.Message}; running without the cache (--no-cache hides this)");
            return null;
        }
        catch (Exception ex)
            when (ex
                    is DllNotFoundException
                        or EntryPointNotFoundException
                        or BadImageFormatException
                        or TypeInitializationException
            )
        {
            // A build for a runtime whose libe_sqlite3 was left out (see QuoteFetch.Cli.csproj), or a binary copied alone.
            error.WriteLine(
                "quotefetch: cannot use the cache (SQLite's native library, e_sqlite3, could not be loaded); "
                    + "running without the cache (--no-cache hides this)"
            );
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(
                $"quotefetch: cannot use the cache in '{directory}' ({Reason(ex)}); running without the cache "
                    + $"(set {CacheLocation.DirectoryVariable} to a writable directory, or pass --no-cache)"
            );
            return null;
        }
    }

    private static CacheStore OpenFile(string path, TextWriter error)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                // One connection per run; unpooled, so closing it closes the file (a damaged file can then be moved).
                Pooling = false,
                DefaultTimeout = (int)BusyTimeout.TotalSeconds,
            }.ToString()
        );
        try
        {
            connection.Open();
            // synchronous OFF: a commit waits for no disk flush (each cost this machine ~10 ms per run). A cache may
            // lose its last writes to a power cut; a file damaged that way is moved aside and rebuilt.
            Execute(
                connection,
                $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; "
                    + "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;"
            );
            Migrate(connection, path);
            return new CacheStore(connection, path, error);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        // The usual case reads one row and writes nothing: a write here would cost every run a checkpoint at close.
        if (
            Scalar(
                connection,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
                null
            )
                is 1L
            && Scalar(connection, "SELECT max(version) FROM schema_version", null) is long current
            && current == SchemaVersion
        )
        {
            return;
        }
        // IMMEDIATE: two processes creating the file at once take turns; the second sees the first's tables.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", transaction);
        var version = Scalar(connection, "SELECT max(version) FROM schema_version", transaction) is long stored
            ? (int)stored
            : 0;
        if (
            version == 0
            && Scalar(
                connection,
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version'",
                transaction
            )
                is > 0L
        )
        {
            throw new InvalidDataException("tables without a schema version");
        }
        if (version > SchemaVersion)
        {
            throw new NewerSchemaException(
                $"the cache file '{path}' has schema version {version}, newer than this quotefetch's "
                    + $"{SchemaVersion} (a newer quotefetch wrote it)"
            );
        }
        for (; version < SchemaVersion; version++)
        {
            Execute(connection, Migrations[version], transaction);
        }
        Execute(connection, "DELETE FROM schema_version", transaction);
        Execute(
            connection,
            string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({version})"),
            transaction
        );
        transaction.Commit();
    }

    private static bool IsDamaged(Exception ex) =>
        ex is InvalidDataException
        || ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT };

    private static string MoveAside(string path)
    {
        var aside = path + ".broken-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.Move(path, aside);
        }
        catch (FileNotFoundException)
        {
            // Another quotefetch found it damaged at the same moment and moved it first.
            return aside;
        }
        foreach (var suffix in (string[])["-wal", "-shm"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }
        return aside;
    }

    private static string Reason(Exception ex) =>
        UntrustedText.ForTerminal(
            ex is SqliteException sqlite
                ? SQLitePCL.raw.sqlite3_errstr(sqlite.SqliteErrorCode).utf8_to_string()
                : ex.Message.TrimEnd('.')
        );

    /// <summary>A fresh-enough quote, or null (also when the cache has stopped working).</summary>
    public CachedQuote? FindQuote(string baseUrl, string symbol) =>
        Guard<CachedQuote?>(
            () =>
            {
                using var command = Command(
                    """
                    SELECT answered_symbol, price, currency, exchange, instrument_type, market_time, previous_close,
                           price_hint, max_age_ms, fetched_at
                    FROM quotes WHERE base_url = $base AND symbol = $symbol
                    """
                );
                command.Parameters.AddWithValue("$base", baseUrl);
                command.Parameters.AddWithValue("$symbol", symbol);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }
                var quote = new Quote
                {
                    Symbol = reader.GetString(0),
                    Price = Decimal(reader.GetString(1)),
                    Currency = NullableString(reader, 2),
                    Exchange = NullableString(reader, 3),
                    InstrumentType = NullableString(reader, 4),
                    MarketTime = reader.IsDBNull(5)
                        ? null
                        : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    PreviousClose = reader.IsDBNull(6) ? null : Decimal(reader.GetString(6)),
                    PriceHint = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    MaxAge = reader.IsDBNull(8) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(8)),
                };
                return new CachedQuote(quote, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
            },
            null
        );

    /// <summary>Stores quotes, all asked for at <paramref name="fetchedAt"/>, in one transaction.</summary>
    public void SaveQuotes(
        string baseUrl,
        IReadOnlyList<(string Symbol, Quote Quote)> quotes,
        DateTimeOffset fetchedAt
    ) =>
        Guard(
            () =>
                InTransaction(() =>
                {
                    using var command = Command(
                        """
                        INSERT OR REPLACE INTO quotes (base_url, symbol, answered_symbol, price, currency, exchange,
                            instrument_type, market_time, previous_close, price_hint, max_age_ms, fetched_at)
                        VALUES ($base, $symbol, $answered, $price, $currency, $exchange, $type, $time, $previous,
                            $hint, $maxAge, $fetchedAt)
                        """
                    );
                    foreach (var (symbol, quote) in quotes)
                    {
                        command.Parameters.Clear();
                        command.Parameters.AddWithValue("$base", baseUrl);
                        command.Parameters.AddWithValue("$symbol", symbol);
                        command.Parameters.AddWithValue("$answered", quote.Symbol);
                        command.Parameters.AddWithValue("$price", Text(quote.Price));
                        command.Parameters.AddWithValue("$currency", (object?)quote.Currency ?? DBNull.Value);
                        command.Parameters.AddWithValue("$exchange", (object?)quote.Exchange ?? DBNull.Value);
                        command.Parameters.AddWithValue("$type", (object?)quote.InstrumentType ?? DBNull.Value);
                        command.Parameters.AddWithValue(
                            "$time",
                            quote.MarketTime is { } time ? time.ToUnixTimeMilliseconds() : DBNull.Value
                        );
                        command.Parameters.AddWithValue("$previous", Text(quote.PreviousClose));
                        command.Parameters.AddWithValue("$hint", (object?)quote.PriceHint ?? DBNull.Value);
                        command.Parameters.AddWithValue(
                            "$maxAge",
                            quote.MaxAge is { } maxAge ? (long)maxAge.TotalMilliseconds : DBNull.Value
                        );
                        command.Parameters.AddWithValue("$fetchedAt", fetchedAt.ToUnixTimeMilliseconds());
                        command.ExecuteNonQuery();
                    }
                    return true;
                }),
            false
        );

    /// <summary>What is stored of one history series (symbol, interval and events, from one source).</summary>
    public HistorySeries? FindSeries(HistoryKey key) =>
        Guard<HistorySeries?>(
            () =>
            {
                using var command = Command(
                    """
                    SELECT id, answered_symbol, currency, exchange, time_zone_name, zone, price_hint, covered_from,
                           covered_to
                    FROM history_series
                    WHERE base_url = $base AND symbol = $symbol AND interval = $interval AND events = $events
                    """
                );
                AddKey(command, key);
                using var reader = command.ExecuteReader();
                return reader.Read()
                    ? new HistorySeries(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        NullableString(reader, 2),
                        NullableString(reader, 3),
                        NullableString(reader, 4),
                        Zones.Parse(reader.GetString(5)),
                        reader.IsDBNull(6) ? null : reader.GetInt32(6),
                        Day(reader.GetString(7)),
                        Day(reader.GetString(8))
                    )
                    : null;
            },
            null
        );

    /// <summary>The stored bars and events of days <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public StoredDays? ReadDays(HistorySeries series, DateOnly from, DateOnly to) =>
        Guard<StoredDays?>(
            () =>
            {
                var bars = new List<PriceBar>();
                using (
                    var command = Command(
                        """
                        SELECT time, offset_minutes, open, high, low, close, adjusted_close, volume FROM history_bars
                        WHERE series_id = $id AND day >= $from AND day <= $to ORDER BY day
                        """
                    )
                )
                {
                    AddRange(command, series.Id, from, to);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        bars.Add(
                            new PriceBar
                            {
                                Time = DateTimeOffset
                                    .FromUnixTimeSeconds(reader.GetInt64(0))
                                    .ToOffset(TimeSpan.FromMinutes(reader.GetInt32(1))),
                                Open = NullableDecimal(reader, 2),
                                High = NullableDecimal(reader, 3),
                                Low = NullableDecimal(reader, 4),
                                Close = NullableDecimal(reader, 5),
                                AdjustedClose = NullableDecimal(reader, 6),
                                Volume = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                            }
                        );
                    }
                }
                var dividends = new List<Dividend>();
                var splits = new List<Split>();
                using (
                    var command = Command(
                        """
                        SELECT kind, day, amount, numerator, denominator FROM history_events
                        WHERE series_id = $id AND day >= $from AND day <= $to ORDER BY day
                        """
                    )
                )
                {
                    AddRange(command, series.Id, from, to);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        var day = Day(reader.GetString(1));
                        if (reader.GetString(0) == "dividend")
                        {
                            dividends.Add(new Dividend { Date = day, Amount = Decimal(reader.GetString(2)) });
                        }
                        else
                        {
                            splits.Add(
                                new Split
                                {
                                    Date = day,
                                    Numerator = Decimal(reader.GetString(3)),
                                    Denominator = Decimal(reader.GetString(4)),
                                }
                            );
                        }
                    }
                }
                return new StoredDays(bars, dividends, splits);
            },
            null
        );

    /// <summary>
    /// Stores the bars and events of <paramref name="history"/> dated <paramref name="from"/> to <paramref name="to"/>
    /// (closed days) and marks those days known. Days next to or overlapping what is stored extend it; otherwise, or
    /// with <paramref name="replace"/>, what was stored before is dropped, so the known days stay one unbroken span.
    /// </summary>
    public void SaveDays(
        HistoryKey key,
        PriceHistory history,
        DateOnly from,
        DateOnly to,
        bool replace,
        DateTimeOffset now
    ) =>
        Guard(
            () =>
                InTransaction(() =>
                {
                    SaveDaysIn(key, history, from, to, replace, now);
                    return true;
                }),
            false
        );

    private void SaveDaysIn(
        HistoryKey key,
        PriceHistory history,
        DateOnly from,
        DateOnly to,
        bool replace,
        DateTimeOffset now
    )
    {
        var existing = replace ? null : FindSeries(key);
        long id;
        if (existing is not null && from.DayNumber <= existing.CoveredTo.DayNumber + 1 && to >= existing.CoveredFrom)
        {
            id = existing.Id;
            from = from < existing.CoveredFrom ? from : existing.CoveredFrom;
            to = to > existing.CoveredTo ? to : existing.CoveredTo;
        }
        else
        {
            using var delete = Command(
                """
                DELETE FROM history_series
                WHERE base_url = $base AND symbol = $symbol AND interval = $interval AND events = $events
                """
            );
            AddKey(delete, key);
            delete.ExecuteNonQuery();
            using var insert = Command(
                """
                INSERT INTO history_series (base_url, symbol, interval, events, answered_symbol, zone,
                    covered_from, covered_to, fetched_at)
                VALUES ($base, $symbol, $interval, $events, '', 'UTC', '', '', 0) RETURNING id
                """
            );
            AddKey(insert, key);
            id = (long)insert.ExecuteScalar()!;
        }
        using (
            var update = Command(
                """
                UPDATE history_series SET answered_symbol = $answered, currency = $currency,
                    exchange = $exchange, time_zone_name = $zoneName, zone = $zone, price_hint = $hint,
                    covered_from = $from, covered_to = $to, fetched_at = $now
                WHERE id = $id
                """
            )
        )
        {
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$answered", history.Symbol);
            update.Parameters.AddWithValue("$currency", (object?)history.Currency ?? DBNull.Value);
            update.Parameters.AddWithValue("$exchange", (object?)history.Exchange ?? DBNull.Value);
            update.Parameters.AddWithValue("$zoneName", (object?)history.TimeZoneName ?? DBNull.Value);
            update.Parameters.AddWithValue("$zone", Zones.Format(history.TimeZone));
            update.Parameters.AddWithValue("$hint", (object?)history.PriceHint ?? DBNull.Value);
            update.Parameters.AddWithValue("$from", Iso(from));
            update.Parameters.AddWithValue("$to", Iso(to));
            update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            update.ExecuteNonQuery();
        }
        using (
            var bar = Command(
                """
                INSERT OR REPLACE INTO history_bars (series_id, day, time, offset_minutes, open, high, low, close,
                    adjusted_close, volume)
                VALUES ($id, $day, $time, $offset, $open, $high, $low, $close, $adjusted, $volume)
                """
            )
        )
        {
            foreach (var item in history.Bars)
            {
                var day = DateOnly.FromDateTime(item.Time.DateTime);
                if (day < from || day > to)
                {
                    continue;
                }
                bar.Parameters.Clear();
                bar.Parameters.AddWithValue("$id", id);
                bar.Parameters.AddWithValue("$day", Iso(day));
                bar.Parameters.AddWithValue("$time", item.Time.ToUnixTimeSeconds());
                bar.Parameters.AddWithValue("$offset", (int)item.Time.Offset.TotalMinutes);
                bar.Parameters.AddWithValue("$open", Text(item.Open));
                bar.Parameters.AddWithValue("$high", Text(item.High));
                bar.Parameters.AddWithValue("$low", Text(item.Low));
                bar.Parameters.AddWithValue("$close", Text(item.Close));
                bar.Parameters.AddWithValue("$adjusted", Text(item.AdjustedClose));
                bar.Parameters.AddWithValue("$volume", (object?)item.Volume ?? DBNull.Value);
                bar.ExecuteNonQuery();
            }
        }
        using (
            var stored = Command(
                """
                INSERT OR REPLACE INTO history_events (series_id, kind, day, amount, numerator, denominator)
                VALUES ($id, $kind, $day, $amount, $numerator, $denominator)
                """
            )
        )
        {
            var events = history
                .Dividends.Select(d => ("dividend", d.Date, (decimal?)d.Amount, (decimal?)null, (decimal?)null))
                .Concat(
                    history.Splits.Select(s =>
                        ("split", s.Date, (decimal?)null, (decimal?)s.Numerator, (decimal?)s.Denominator)
                    )
                );
            foreach (var (kind, day, amount, numerator, denominator) in events)
            {
                if (day < from || day > to)
                {
                    continue;
                }
                stored.Parameters.Clear();
                stored.Parameters.AddWithValue("$id", id);
                stored.Parameters.AddWithValue("$kind", kind);
                stored.Parameters.AddWithValue("$day", Iso(day));
                stored.Parameters.AddWithValue("$amount", Text(amount));
                stored.Parameters.AddWithValue("$numerator", Text(numerator));
                stored.Parameters.AddWithValue("$denominator", Text(denominator));
                stored.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Entries per kind, with the oldest and newest write, for <c>cache info</c>.</summary>
    public IReadOnlyList<CacheKindInfo> Info() =>
        Guard(
            () =>
                (IReadOnlyList<CacheKindInfo>)
                    [
                        KindInfo("quotes", "SELECT count(*), min(fetched_at), max(fetched_at) FROM quotes"),
                        KindInfo("history", "SELECT count(*), min(fetched_at), max(fetched_at) FROM history_series"),
                        KindInfo("history bars", "SELECT count(*), NULL, NULL FROM history_bars"),
                    ],
            []
        );

    private CacheKindInfo KindInfo(string kind, string sql)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new CacheKindInfo(
            kind,
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))
        );
    }

    /// <summary>Drops every entry written before <paramref name="before"/> (all with null); returns how many.</summary>
    public long Clear(DateTimeOffset? before) =>
        Guard(
            () =>
            {
                var cutoff = before?.ToUnixTimeMilliseconds() ?? long.MaxValue;
                var removed = InTransaction(() =>
                {
                    using var quotes = Command("DELETE FROM quotes WHERE fetched_at < $cutoff");
                    quotes.Parameters.AddWithValue("$cutoff", cutoff);
                    long count = quotes.ExecuteNonQuery();
                    using var series = Command("DELETE FROM history_series WHERE fetched_at < $cutoff");
                    series.Parameters.AddWithValue("$cutoff", cutoff);
                    return count + series.ExecuteNonQuery();
                });
                if (before is null)
                {
                    // Give the space back: a cleared cache should be small on disk too.
                    Execute(_connection, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
                }
                return removed;
            },
            0L
        );

    /// <summary>The database file and its write-ahead log, in bytes.</summary>
    public long SizeInBytes() =>
        new[] { FilePath, FilePath + "-wal" }.Where(File.Exists).Sum(path => new FileInfo(path).Length);

    // Every use after open: a failure turns the cache off for the rest of the run, with one warning.
    private T Guard<T>(Func<T> work, T fallback)
    {
        lock (_lock)
        {
            if (_broken)
            {
                return fallback;
            }
            try
            {
                return work();
            }
            catch (Exception ex)
                when (ex
                        is SqliteException
                            or IOException
                            or FormatException
                            or OverflowException
                            or InvalidDataException
                            // A stored time or max-age out of range (DateTimeOffset, TimeSpan), a value of the
                            // wrong type: damage, as a bad price text is.
                            or ArgumentOutOfRangeException
                            or InvalidCastException
                )
            {
                _broken = true;
                _error.WriteLine(
                    $"quotefetch: the cache '{FilePath}' stopped working ({Reason(ex)}); going on without it"
                );
                return fallback;
            }
        }
    }

    // One write transaction: the commands made by Command inside work join it; it commits when work returns.
    private T InTransaction<T>(Func<T> work)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _transaction = transaction;
        try
        {
            var result = work();
            transaction.Commit();
            return result;
        }
        finally
        {
            _transaction = null;
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    private static void AddKey(SqliteCommand command, HistoryKey key)
    {
        command.Parameters.AddWithValue("$base", key.BaseUrl);
        command.Parameters.AddWithValue("$symbol", key.Symbol);
        command.Parameters.AddWithValue("$interval", key.Interval);
        command.Parameters.AddWithValue("$events", key.Events ? 1 : 0);
    }

    private static void AddRange(SqliteCommand command, long id, DateOnly from, DateOnly to)
    {
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$from", Iso(from));
        command.Parameters.AddWithValue("$to", Iso(to));
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    // Decimals as their exact text: 129.0399932861328 and 1.50 come back as they went in, scale included.
    private static object Text(decimal? value) =>
        value is { } number ? number.ToString(CultureInfo.InvariantCulture) : DBNull.Value;

    private static decimal Decimal(string text) =>
        decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal? NullableDecimal(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Decimal(reader.GetString(ordinal));

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _connection.Dispose();

    private sealed class NewerSchemaException(string message) : Exception(message);
}

/// <summary>A stored quote and when it was asked for.</summary>
internal sealed record CachedQuote(Quote Quote, DateTimeOffset FetchedAt);

/// <summary>Everything that changes a history answer, and the source it came from.</summary>
internal sealed record HistoryKey(string BaseUrl, string Symbol, string Interval, bool Events);

/// <summary>One stored history series: what the last answer said about the instrument, and the days known.</summary>
internal sealed record HistorySeries(
    long Id,
    string AnsweredSymbol,
    string? Currency,
    string? Exchange,
    string? TimeZoneName,
    TimeZoneInfo TimeZone,
    int? PriceHint,
    DateOnly CoveredFrom,
    DateOnly CoveredTo
);

internal sealed record StoredDays(List<PriceBar> Bars, List<Dividend> Dividends, List<Split> Splits);

internal sealed record CacheKindInfo(string Kind, long Entries, DateTimeOffset? Oldest, DateTimeOffset? Newest);

/// <summary>A history's zone as stored: an IANA name this machine knows, else a fixed offset.</summary>
internal static class Zones
{
    public static string Format(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc ? "UTC"
        : TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out _) ? zone.Id
        : string.Create(CultureInfo.InvariantCulture, $"{(int)zone.BaseUtcOffset.TotalMinutes}");

    public static TimeZoneInfo Parse(string text) =>
        text == "UTC" ? TimeZoneInfo.Utc
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes)
            ? TimeZoneInfo.CreateCustomTimeZone(text, TimeSpan.FromMinutes(minutes), text, text)
        : TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) ? zone
        : TimeZoneInfo.Utc;
}
