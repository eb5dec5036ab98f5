package dev.givinghooks.redis.vertx;

import dev.givinghooks.spi.IdempotencyStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A store whose every operation, synchronous ones included, is started on one of a Vert.x
 * instance's event-loop contexts, taken in turn, as the Vert.x handler starts them: the store's
 * own-connection-per-loop path under the store contract. It also checks that each result comes
 * back on the loop the operation started on, without a thread hop.
 */
final class OnTheLoops implements IdempotencyStore {
    private final IdempotencyStore store;
    private final List<Context> loops;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger hops = new AtomicInteger();

    OnTheLoops(IdempotencyStore store, Vertx vertx, int loops) {
        this.store = store;
        // Contexts made off Vert.x's threads are spread over its event loops in turn.
        this.loops = IntStream.range(0, loops).mapToObj(i -> vertx.getOrCreateContext()).toList();
    }

    /** How many results came back on another thread than the loop their operation started on. */
    int hops() {
        return hops.get();
    }

    private <T> CompletableFuture<T> onALoop(Supplier<CompletionStage<T>> operation) {
        Context loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(start -> {
            Thread started = Thread.currentThread();
            operation.get().whenComplete((value, failure) -> {
                if (Thread.currentThread() != started) {
                    hops.incrementAndGet();
                }
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        });
        return result;
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    @Override
    public Claim claim(String key, Duration lease) {
        return await(onALoop(() -> store.claimAsync(key, lease)));
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        return await(onALoop(() -> store.completeAsync(claim, retention)));
    }

    @Override
    public boolean release(Claim claim) {
        return await(onALoop(() -> store.releaseAsync(claim)));
    }

    @Override
    public CompletionStage<Claim> claimAsync(String key, Duration lease) {
        return onALoop(() -> store.claimAsync(key, lease));
    }

    @Override
    public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
        return onALoop(() -> store.completeAsync(claim, retention));
    }

    @Override
    public CompletionStage<Boolean> releaseAsync(Claim claim) {
        return onALoop(() -> store.releaseAsync(claim));
    }
}
