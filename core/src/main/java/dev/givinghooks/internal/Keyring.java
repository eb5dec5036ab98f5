package dev.givinghooks.internal;

import dev.givinghooks.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The keys a verifier tries, in configuration order: either prepared once from a fixed list, or
 * asked of a supplier per request (rotation without restart, per-tenant keys). Keys a supplier
 * returns are prepared once and cached, so a supplier that hands back the same secrets costs no
 * JCA set-up per request. The request only selects keys; it authenticates nothing.
 *
 * @param <S> the configured form (a secret string, a key/IV pair)
 * @param <K> the prepared form
 */
public final class Keyring<S, K> {
    private static final int CACHE_LIMIT = 1024;

    private final List<K> fixed;
    private final Function<? super WebhookRequest, ? extends List<? extends S>> supplier;
    private final Function<? super S, ? extends K> prepare;
    private final Map<S, K> cache;

    private Keyring(List<K> fixed, Function<? super WebhookRequest, ? extends List<? extends S>> supplier,
            Function<? super S, ? extends K> prepare) {
        this.fixed = fixed;
        this.supplier = supplier;
        this.prepare = prepare;
        this.cache = supplier == null ? Map.of() : new ConcurrentHashMap<>();
    }

    /**
     * Returns the keyring a builder configured: the supplier if one was set, otherwise the fixed
     * list, prepared now.
     *
     * @param noun what the keys are called in the message when none was set ("secrets", "keys")
     * @throws IllegalArgumentException if neither was set, or a fixed key is unusable
     */
    public static <S, K> Keyring<S, K> of(List<? extends S> fixed, Function<? super WebhookRequest, ? extends List<? extends S>> supplier,
            Function<? super S, ? extends K> prepare, String noun) {
        if (supplier != null) {
            return supplied(supplier, prepare);
        }
        if (fixed == null) {
            throw new IllegalArgumentException("no " + noun + " configured");
        }
        return fixed(fixed, prepare);
    }

    /**
     * Prepares a fixed list of keys now, so that bad configuration fails at build time.
     *
     * @param prepare validates and prepares one key; its {@link IllegalArgumentException} names
     *        the problem, never the value, and gets the key's position added
     */
    private static <S, K> Keyring<S, K> fixed(List<? extends S> sources, Function<? super S, ? extends K> prepare) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        List<K> keys = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            keys.add(prepareAt(i, sources.get(i), prepare, IllegalArgumentException::new));
        }
        return new Keyring<>(List.copyOf(keys), null, prepare);
    }

    /** Asks the supplier per request; a key it returns is validated and prepared on first use. */
    private static <S, K> Keyring<S, K> supplied(Function<? super WebhookRequest, ? extends List<? extends S>> supplier,
            Function<? super S, ? extends K> prepare) {
        return new Keyring<>(null, Objects.requireNonNull(supplier, "supplier"), prepare);
    }

    /**
     * Returns the keys to try for this request.
     *
     * @throws IllegalStateException if the supplier returns no keys or an unusable one: that is a
     *         configuration fault of the application, not the sender's
     */
    public List<K> keysFor(WebhookRequest request) {
        if (fixed != null) {
            return fixed;
        }
        List<? extends S> sources = supplier.apply(request);
        if (sources == null || sources.isEmpty()) {
            throw new IllegalStateException("the key supplier returned no keys for " + request);
        }
        List<K> keys = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            S source = sources.get(i);
            K key = source == null ? null : cache.get(source);
            if (key == null) {
                key = prepareAt(i, source, prepare, IllegalStateException::new);
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(source, key);
            }
            keys.add(key);
        }
        return keys;
    }

    private static <S, K> K prepareAt(int index, S source, Function<? super S, ? extends K> prepare,
            Function<String, RuntimeException> failure) {
        if (source == null) {
            throw failure.apply("key " + index + " is null");
        }
        try {
            return prepare.apply(source);
        } catch (IllegalArgumentException e) {
            throw failure.apply("key " + index + ": " + e.getMessage());
        }
    }

    /** Says how keys are found, never what they are. */
    @Override
    public String toString() {
        return fixed != null ? "Keyring[" + fixed.size() + " fixed keys]" : "Keyring[supplied per request]";
    }
}
