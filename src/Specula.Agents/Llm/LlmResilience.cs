using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Specula.Agents.Llm;

/// <summary>
/// The HTTP resilience of model calls: retries with exponential backoff and jitter on 429, 5xx, timeouts and
/// connection failures (a Retry-After is honoured instead of the backoff), a circuit breaker that stops hammering
/// an endpoint that keeps failing, and a timeout per attempt.
/// </summary>
public static class LlmResilience
{
    /// <summary>Builds the pipeline (retry ⟶ circuit breaker ⟶ per-attempt timeout).</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(LlmResilienceOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var random = new Random(options.JitterSeed);
        var maxRetryAfter = options.MaxRetryAfter ?? TimeSpan.FromSeconds(60);
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode));
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay ?? TimeSpan.FromSeconds(1),
                MaxDelay = options.MaxDelay ?? TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = random.NextDouble,
                ShouldHandle = transient,
                DelayGenerator = args =>
                {
                    var retryAfter = RetryAfter(args.Outcome.Result, clock);
                    return ValueTask.FromResult(retryAfter is { } delay ? (TimeSpan?)(delay > maxRetryAfter ? maxRetryAfter : delay) : null);
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, options.BreakerFailures),
                SamplingDuration = options.BreakerWindow ?? TimeSpan.FromSeconds(60),
                BreakDuration = options.BreakDuration ?? TimeSpan.FromSeconds(30),
                ShouldHandle = transient,
            })
            .AddTimeout(options.AttemptTimeout ?? TimeSpan.FromSeconds(120))
            .Build();
    }

    /// <summary>An HttpClient whose every request goes through <paramref name="pipeline"/>; its own timeout is off (the pipeline has one per attempt).</summary>
    public static HttpClient CreateClient(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler? inner = null) =>
        new(new ResilienceHandler(pipeline) { InnerHandler = inner ?? new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Status codes worth retrying: 408, 429 and 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        if (response?.Headers.RetryAfter is not { } header)
        {
            return null;
        }
        if (header.Delta is { } delta)
        {
            return delta;
        }
        return header.Date is { } date && date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero;
    }

    private sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // The body is sent again on each retry: buffer it once.
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            return await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }
}
