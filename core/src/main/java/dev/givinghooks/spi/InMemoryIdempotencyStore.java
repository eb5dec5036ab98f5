package dev.givinghooks.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory {@link IdempotencyStore}: a concurrent map of key to (status, owner token,
 * expiry), every change an atomic {@code compute} on the key; and a queue of acquisitions in
 * order. Over the bound, expired entries are swept first (at most once every bound/16 claims,
 * so the sweep's cost is amortised) and then the oldest acquisitions are forgotten. A DONE entry
 * keeps its acquisition's token, so a queued acquisition removes only the entry it created,
 * never a later one.
 */
final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Entry(IdempotencyStore.Status status, String ownerToken, Instant expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private record Acquisition(String key, String ownerToken) {
    }

    private final Queue<Acquisition> acquisitions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger claimsSinceSweep = new AtomicInteger();
    private final AtomicLong tokens = new AtomicLong();
    private final int maxEntries;
    private final Clock clock;

    InMemoryIdempotencyStore(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(positive(lease, "lease"));
        Entry[] result = new Entry[1];
        boolean[] fresh = new boolean[1];
        entries.compute(key, (k, current) -> {
            if (current == null || !current.expiresAt.isAfter(now)) {
                fresh[0] = true;
                current = new Entry(Status.ACQUIRED, Long.toString(tokens.incrementAndGet()), expiresAt);
            }
            result[0] = current;
            return current;
        });
        if (fresh[0]) {
            acquisitions.add(new Acquisition(key, result[0].ownerToken));
            queued.incrementAndGet();
            trim(now);
            return new Claim(key, Status.ACQUIRED, result[0].ownerToken);
        }
        return new Claim(key, result[0].status == Status.DONE ? Status.DONE : Status.IN_PROGRESS, null);
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        Instant expiresAt = clock.instant().plus(positive(retention, "retention"));
        boolean[] done = new boolean[1];
        entries.computeIfPresent(claim.key(), (k, current) -> {
            if (owns(claim, current)) {
                done[0] = true;
                return new Entry(Status.DONE, current.ownerToken, expiresAt);
            }
            return current;
        });
        return done[0];
    }

    @Override
    public boolean release(Claim claim) {
        boolean[] released = new boolean[1];
        entries.computeIfPresent(claim.key(), (k, current) -> {
            if (owns(claim, current)) {
                released[0] = true;
                return null;
            }
            return current;
        });
        return released[0];
    }

    /**
     * Only the holder of the acquisition, identified by its token, may act on it. A claim made
     * after the lease expired replaces the token, so a late owner cannot touch the new claim.
     */
    private static boolean owns(Claim claim, Entry current) {
        return claim.acquired() && current.status == Status.ACQUIRED && current.ownerToken.equals(claim.ownerToken());
    }

    /** Forgets the oldest acquisitions while over the bound, and drops stale queue items. */
    private void trim(Instant now) {
        if (entries.size() > maxEntries && claimsSinceSweep.incrementAndGet() >= Math.max(1, maxEntries / 16)) {
            claimsSinceSweep.set(0);
            // removeIf on a concurrent map's values removes an entry only if it is still that value.
            entries.values().removeIf(entry -> !entry.expiresAt.isAfter(now));
        }
        while (entries.size() > maxEntries) {
            Acquisition oldest = poll();
            if (oldest == null) {
                return;
            }
            forget(oldest, null);
        }
        // Released or expired acquisitions leave stale items behind; keep the queue bounded too.
        // Items still live are requeued, and there are never more of those than entries.
        while (queued.get() > 2 * maxEntries) {
            Acquisition oldest = poll();
            if (oldest == null) {
                return;
            }
            if (!forget(oldest, now)) {
                acquisitions.add(oldest);
                queued.incrementAndGet();
            }
        }
    }

    private Acquisition poll() {
        Acquisition oldest = acquisitions.poll();
        if (oldest != null) {
            queued.decrementAndGet();
        }
        return oldest;
    }

    /**
     * Removes the entry the acquisition created, if it is still there and (when {@code now} is
     * given) expired; returns {@code false} only when that entry is still there and live.
     */
    private boolean forget(Acquisition acquisition, Instant now) {
        boolean[] live = new boolean[1];
        entries.computeIfPresent(acquisition.key, (k, e) -> {
            if (!e.ownerToken.equals(acquisition.ownerToken)) {
                return e;
            }
            if (now != null && e.expiresAt.isAfter(now)) {
                live[0] = true;
                return e;
            }
            return null;
        });
        return !live[0];
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
        return duration;
    }

    @Override
    public String toString() {
        return "InMemoryIdempotencyStore[entries=" + entries.size() + ", maxEntries=" + maxEntries + "]";
    }
}
