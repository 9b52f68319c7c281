using System.Text;

namespace QuoteFetch.Cli;

/// <summary>One cell of a <see cref="HistoryTable"/>: lines stacked in the cell, and an ANSI style for all of them.</summary>
internal readonly record struct HistoryCell(string[] Lines, string? Style = null)
{
    public static implicit operator HistoryCell(string text) => new([text]);
}

/// <summary>
/// Draws a table in the rounded style of the quote table (<see cref="PlainTable"/>), where a cell may hold several
/// stacked lines, so a row can carry two values per column and still fit 80 columns. Only the last column wraps to
/// fit the width; it is never squeezed below <see cref="MinLastWidth"/>, so when the other columns alone are wider
/// (long symbols, exact prices), lines are longer than the width and the terminal folds them, as with PlainTable.
/// </summary>
internal sealed class HistoryTable(string[][] headers, bool[] rightAligned, bool colors)
{
    public const int MinLastWidth = 10;

    public const string Bold = "\u001b[1m";
    public const string Red = "\u001b[91m";
    public const string Green = "\u001b[92m";
    private const string Grey = "\u001b[90m";

    /// <summary>The width left for the last column when the others are as wide as these rows need.</summary>
    public int LastColumnWidth(IReadOnlyList<HistoryCell[]> rows, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var widths = FixedWidths(rows);
        var used = (3 * headers.Length) + 1 + widths.Take(headers.Length - 1).Sum();
        return Math.Max(Math.Max(MinLastWidth, headers[^1].Max(PlainTable.CellWidth)), width - used);
    }

    public void Write(IReadOnlyList<HistoryCell[]> rows, string? caption, int width, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var last = headers.Length - 1;
        var widths = FixedWidths(rows);
        var lastWidth = LastColumnWidth(rows, width);
        // The last column's lines, wrapped to what is left.
        var wrapped = rows.Select(cells => WrapLines(cells[last].Lines, lastWidth)).ToArray();
        widths[last] = Math.Max(
            headers[last].Max(PlainTable.CellWidth),
            wrapped.SelectMany(lines => lines).Select(PlainTable.CellWidth).DefaultIfEmpty(0).Max()
        );
        var tableWidth = (3 * headers.Length) + 1 + widths.Sum();

        var line = new StringBuilder(tableWidth * 2);
        output.WriteLine(PlainTable.Rule(line, '╭', '┬', '╮', widths));
        WriteRow(line, [.. headers.Select(h => new HistoryCell(h))], headers[last], widths, header: true, output);
        output.WriteLine(PlainTable.Rule(line, '├', '┼', '┤', widths));
        for (var r = 0; r < rows.Count; r++)
        {
            WriteRow(line, rows[r], wrapped[r], widths, header: false, output);
        }
        output.WriteLine(PlainTable.Rule(line, '╰', '┴', '╯', widths));
        if (caption is not null)
        {
            var left = Math.Max(0, (tableWidth - PlainTable.CellWidth(caption)) / 2);
            line.Clear().Append(' ', left);
            PlainTable.AppendStyled(line, caption, Grey, colors);
            output.WriteLine(line.ToString());
        }
    }

    private int[] FixedWidths(IReadOnlyList<HistoryCell[]> rows)
    {
        var widths = headers.Select(h => h.Max(PlainTable.CellWidth)).ToArray();
        foreach (var cells in rows)
        {
            for (var i = 0; i < widths.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], cells[i].Lines.Max(PlainTable.CellWidth));
            }
        }
        return widths;
    }

    private static string[] WrapLines(string[] lines, int width)
    {
        var wrapped = new List<string>();
        foreach (var text in lines)
        {
            var rest = text;
            do
            {
                var (shown, remainder) = PlainTable.Wrap(rest, width);
                wrapped.Add(shown);
                rest = remainder;
            } while (rest.Length > 0);
        }
        return [.. wrapped];
    }

    private void WriteRow(
        StringBuilder line,
        HistoryCell[] cells,
        string[] lastLines,
        int[] widths,
        bool header,
        TextWriter output
    )
    {
        var last = cells.Length - 1;
        var height = Math.Max(lastLines.Length, cells.Take(last).Max(c => c.Lines.Length));
        for (var l = 0; l < height; l++)
        {
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                var lines = i == last ? lastLines : cells[i].Lines;
                var text = l < lines.Length ? lines[l] : "";
                var pad = widths[i] - PlainTable.CellWidth(text);
                line.Append(i == 0 ? "│ " : " │ ");
                if (rightAligned[i])
                {
                    line.Append(' ', pad);
                }
                PlainTable.AppendStyled(line, text, header || text.Length == 0 ? null : cells[i].Style, colors);
                if (!rightAligned[i])
                {
                    line.Append(' ', pad);
                }
            }
            output.WriteLine(line.Append(" │"));
        }
    }
}
