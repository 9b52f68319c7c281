using Polly;

namespace QuoteFetch;

/// <summary>
/// Waits out the batch-wide pause of <see cref="RateLimitGate"/> before an attempt starts. It sits before the attempt
/// timeout in the pipeline, so a pause never uses up the time an attempt is given.
/// </summary>
internal sealed class PauseStrategy(RateLimitGate gate) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state
    )
    {
        try
        {
            await gate.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }
        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
