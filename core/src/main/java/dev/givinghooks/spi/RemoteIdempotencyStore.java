package dev.givinghooks.spi;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A base for an {@link IdempotencyStore} on a server (Redis, a database): a subclass implements
 * the three asynchronous methods with its client, each operation wrapped in {@link #bounded};
 * the synchronous methods wait for them. Every operation then ends within the timeout, and every
 * failure, the timeout included, is a {@link StoreUnavailableException} whose message names the
 * server, never a credential.
 *
 * <p>Thread-safe as its subclass's client is.
 */
public abstract class RemoteIdempotencyStore implements IdempotencyStore {
    /** This process's part of every owner token: 128 random bits, drawn once (see {@link #newOwnerToken}). */
    private static final String PROCESS_TOKEN = processToken();
    private static final AtomicLong OWNER_TOKENS = new AtomicLong();

    private final String server;
    private final Duration timeout;

    /**
     * Creates the store.
     *
     * @param server what the messages call the server, such as {@code Redis}
     * @param timeout how long an operation may take, positive
     */
    protected RemoteIdempotencyStore(String server, Duration timeout) {
        this.server = Objects.requireNonNull(server, "server");
        positiveMillis(timeout, "timeout");
        this.timeout = timeout;
    }

    /**
     * Returns how long an operation may take before the store counts its server as unavailable.
     *
     * @return the timeout
     */
    public final Duration timeout() {
        return timeout;
    }

    /**
     * Claims a key as {@link #claimAsync} does, waiting at most the timeout.
     *
     * @throws StoreUnavailableException if the server does not answer in time or fails
     */
    @Override
    public final Claim claim(String key, Duration lease) {
        return await(claimAsync(key, lease));
    }

    /**
     * Completes a claim as {@link #completeAsync} does, waiting at most the timeout.
     *
     * @throws StoreUnavailableException if the server does not answer in time or fails
     */
    @Override
    public final boolean complete(Claim claim, Duration retention) {
        return await(completeAsync(claim, retention));
    }

    /**
     * Releases a claim as {@link #releaseAsync} does, waiting at most the timeout.
     *
     * @throws StoreUnavailableException if the server does not answer in time or fails
     */
    @Override
    public final boolean release(Claim claim) {
        return await(releaseAsync(claim));
    }

    /**
     * Starts an operation and bounds it by the timeout. A failure to start it, its failure and its
     * timeout fail the result with {@link StoreUnavailableException} (one the operation failed with
     * is passed on as it is); on the timeout the operation's own future is also cancelled, so that
     * a client that queues commands does not send it later.
     *
     * @param <T> the operation's result
     * @param operation starts the operation and returns its stage
     * @return the bounded result
     */
    protected final <T> CompletableFuture<T> bounded(Supplier<? extends CompletionStage<T>> operation) {
        CompletableFuture<T> started;
        try {
            started = operation.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        started.whenComplete((value, failure) -> {
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(unavailable(unwrap(failure)));
            }
        });
        return answer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof TimeoutException) {
                started.cancel(false);
            }
            return CompletableFuture.failedFuture(unavailable(cause));
        });
    }

    /**
     * Starts an operation that its client bounds by the timeout itself, failing it with a
     * {@link TimeoutException} once the timeout has passed (a client on an event loop, on the
     * loop's own timer: cheaper than the JDK's shared timer thread that {@link #bounded} uses,
     * whose queue takes a lock to add and to cancel each operation's timeout). Failures become
     * {@link StoreUnavailableException}s as in {@link #bounded}, the timeout's included.
     *
     * @param <T> the operation's result
     * @param operation starts the operation, bounded by its client, and returns its stage
     * @return the result, failing only with {@link StoreUnavailableException}
     */
    protected final <T> CompletableFuture<T> boundedByClient(Supplier<? extends CompletionStage<T>> operation) {
        try {
            return operation.get().toCompletableFuture().exceptionallyCompose(failure -> CompletableFuture.failedFuture(unavailable(unwrap(failure))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unavailable(e));
        }
    }

    private StoreUnavailableException unavailable(Throwable failure) {
        if (failure instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        if (failure instanceof TimeoutException) {
            return new StoreUnavailableException(server + " did not answer within " + timeout);
        }
        return new StoreUnavailableException(server + " is unavailable: " + failure.getClass().getSimpleName(), failure);
    }

    /**
     * Waits for an operation, which {@link #bounded} bounds, and returns its result.
     *
     * @param <T> the result
     * @param operation a bounded operation
     * @return its result
     * @throws StoreUnavailableException as the operation failed
     */
    protected final <T> T await(CompletionStage<T> operation) {
        try {
            return operation.toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for " + server, e);
        }
    }

    /**
     * Returns a new owner token for a claim, unique among every process that shares the server:
     * 128 random bits drawn once per process, then a count. Only uniqueness matters (a token is
     * kept in the store, never shown to a sender), and a draw from {@link SecureRandom} per claim,
     * as {@link java.util.UUID#randomUUID()} makes, takes a lock and a share of the caller's work
     * (1.4 % of an event loop's time in a profile of the Vert.x store under load).
     *
     * @return the token: 22 characters of this process's, then the count in base 36
     */
    protected static String newOwnerToken() {
        return PROCESS_TOKEN + Long.toString(OWNER_TOKENS.incrementAndGet(), Character.MAX_RADIX);
    }

    /** Draws a process's part of the owner tokens. */
    static String processToken() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Checks a lease, retention or timeout and returns it in whole milliseconds.
     *
     * @param duration the duration
     * @param name its name, for the message
     * @return its milliseconds, at least 1
     * @throws IllegalArgumentException if it is not positive
     */
    protected static long positiveMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return Math.max(1, duration.toMillis());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
