using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace QuoteFetch.Cli;

/// <summary>
/// One SQL statement prepared once per run, its parameters bound by position (<c>?1</c>, <c>?2</c>…). A first run
/// stores ~250 bars per symbol and a year; through <see cref="SqliteCommand"/> each bar cost a data reader, ten
/// parameter objects looked up by name and a string per value, several times SQLite's own work. The per-row calls
/// (bind, step, reset, column) go straight to e_sqlite3, the library SQLitePCL loads, without its safe-handle
/// reference counting (a fifth of a run served from the cache); preparing, errors and finalizing stay with SQLitePCL.
/// Runs inside whatever transaction the connection has open. Errors throw <see cref="SqliteException"/>, as commands do.
/// </summary>
internal sealed class CacheStatement : IDisposable
{
    // SQLITE_TRANSIENT: SQLite copies the text before the call returns, so it may live on the stack.
    private static readonly nint Transient = -1;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private byte[] _text = new byte[CacheText.MaxDecimalLength];

    public CacheStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        // Alive as long as this object: the statement is finalized only by Dispose.
        _handle = _statement.DangerousGetHandle();
    }

    public void Bind(int index, long value) => Check(Native.sqlite3_bind_int64(_handle, index, value));

    public void Bind(int index, long? value) =>
        Check(
            value is { } number
                ? Native.sqlite3_bind_int64(_handle, index, number)
                : Native.sqlite3_bind_null(_handle, index)
        );

    public void Bind(int index, string? value) =>
        Check(
            value is null ? Native.sqlite3_bind_null(_handle, index) : raw.sqlite3_bind_text(_statement, index, value)
        );

    /// <summary>Binds the decimal's exact text (see <see cref="CacheText.Write(decimal, Span{byte})"/>), or NULL.</summary>
    public void Bind(int index, decimal? value)
    {
        if (value is not { } number)
        {
            Check(Native.sqlite3_bind_null(_handle, index));
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

    // Never empty (a null pointer would bind NULL): a decimal or a day has at least one character.
    private void BindText(int index, ReadOnlySpan<byte> text) =>
        Check(Native.sqlite3_bind_text(_handle, index, ref MemoryMarshal.GetReference(text), text.Length, Transient));

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
        var code = Native.sqlite3_step(_handle);
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
    public void Reset() => _ = Native.sqlite3_reset(_handle);

    public bool IsNull(int column) => Native.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public long Int64(int column) => Native.sqlite3_column_int64(_handle, column);

    // Checked: a value out of range (a hand-edited file) is damage, as it was through the data reader.
    public int Int32(int column) => checked((int)Int64(column));

    /// <summary>A column's UTF-8 text, valid until the next call to <see cref="Text"/>.</summary>
    public ReadOnlySpan<byte> Text(int column)
    {
        // The pointer first, then the length: SQLite's documented order (the length of the text as converted).
        var text = Native.sqlite3_column_blob(_handle, column);
        var length = Native.sqlite3_column_bytes(_handle, column);
        if (length > _text.Length)
        {
            _text = new byte[length];
        }
        if (length > 0)
        {
            Marshal.Copy(text, _text, 0, length);
        }
        return _text.AsSpan(0, length);
    }

    public string String(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public string? NullableString(int column) => IsNull(column) ? null : String(column);

    public decimal? NullableDecimal(int column) => IsNull(column) ? null : CacheText.Decimal(Text(column));

    public DateOnly Day(int column) => CacheText.Day(Text(column));

    public void Dispose() => _statement.Dispose();

    private void Check(int code) => SqliteException.ThrowExceptionForRC(code, _database);

#pragma warning disable SYSLIB1054, CA5392 // Blittable calls into e_sqlite3; LibraryImport would need unsafe code.
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library)]
        public static extern int sqlite3_bind_int64(nint statement, int index, long value);

        [DllImport(Library)]
        public static extern int sqlite3_bind_null(nint statement, int index);

        [DllImport(Library)]
        public static extern int sqlite3_bind_text(
            nint statement,
            int index,
            ref byte text,
            int length,
            nint destructor
        );

        [DllImport(Library)]
        public static extern int sqlite3_step(nint statement);

        [DllImport(Library)]
        public static extern int sqlite3_reset(nint statement);

        [DllImport(Library)]
        public static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library)]
        public static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library)]
        public static extern nint sqlite3_column_blob(nint statement, int column);

        [DllImport(Library)]
        public static extern int sqlite3_column_bytes(nint statement, int column);
    }
#pragma warning restore SYSLIB1054, CA5392
}
