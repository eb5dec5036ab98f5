package dev.givinghooks.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The data every Redis store keeps, whatever its client, so that stores on different clients share
 * one Redis: one string a key, {@code prefix + key}, holding {@link #PENDING} and the claim's owner
 * token while claimed and {@link #DONE} once done, expiring on Redis's clock. A claim is
 * {@code SET key P<token> NX PX lease GET}; completing and releasing are the scripts below, run by
 * their SHA-1 ({@code EVALSHA}), and by body ({@code EVAL}) when Redis answers {@code NOSCRIPT}.
 * The scripts compare the whole value, so a late owner whose lease expired acts on nothing, and a
 * done key is never released; {@link #claimed} reads a claim's reply.
 */
public final class RedisData {
    /** What a claimed key's value starts with, before the owner token. */
    public static final String PENDING = "P";
    /** A done key's value. */
    public static final String DONE = "D";
    /** Turns the caller's own claim ({@code KEYS[1]}, {@code ARGV[1]}) into {@link #DONE} for {@code ARGV[2]} ms; returns 1, or 0 when the claim is not the caller's. */
    public static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], 'D', 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    /** Deletes the caller's own claim ({@code KEYS[1]}, {@code ARGV[1]}); returns 1, or 0 when the claim is not the caller's. */
    public static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
    /** {@link #COMPLETE}'s SHA-1, in hex, as {@code EVALSHA} takes it. */
    public static final String COMPLETE_SHA = sha1(COMPLETE);
    /** {@link #RELEASE}'s SHA-1, in hex, as {@code EVALSHA} takes it. */
    public static final String RELEASE_SHA = sha1(RELEASE);

    private RedisData() {
    }

    /**
     * Reads the reply to a claim, {@code SET key P<token> NX PX lease GET}: what held the key
     * before, or {@code null} when nothing did. The claim is acquired when nothing held the key,
     * or when the claim itself did (a claim sent again after Redis had taken it finds its own
     * value); the key is done when it holds {@link #DONE}, and in progress under another claim.
     *
     * @param key the idempotency key, without the store's prefix
     * @param token the claim's owner token
     * @param holder the reply: the key's value before the claim, or {@code null}
     * @return the claim
     */
    public static IdempotencyStore.Claim claimed(String key, String token, String holder) {
        if (holder == null || holder.length() == PENDING.length() + token.length() && holder.startsWith(PENDING) && holder.endsWith(token)) {
            return new IdempotencyStore.Claim(key, IdempotencyStore.Status.ACQUIRED, token);
        }
        return new IdempotencyStore.Claim(key, DONE.equals(holder) ? IdempotencyStore.Status.DONE : IdempotencyStore.Status.IN_PROGRESS, null);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
