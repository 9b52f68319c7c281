using System.Text;
using Spectre.Console;

namespace QuoteFetch.Cli;

/// <summary>
/// Draws a table as Spectre.Console's rounded table looks (same rules, padding, alignment, caption and colours), one
/// line at a time, so time and memory grow only with the cells' text. Only the last column wraps to fit the width;
/// when the other columns alone are wider, lines are longer than the width and the terminal folds them.
/// </summary>
internal sealed class PlainTable(string[] headers, int rightAlignedColumn, bool colors, int width)
{
    // The narrowest the last column is squeezed to before the table is let run over the width instead.
    private const int MinWrapWidth = 10;

    private const string Bold = "\u001b[1m";
    private const string Red = "\u001b[91m";
    private const string Grey = "\u001b[90m";
    private const string Reset = "\u001b[0m";

    public void Write(IReadOnlyList<string[]> rows, string caption, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var last = headers.Length - 1;
        var widths = headers.Select(CellWidth).ToArray();
        foreach (var cells in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], CellWidth(cells[i]));
            }
        }
        // Each column has a rule and a space either side: 3 cells per column and the closing rule.
        var fixedWidth = (3 * headers.Length) + 1 + widths.Take(last).Sum();
        widths[last] = Math.Min(
            widths[last],
            Math.Max(Math.Max(MinWrapWidth, headers[last].Length), width - fixedWidth)
        );
        var tableWidth = fixedWidth + widths[last];

        var line = new StringBuilder(tableWidth * 2);
        output.WriteLine(Rule(line, '╭', '┬', '╮', widths));
        WriteRow(line, headers, widths, header: true, output);
        output.WriteLine(Rule(line, '├', '┼', '┤', widths));
        foreach (var cells in rows)
        {
            WriteRow(line, cells, widths, header: false, output);
        }
        output.WriteLine(Rule(line, '╰', '┴', '╯', widths));
        var left = Math.Max(0, (tableWidth - CellWidth(caption)) / 2);
        var right = Math.Max(0, tableWidth - CellWidth(caption) - left);
        line.Clear().Append(' ', left);
        AppendStyled(line, caption, Grey);
        output.WriteLine(line.Append(' ', right).ToString());
    }

    // A horizontal rule across columns of these widths: the top (╭┬╮), the rule under the header (├┼┤), the bottom.
    internal static string Rule(StringBuilder line, char left, char middle, char right, int[] widths)
    {
        line.Clear().Append(left);
        for (var i = 0; i < widths.Length; i++)
        {
            line.Append(i == 0 ? "" : middle).Append('─', widths[i] + 2);
        }
        return line.Append(right).ToString();
    }

    private void WriteRow(StringBuilder line, string[] cells, int[] widths, bool header, TextWriter output)
    {
        var last = cells.Length - 1;
        var rest = cells[last];
        var first = true;
        while (first || rest.Length > 0)
        {
            var (shown, remainder) = Wrap(rest, widths[last]);
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                var text =
                    i == last ? shown
                    : first ? cells[i]
                    : "";
                var pad = widths[i] - CellWidth(text);
                line.Append(i == 0 ? "│ " : " │ ");
                if (i == rightAlignedColumn)
                {
                    line.Append(' ', pad);
                }
                AppendStyled(
                    line,
                    text,
                    header || text.Length == 0 ? null
                        : i == 0 ? Bold
                        : i == last ? Red
                        : null
                );
                if (i != rightAlignedColumn)
                {
                    line.Append(' ', pad);
                }
            }
            output.WriteLine(line.Append(" │"));
            rest = remainder;
            first = false;
        }
    }

    private void AppendStyled(StringBuilder line, string text, string? style) =>
        AppendStyled(line, text, style, colors);

    internal static void AppendStyled(StringBuilder line, string text, string? style, bool colors)
    {
        if (colors && style is not null)
        {
            line.Append(style).Append(text).Append(Reset);
        }
        else
        {
            line.Append(text);
        }
    }

    // Cleaned text is mostly ASCII, one cell a character: measured without Spectre's per-character lookups.
    internal static int CellWidth(string text) => Ascii.IsValid(text) ? text.Length : text.GetCellWidth();

    // The part of text that fits in width cells, broken after the last space that fits (or mid-word if none), and
    // the rest, its leading spaces dropped.
    internal static (string Shown, string Remainder) Wrap(string text, int width)
    {
        if (CellWidth(text) <= width)
        {
            return (text, "");
        }
        int cells = 0,
            end = 0,
            lastSpace = -1;
        while (end < text.Length)
        {
            var step = char.IsSurrogatePair(text, end) ? 2 : 1;
            var cellWidth = CellWidth(text.Substring(end, step));
            if (cells + cellWidth > width)
            {
                break;
            }
            if (text[end] == ' ')
            {
                lastSpace = end;
            }
            cells += cellWidth;
            end += step;
        }
        var cut = lastSpace > 0 ? lastSpace : Math.Max(end, 1);
        return (text[..cut].TrimEnd(), text[cut..].TrimStart());
    }
}
