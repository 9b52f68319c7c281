using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace QuoteFetch.Cli;

/// <summary>
/// One SQL statement prepared once per run, its parameters bound by position (<c>?1</c>, <c>?2</c>…). A first run
/// stores ~250 bars per symbol and a year; through <see cref="SqliteCommand"/> each bar cost a data reader, ten
/// parameter objects looked up by name and a string per value, several times SQLite's own work. Here each call is
/// one SQLitePCL call with UTF-8 spans, as Microsoft.Data.Sqlite makes them underneath.
/// Runs inside whatever transaction the connection has open. Errors throw <see cref="SqliteException"/>, as commands do.
/// </summary>
internal sealed class CacheStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public CacheStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value) =>
        Check(
            value is { } number
                ? raw.sqlite3_bind_int64(_statement, index, number)
                : raw.sqlite3_bind_null(_statement, index)
        );

    public void Bind(int index, string? value) =>
        Check(
            value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value)
        );

    /// <summary>Binds the decimal's exact text (see <see cref="CacheText.Write(decimal, Span{byte})"/>), or NULL.</summary>
    public void Bind(int index, decimal? value)
    {
        if (value is not { } number)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }
        Span<byte> text = stackalloc byte[CacheText.MaxDecimalLength];
        var length = CacheText.Write(number, text);
        BindText(index, text[..length]);
    }

    /// <summary>Binds the day as <c>yyyy-MM-dd</c> text.</summary>
    public void Bind(int index, DateOnly day)
    {
        Span<byte> text = stackalloc byte[CacheText.DayLength];
        CacheText.Write(day, text);
        BindText(index, text);
    }

    // SQLite copies the text before the call returns (SQLITE_TRANSIENT), so it may live on the stack. Never empty (an
    // empty span binds NULL): a decimal or a day has at least one character.
    private void BindText(int index, ReadOnlySpan<byte> text) => Check(raw.sqlite3_bind_text(_statement, index, text));

    /// <summary>Runs a statement that returns no rows, and makes it ready to run again.</summary>
    public void Execute()
    {
        try
        {
            Step();
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Moves to the next row: false when there is none. Call <see cref="Reset"/> when done (or failed).</summary>
    public bool Step()
    {
        var code = raw.sqlite3_step(_statement);
        if (code == raw.SQLITE_ROW)
        {
            return true;
        }
        if (code == raw.SQLITE_DONE)
        {
            return false;
        }
        Check(code);
        return false;
    }

    /// <summary>Makes the statement ready to bind and run again (its failure, if any, was thrown by <see cref="Step"/>).</summary>
    public void Reset() => _ = raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    // Checked: a value out of range (a hand-edited file) is damage, as it was through the data reader.
    public int Int32(int column) => checked((int)Int64(column));

    /// <summary>A column's UTF-8 text, valid until the statement steps or is reset.</summary>
    public ReadOnlySpan<byte> Text(int column) => raw.sqlite3_column_blob(_statement, column);

    public string String(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? NullableString(int column) => IsNull(column) ? null : String(column);

    public decimal? NullableDecimal(int column) => IsNull(column) ? null : CacheText.Decimal(Text(column));

    public DateOnly Day(int column) => CacheText.Day(Text(column));

    public void Dispose() => _statement.Dispose();

    private void Check(int code) => SqliteException.ThrowExceptionForRC(code, _database);
}
