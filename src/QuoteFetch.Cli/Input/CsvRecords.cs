using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// Splits RFC 4180 text into records: comma-separated fields, a field in double quotes may hold commas, newlines and
/// doubled quotes; CRLF or LF ends a record. A line starting with <c>#</c> and a blank line are no record. Each record
/// knows the line it starts on. A record longer than <see cref="HoldingsReader.MaxRecordLength"/> ends the read.
/// </summary>
internal sealed class CsvRecords(TextReader reader, string name)
{
    private long _line = 1;
    private readonly StringBuilder _field = new();

    /// <summary>The next record, or null at the end.</summary>
    /// <exception cref="UsageException">A record is too long, or a quoted field never ends.</exception>
    public (List<string> Fields, long Line)? Next()
    {
        while (true)
        {
            var start = _line;
            var first = reader.Peek();
            if (first < 0)
            {
                return null;
            }
            if (first == '#')
            {
                SkipLine();
                continue;
            }
            var fields = ReadRecord(start);
            if (fields.All(field => field.Trim().Length == 0))
            {
                continue; // blank (or only commas)
            }
            return (fields, start);
        }
    }

    private void SkipLine()
    {
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n') { }
        _line++;
    }

    private List<string> ReadRecord(long start)
    {
        var fields = new List<string>();
        _field.Clear();
        var length = 0;
        var quoted = false;
        var fieldStart = true;
        while (true)
        {
            var c = reader.Read();
            if (++length > HoldingsReader.MaxRecordLength)
            {
                throw new UsageException(
                    $"{name}:{start}: the row is longer than {HoldingsReader.MaxRecordLength} characters",
                    "is it a holdings CSV? a quote that never closes makes the rest of the file one field"
                );
            }
            if (c == '\0')
            {
                // As with symbol lists: no CSV holds one, and an .xlsx or a zip otherwise reads as one long row.
                throw new UsageException(
                    $"{name}:{start}: holds a NUL byte: binary data, not a holdings CSV",
                    "save the spreadsheet as CSV, comma separated"
                );
            }
            if (c < 0)
            {
                if (quoted)
                {
                    throw new UsageException(
                        $"{name}:{start}: a quoted field never ends",
                        "close it with a double quote; a quote inside a field is written twice (\"\")"
                    );
                }
                fields.Add(_field.ToString());
                return fields;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }
                    _field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    fieldStart = true;
                    continue;
                case '\r' when reader.Peek() == '\n':
                    continue;
                case '\n':
                    _line++;
                    fields.Add(_field.ToString());
                    return fields;
                case '"' when fieldStart || _field.ToString().Trim().Length == 0:
                    _field.Clear();
                    quoted = true;
                    fieldStart = false;
                    continue;
                default:
                    _field.Append((char)c);
                    fieldStart = false;
                    continue;
            }
        }
    }
}
