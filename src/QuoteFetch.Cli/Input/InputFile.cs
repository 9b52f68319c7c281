using System.Text;

namespace QuoteFetch.Cli;

/// <summary>
/// Opens a named input file (symbol list or holdings CSV) as UTF-8 text, BOM honoured, and turns the ways it can fail
/// (a directory, no such file, no permission, other I/O) into the caller's <see cref="UsageException"/>.
/// </summary>
internal static class InputFile
{
    /// <exception cref="UsageException">From <paramref name="cannotRead"/> with the reason, or from <paramref name="read"/>.</exception>
    public static T Read<T>(string path, Func<TextReader, T> read, Func<string, string, UsageException> cannotRead)
    {
        if (Directory.Exists(path))
        {
            throw cannotRead(path, "it is a directory");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            using var reader = new StreamReader(
                stream,
                Encoding.UTF8,
                detectEncodingFromByteOrderMarks: true,
                bufferSize: 16 * 1024
            );
            return read(reader);
        }
        catch (Exception ex)
            when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            throw cannotRead(path, reason);
        }
    }
}
