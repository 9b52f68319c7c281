using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QuoteFetch.Cli;

/// <summary>
/// The cache file: one SQLite database, shared by every quotefetch process of the user (WAL, a busy timeout, short
/// transactions). History, the bulk of what is written and read, goes through statements prepared once per run
/// (<see cref="CacheStatement"/>). The cache is an optimisation: whatever goes wrong with it is one warning on standard error
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
    private readonly Dictionary<string, CacheStatement> _prepared = new(StringComparer.Ordinal);

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
    public HistorySeries? FindSeries(HistoryKey key) => Guard(() => FindSeriesIn(key), null);

    private HistorySeries? FindSeriesIn(HistoryKey key)
    {
        var find = Prepared(
            """
            SELECT id, answered_symbol, currency, exchange, time_zone_name, zone, price_hint, covered_from, covered_to
            FROM history_series WHERE base_url = ?1 AND symbol = ?2 AND interval = ?3 AND events = ?4
            """
        );
        try
        {
            BindKey(find, key);
            return find.Step()
                ? new HistorySeries(
                    find.Int64(0),
                    find.String(1),
                    find.NullableString(2),
                    find.NullableString(3),
                    find.NullableString(4),
                    Zones.Parse(find.String(5)),
                    find.IsNull(6) ? null : find.Int32(6),
                    find.Day(7),
                    find.Day(8)
                )
                : null;
        }
        finally
        {
            find.Reset();
        }
    }

    /// <summary>The stored bars and events of days <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public StoredDays? ReadDays(HistorySeries series, DateOnly from, DateOnly to) =>
        Guard<StoredDays?>(
            () =>
            {
                var bars = new List<PriceBar>();
                var read = Prepared(
                    """
                    SELECT time, offset_minutes, open, high, low, close, adjusted_close, volume FROM history_bars
                    WHERE series_id = ?1 AND day >= ?2 AND day <= ?3 ORDER BY day
                    """
                );
                try
                {
                    BindRange(read, series.Id, from, to);
                    while (read.Step())
                    {
                        bars.Add(
                            new PriceBar
                            {
                                Time = DateTimeOffset
                                    .FromUnixTimeSeconds(read.Int64(0))
                                    .ToOffset(TimeSpan.FromMinutes(read.Int32(1))),
                                Open = read.NullableDecimal(2),
                                High = read.NullableDecimal(3),
                                Low = read.NullableDecimal(4),
                                Close = read.NullableDecimal(5),
                                AdjustedClose = read.NullableDecimal(6),
                                Volume = read.IsNull(7) ? null : read.Int64(7),
                            }
                        );
                    }
                }
                finally
                {
                    read.Reset();
                }
                var dividends = new List<Dividend>();
                var splits = new List<Split>();
                var events = Prepared(
                    """
                    SELECT kind, day, amount, numerator, denominator FROM history_events
                    WHERE series_id = ?1 AND day >= ?2 AND day <= ?3 ORDER BY day
                    """
                );
                try
                {
                    BindRange(events, series.Id, from, to);
                    while (events.Step())
                    {
                        var day = events.Day(1);
                        if (events.Text(0).SequenceEqual("dividend"u8))
                        {
                            dividends.Add(new Dividend { Date = day, Amount = CacheText.Decimal(events.Text(2)) });
                        }
                        else
                        {
                            splits.Add(
                                new Split
                                {
                                    Date = day,
                                    Numerator = CacheText.Decimal(events.Text(3)),
                                    Denominator = CacheText.Decimal(events.Text(4)),
                                }
                            );
                        }
                    }
                }
                finally
                {
                    events.Reset();
                }
                return new StoredDays(bars, dividends, splits);
            },
            null
        );

    /// <summary>
    /// Stores each save's bars and events dated <see cref="HistorySave.From"/> to <see cref="HistorySave.To"/> (closed
    /// days) and marks those days known, all in one transaction. Days next to or overlapping what is stored extend it;
    /// otherwise, or with <see cref="HistorySave.Replace"/>, what was stored before is dropped, so the known days stay
    /// one unbroken span.
    /// </summary>
    public void SaveDays(IReadOnlyList<HistorySave> saves) =>
        Guard(
            () =>
                InTransaction(() =>
                {
                    foreach (var save in saves)
                    {
                        SaveDaysIn(save.Key, save.History, save.From, save.To, save.Replace, save.Now);
                    }
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
        var existing = replace ? null : FindSeriesIn(key);
        long id;
        if (existing is not null && from.DayNumber <= existing.CoveredTo.DayNumber + 1 && to >= existing.CoveredFrom)
        {
            id = existing.Id;
            from = from < existing.CoveredFrom ? from : existing.CoveredFrom;
            to = to > existing.CoveredTo ? to : existing.CoveredTo;
        }
        else
        {
            var delete = Prepared(
                "DELETE FROM history_series WHERE base_url = ?1 AND symbol = ?2 AND interval = ?3 AND events = ?4"
            );
            BindKey(delete, key);
            delete.Execute();
            var insert = Prepared(
                """
                INSERT INTO history_series (base_url, symbol, interval, events, answered_symbol, zone,
                    covered_from, covered_to, fetched_at)
                VALUES (?1, ?2, ?3, ?4, '', 'UTC', '', '', 0) RETURNING id
                """
            );
            try
            {
                BindKey(insert, key);
                insert.Step();
                id = insert.Int64(0);
            }
            finally
            {
                insert.Reset();
            }
        }
        var update = Prepared(
            """
            UPDATE history_series SET answered_symbol = ?2, currency = ?3, exchange = ?4, time_zone_name = ?5,
                zone = ?6, price_hint = ?7, covered_from = ?8, covered_to = ?9, fetched_at = ?10
            WHERE id = ?1
            """
        );
        update.Bind(1, id);
        update.Bind(2, history.Symbol);
        update.Bind(3, history.Currency);
        update.Bind(4, history.Exchange);
        update.Bind(5, history.TimeZoneName);
        update.Bind(6, Zones.Format(history.TimeZone));
        update.Bind(7, history.PriceHint);
        update.Bind(8, from);
        update.Bind(9, to);
        update.Bind(10, now.ToUnixTimeMilliseconds());
        update.Execute();

        // An upsert, not INSERT OR REPLACE: a replace deletes the row it replaces, and with foreign keys on SQLite
        // then keeps a statement journal for every row (~0.5 µs a bar, a fifth of storing it).
        var bar = Prepared(
            """
            INSERT INTO history_bars (series_id, day, time, offset_minutes, open, high, low, close,
                adjusted_close, volume)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (series_id, day) DO UPDATE SET time = excluded.time,
                offset_minutes = excluded.offset_minutes, open = excluded.open, high = excluded.high,
                low = excluded.low, close = excluded.close, adjusted_close = excluded.adjusted_close,
                volume = excluded.volume
            """
        );
        bar.Bind(1, id);
        foreach (var item in history.Bars)
        {
            var day = DateOnly.FromDateTime(item.Time.DateTime);
            if (day < from || day > to)
            {
                continue;
            }
            bar.Bind(2, day);
            bar.Bind(3, item.Time.ToUnixTimeSeconds());
            bar.Bind(4, (long)item.Time.Offset.TotalMinutes);
            bar.Bind(5, item.Open);
            bar.Bind(6, item.High);
            bar.Bind(7, item.Low);
            bar.Bind(8, item.Close);
            bar.Bind(9, item.AdjustedClose);
            bar.Bind(10, item.Volume);
            bar.Execute();
        }

        var stored = Prepared(
            """
            INSERT INTO history_events (series_id, kind, day, amount, numerator, denominator)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (series_id, kind, day) DO UPDATE SET amount = excluded.amount,
                numerator = excluded.numerator, denominator = excluded.denominator
            """
        );
        stored.Bind(1, id);
        foreach (var dividend in history.Dividends)
        {
            if (dividend.Date >= from && dividend.Date <= to)
            {
                stored.Bind(2, "dividend");
                stored.Bind(3, dividend.Date);
                stored.Bind(4, dividend.Amount);
                stored.Bind(5, (decimal?)null);
                stored.Bind(6, (decimal?)null);
                stored.Execute();
            }
        }
        foreach (var split in history.Splits)
        {
            if (split.Date >= from && split.Date <= to)
            {
                stored.Bind(2, "split");
                stored.Bind(3, split.Date);
                stored.Bind(4, (decimal?)null);
                stored.Bind(5, split.Numerator);
                stored.Bind(6, split.Denominator);
                stored.Execute();
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

    private static void BindKey(CacheStatement statement, HistoryKey key)
    {
        statement.Bind(1, key.BaseUrl);
        statement.Bind(2, key.Symbol);
        statement.Bind(3, key.Interval);
        statement.Bind(4, key.Events ? 1L : 0L);
    }

    private static void BindRange(CacheStatement statement, long id, DateOnly from, DateOnly to)
    {
        statement.Bind(1, id);
        statement.Bind(2, from);
        statement.Bind(3, to);
    }

    // Prepared on first use and kept for the run: SQLite compiles each statement once, not once per symbol.
    private CacheStatement Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var statement))
        {
            statement = new CacheStatement(_connection, sql);
            _prepared.Add(sql, statement);
        }
        return statement;
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

    public void Dispose()
    {
        // Under the lock: a history writer still running (its batch was abandoned) finishes its transaction first,
        // and finds the cache off after.
        lock (_lock)
        {
            _broken = true;
            // Before the connection: a statement left unfinalized would keep the file open past the close.
            foreach (var statement in _prepared.Values)
            {
                statement.Dispose();
            }
            _prepared.Clear();
            _connection.Dispose();
        }
    }

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

/// <summary>One series' days to store: <see cref="CacheStore.SaveDays"/>.</summary>
internal sealed record HistorySave(
    HistoryKey Key,
    PriceHistory History,
    DateOnly From,
    DateOnly To,
    bool Replace,
    DateTimeOffset Now
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
