package dev.givinghooks.testkit.contract;

import dev.givinghooks.Verified;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The contract suite's application: records every call and follows a script per idempotency key. */
final class ScriptedApplication implements Application {
    /** One scripted answer; the default answer is 200. */
    @FunctionalInterface
    interface Step {
        int run(Verified<?> verified) throws Exception;
    }

    static final int DEFAULT_STATUS = 200;

    private final Map<String, Queue<Step>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Verified<?>>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

    void script(String idempotencyKey, Step... steps) {
        scripts.computeIfAbsent(idempotencyKey, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(steps));
    }

    @Override
    public int handle(Verified<?> verified) throws Exception {
        calls.computeIfAbsent(verified.idempotencyKey(), k -> new CopyOnWriteArrayList<>()).add(verified);
        total.incrementAndGet();
        Queue<Step> script = scripts.get(verified.idempotencyKey());
        Step step = script == null ? null : script.poll();
        int status = step == null ? DEFAULT_STATUS : step.run(verified);
        if (status >= 200 && status < 300) {
            processed.computeIfAbsent(verified.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        }
        return status;
    }

    /** How many calls for a key ended in a 2xx answer: the times the event was processed. */
    int processed(String idempotencyKey) {
        AtomicInteger count = processed.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    List<Verified<?>> calls(String idempotencyKey) {
        return calls.getOrDefault(idempotencyKey, List.of());
    }

    int total() {
        return total.get();
    }
}
