package dev.givinghooks.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The base of the stores on a server: bounded operations, failures as the store's exception, synchronous methods on the asynchronous ones. */
class RemoteIdempotencyStoreTest {
    /** A store whose next operation is what the test hands it. */
    private static final class Scripted extends RemoteIdempotencyStore {
        Supplier<CompletionStage<Object>> next;
        /** Whether the operations bound themselves (boundedByClient) rather than by bounded. */
        boolean byClient;

        Scripted(Duration timeout) {
            super("the test server", timeout);
        }

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> run() {
            Supplier<CompletionStage<T>> operation = () -> (CompletionStage<T>) next.get();
            return byClient ? boundedByClient(operation) : bounded(operation);
        }

        @Override
        public CompletionStage<Claim> claimAsync(String key, Duration lease) {
            positiveMillis(lease, "lease");
            return run();
        }

        @Override
        public CompletionStage<Boolean> completeAsync(Claim claim, Duration retention) {
            return run();
        }

        @Override
        public CompletionStage<Boolean> releaseAsync(Claim claim) {
            return run();
        }
    }

    private final Scripted store = new Scripted(Duration.ofMillis(200));
    private final Claim claim = new Claim("k", Status.ACQUIRED, "t");

    @Test
    void theSynchronousMethodsReturnWhatTheOperationsAnswer() {
        store.next = () -> CompletableFuture.completedFuture(new Claim("k", Status.DONE, null));
        assertThat(store.claim("k", Duration.ofSeconds(1)).status()).isEqualTo(Status.DONE);
        store.next = () -> CompletableFuture.completedFuture(true);
        assertThat(store.complete(claim, Duration.ofSeconds(1))).isTrue();
        store.next = () -> CompletableFuture.completedFuture(false);
        assertThat(store.release(claim)).isFalse();
        assertThat(store.complete(claim, Duration.ofSeconds(1))).isFalse();
        store.next = () -> CompletableFuture.completedFuture(true);
        assertThat(store.release(claim)).isTrue();
        assertThat(store.timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void anOperationThatDoesNotAnswerInTimeFailsAndIsCancelled() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        store.next = () -> never;
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.release(claim)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the test server did not answer within PT0.2S");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200)).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(never).isCancelled();
    }

    @Test
    void aFailureBecomesTheStoresExceptionNamingTheServerNotTheMessage() {
        store.next = () -> CompletableFuture.failedFuture(new IllegalStateException("redis://:secret@host refused"));
        assertThatThrownBy(() -> store.claim("k", Duration.ofSeconds(1))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the test server is unavailable: IllegalStateException")
                .hasCauseInstanceOf(IllegalStateException.class);
        StoreUnavailableException own = new StoreUnavailableException("the store's own words");
        store.next = () -> CompletableFuture.failedFuture(own);
        assertThatThrownBy(() -> store.claim("k", Duration.ofSeconds(1))).isSameAs(own);
        store.next = () -> {
            throw new IllegalArgumentException("could not even start");
        };
        assertThatThrownBy(() -> store.complete(claim, Duration.ofSeconds(1))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the test server is unavailable: IllegalArgumentException");
    }

    /** An operation its client bounds: no timer of the store's, the same exceptions, its client's timeout named as the store's. */
    @Test
    void anOperationItsClientBoundsFailsAsABoundedOne() throws Exception {
        store.byClient = true;
        store.next = () -> CompletableFuture.completedFuture(true);
        assertThat(store.complete(claim, Duration.ofSeconds(1))).isTrue();
        store.next = () -> CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException());
        assertThatThrownBy(() -> store.release(claim)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the test server did not answer within PT0.2S");
        store.next = () -> CompletableFuture.failedFuture(new IllegalStateException("redis://:secret@host refused"));
        assertThatThrownBy(() -> store.claim("k", Duration.ofSeconds(1))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the test server is unavailable: IllegalStateException")
                .hasCauseInstanceOf(IllegalStateException.class);
        store.next = () -> {
            throw new IllegalArgumentException("could not even start");
        };
        assertThatThrownBy(() -> store.claimAsync("k", Duration.ofSeconds(1)).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreUnavailableException.class);
        CompletableFuture<Object> late = new CompletableFuture<>();
        store.next = () -> late;
        CompletableFuture<Boolean> waiting = store.completeAsync(claim, Duration.ofSeconds(1)).toCompletableFuture();
        Thread.sleep(400); // twice the timeout: the store sets no timer of its own
        assertThat(waiting).isNotDone();
        late.complete(true);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theAsynchronousResultFailsInsteadOfThrowing() throws Exception {
        store.next = () -> CompletableFuture.failedFuture(new IllegalStateException("down"));
        CompletableFuture<Claim> result = store.claimAsync("k", Duration.ofSeconds(1)).toCompletableFuture();
        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreUnavailableException.class);
        store.next = () -> CompletableFuture.supplyAsync(() -> true, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        assertThat(store.completeAsync(claim, Duration.ofSeconds(1)).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(true);
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> new Scripted(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive");
        assertThatThrownBy(() -> new Scripted(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessage("lease must be positive");
        assertThat(RemoteIdempotencyStore.positiveMillis(Duration.ofNanos(1), "lease")).isEqualTo(1);
        assertThat(RemoteIdempotencyStore.positiveMillis(Duration.ofSeconds(2), "lease")).isEqualTo(2000);
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterrupt() {
        store.next = CompletableFuture::new;
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> store.release(claim)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("interrupted while waiting for the test server");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void ownerTokensAreUniqueAcrossThreadsAndProcesses() throws Exception {
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> drawn = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                drawn.add(threads.submit(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        tokens.add(RemoteIdempotencyStore.newOwnerToken());
                    }
                }));
            }
            for (Future<?> done : drawn) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(tokens).hasSize(100_000);
        String process = tokens.iterator().next().substring(0, 22);
        assertThat(process).matches("[A-Za-z0-9_-]{22}");
        assertThat(tokens).allMatch(token -> token.startsWith(process) && token.substring(22).matches("[0-9a-z]+"));
        // Another process draws its own 128 bits.
        assertThat(RemoteIdempotencyStore.processToken()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(process)
                .isNotEqualTo(RemoteIdempotencyStore.processToken());
    }
}
