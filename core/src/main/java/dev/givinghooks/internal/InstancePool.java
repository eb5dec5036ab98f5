package dev.givinghooks.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable, initialised JCA objects ({@code Mac}, {@code Cipher},
 * {@code MessageDigest}). A per-thread cache would create one instance per virtual thread, which
 * is a {@code getInstance} per request under a virtual-thread-per-request server; a pool bounded
 * by the number of cores reuses instances whatever the threads are. When every slot is taken the
 * pool makes a fresh instance, and drops an instance returned to a full pool. Slots sit a cache
 * line apart, so that two cores taking and returning instances do not contend for one line.
 */
final class InstancePool<T> {
    /** Array elements between two slots: 16 references span a 64-byte line even uncompressed at 4 bytes. */
    private static final int STRIDE = 16;

    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;
    private final int mask;

    InstancePool(Supplier<T> factory) {
        int size = Integer.highestOneBit(Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.slots = new AtomicReferenceArray<>(size * STRIDE);
        this.mask = size - 1;
        this.factory = factory;
        slots.set(0, factory.get());
    }

    T take() {
        int start = probe();
        for (int i = 0; i <= mask; i++) {
            int slot = ((start + i) & mask) * STRIDE;
            T instance = slots.get(slot);
            if (instance != null && slots.compareAndSet(slot, instance, null)) {
                return instance;
            }
        }
        return factory.get();
    }

    void give(T instance) {
        int start = probe();
        for (int i = 0; i <= mask; i++) {
            int slot = ((start + i) & mask) * STRIDE;
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, instance)) {
                return;
            }
        }
    }

    private int probe() {
        // Spread threads over the slots so that two cores rarely contend for the same one.
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 16)) & mask;
    }
}
