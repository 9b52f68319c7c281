using Microsoft.Data.Sqlite;

namespace QuoteFetch.Cli.Tests.Cache;

/// <summary>The cache file in a test's cache directory, opened as another program would open it.</summary>
internal static class CacheFile
{
    /// <summary>A connection of its own (no pooling: disposing it lets go of the file).</summary>
    public static SqliteConnection Open(string directory)
    {
        var connection = new SqliteConnection(
            $"Data Source={Path.Combine(directory, CacheLocation.FileName)};Pooling=False"
        );
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> on the file, creating it if there is none.</summary>
    public static void Execute(string directory, string sql)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
