package dev.givinghooks.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory {@link IdempotencyStore}: a concurrent map of key to (status, owner token,
 * expiry), every change an atomic {@code compute} on the key; and a queue of acquisitions in
 * order. A claim that takes the store over its bound makes room: expired entries are swept
 * (at most once every bound/16 claims, so the sweep's cost is amortised, and only once the
 * earliest expiry set since the last sweep has passed, since until then it would find nothing:
 * a store full of keys processed within their retention is never scanned), then the oldest
 * processed or expired entries are forgotten in acquisition order. A live claim is never
 * forgotten, since that would let a second delivery of the same event in while the first is
 * processed: when only live claims are left, the new claim is withdrawn and refused with
 * {@link StoreUnavailableException}. A DONE entry keeps its acquisition's token, so a queued
 * acquisition removes only the entry it created, never a later one. Making room is serialised;
 * claims, completions and releases are not.
 */
final class InMemoryIdempotencyStore implements IdempotencyStore {
    /*
     * Primitive tokens and times (nanoseconds since the store was made): a store at its bound
     * holds its keys for seconds under load, long enough to be copied by every young collection,
     * and each object fewer per key is a copy fewer (three fewer than with String tokens and
     * Instants).
     */
    private record Entry(IdempotencyStore.Status status, long token, long expiresAt) {
        boolean live(long now) {
            return status == Status.ACQUIRED && expiresAt > now;
        }
    }

    private record Acquisition(String key, long token) {
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Deque<Acquisition> acquisitions = new ConcurrentLinkedDeque<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger claimsSinceSweep = new AtomicInteger();
    private final AtomicLong tokens = new AtomicLong();
    /** No entry expires before this: a lower bound, lowered by every expiry set, recomputed by each sweep. */
    private final AtomicLong earliestExpiry = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger sweeps = new AtomicInteger();
    private final int maxEntries;
    private final Clock clock;
    /** Times are kept as nanoseconds since this epoch second. */
    private final long originSeconds;

    InMemoryIdempotencyStore(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.originSeconds = clock.instant().getEpochSecond();
    }

    @Override
    public Claim claim(String key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long now = now();
        long expiresAt = after(now, positive(lease, "lease"));
        Entry[] result = new Entry[1];
        boolean[] fresh = new boolean[1];
        entries.compute(key, (k, current) -> {
            if (current == null || current.expiresAt <= now) {
                fresh[0] = true;
                current = new Entry(Status.ACQUIRED, tokens.incrementAndGet(), expiresAt);
            }
            result[0] = current;
            return current;
        });
        if (fresh[0]) {
            lowerEarliestExpiry(expiresAt);
            Acquisition acquisition = new Acquisition(key, result[0].token);
            acquisitions.addLast(acquisition);
            queued.incrementAndGet();
            if (entries.size() > maxEntries || queued.get() > 2 * maxEntries) {
                trim(now, acquisition);
            }
            return new Claim(key, Status.ACQUIRED, Long.toString(result[0].token));
        }
        return new Claim(key, result[0].status == Status.DONE ? Status.DONE : Status.IN_PROGRESS, null);
    }

    @Override
    public boolean complete(Claim claim, Duration retention) {
        long expiresAt = after(now(), positive(retention, "retention"));
        boolean[] done = new boolean[1];
        entries.computeIfPresent(claim.key(), (k, current) -> {
            if (owns(claim, current)) {
                done[0] = true;
                return new Entry(Status.DONE, current.token, expiresAt);
            }
            return current;
        });
        if (done[0]) {
            lowerEarliestExpiry(expiresAt); // a retention may end before the lease would have
        }
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
        return claim.acquired() && current.status == Status.ACQUIRED && Long.toString(current.token).equals(claim.ownerToken());
    }

    /**
     * Brings the store back within its bound, or withdraws {@code mine} and refuses it when only
     * live claims are left; then drops stale queue items, which released or expired acquisitions
     * leave behind, so that the queue stays bounded too.
     */
    private synchronized void trim(long now, Acquisition mine) {
        if (entries.size() > maxEntries && claimsSinceSweep.incrementAndGet() >= Math.max(1, maxEntries / 16)) {
            claimsSinceSweep.set(0);
            if (now >= earliestExpiry.get()) {
                sweep(now);
            }
        }
        Deque<Acquisition> live = new ArrayDeque<>();
        // Full only when every queued acquisition was looked at and the store is still over its
        // bound: claims made meanwhile by other threads take it over again, and trim after.
        boolean exhausted = false;
        for (int left = queued.get(); entries.size() > maxEntries; left--) {
            Acquisition oldest = left > 0 ? poll() : null;
            if (oldest == null) {
                exhausted = true;
                break;
            }
            if (!forget(oldest, now)) {
                live.addLast(oldest);
            }
        }
        boolean full = exhausted && entries.size() > maxEntries;
        if (full) {
            live.remove(mine);
            entries.computeIfPresent(mine.key, (k, e) -> e.token == mine.token ? null : e);
        }
        // Live claims go back to the front, in their order: they are still the oldest.
        for (Acquisition claim = live.pollLast(); claim != null; claim = live.pollLast()) {
            acquisitions.addFirst(claim);
            queued.incrementAndGet();
        }
        for (int left = queued.get(); queued.get() > 2 * maxEntries && left > 0; left--) {
            Acquisition oldest = poll();
            if (oldest != null && isLive(oldest, now)) {
                acquisitions.addLast(oldest);
                queued.incrementAndGet();
            }
        }
        if (full) {
            throw new StoreUnavailableException("the in-memory idempotency store holds " + maxEntries
                    + " keys, its bound, and none can be forgotten: they are claims in progress");
        }
    }

    /**
     * Removes every expired entry and recomputes the earliest expiry from the rest. An expiry set
     * while it runs lowers the bound it starts again from, so none is missed.
     */
    private void sweep(long now) {
        sweeps.incrementAndGet();
        earliestExpiry.set(Long.MAX_VALUE);
        long[] earliest = {Long.MAX_VALUE};
        // removeIf on a concurrent map's values removes an entry only if it is still that value.
        entries.values().removeIf(entry -> {
            if (entry.expiresAt <= now) {
                return true;
            }
            earliest[0] = Math.min(earliest[0], entry.expiresAt);
            return false;
        });
        lowerEarliestExpiry(earliest[0]);
    }

    private void lowerEarliestExpiry(long expiresAt) {
        earliestExpiry.accumulateAndGet(expiresAt, Math::min);
    }

    /** How many sweeps for expired entries it has made: for tests that a sweep runs only when one may find something. */
    int sweeps() {
        return sweeps.get();
    }

    /** How many keys it holds: for tests of its bound. */
    int size() {
        return entries.size();
    }

    /** How many acquisitions its queue holds, stale ones included: for tests that the queue stays bounded. */
    int queued() {
        return queued.get();
    }

    private Acquisition poll() {
        Acquisition oldest = acquisitions.pollFirst();
        if (oldest != null) {
            queued.decrementAndGet();
        }
        return oldest;
    }

    /**
     * Removes the entry the acquisition created, if it is still there and not a live claim;
     * returns {@code false} only when that entry is still there and a live claim.
     */
    private boolean forget(Acquisition acquisition, long now) {
        boolean[] live = new boolean[1];
        entries.computeIfPresent(acquisition.key, (k, e) -> {
            if (e.token != acquisition.token) {
                return e;
            }
            if (e.live(now)) {
                live[0] = true;
                return e;
            }
            return null;
        });
        return !live[0];
    }

    /** Whether the entry the acquisition created is still there, live or done, and unexpired. */
    private boolean isLive(Acquisition acquisition, long now) {
        Entry e = entries.get(acquisition.key);
        return e != null && e.token == acquisition.token && e.expiresAt > now;
    }

    /** The clock's time in nanoseconds since the second the store was made. */
    private long now() {
        return nanosSince(originSeconds, clock.instant());
    }

    /**
     * An instant in nanoseconds since an epoch second, held at the ends of that range (292 years
     * either way); one short of its top, so that a lease taken there still ends after it.
     */
    static long nanosSince(long originSeconds, Instant instant) {
        long seconds = instant.getEpochSecond() - originSeconds;
        if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE - 1;
        }
        if (seconds < Long.MIN_VALUE / NANOS_PER_SECOND) {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND + instant.getNano();
    }

    /** The time a duration after {@code now}, held at the end of the range rather than overflowing it. */
    static long after(long now, Duration duration) {
        long nanos = duration.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : duration.toNanos();
        return now > Long.MAX_VALUE - nanos ? Long.MAX_VALUE : now + nanos;
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
