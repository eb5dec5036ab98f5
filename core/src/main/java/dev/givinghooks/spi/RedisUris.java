package dev.givinghooks.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Redis URIs every Redis store takes, whatever its client: a standalone server,
 * {@code redis://host:port} (or {@code rediss://} for TLS, with optional {@code user:password@}
 * and {@code /database}), or a Cluster given by its seed nodes,
 * {@code redis-cluster://host:port,host:port} (or {@code rediss-cluster://}), whose credentials
 * and query apply to every seed. No message quotes a URI, which may hold a password.
 */
public final class RedisUris {
    private RedisUris() {
    }

    /**
     * Tells whether a URI names a Cluster by its seeds.
     *
     * @param uri a Redis URI
     * @return whether it starts with {@code redis-cluster://} or {@code rediss-cluster://}
     */
    public static boolean isCluster(String uri) {
        Objects.requireNonNull(uri, "uri");
        return uri.startsWith("redis-cluster://") || uri.startsWith("rediss-cluster://");
    }

    /**
     * Returns the standalone URIs of the servers a URI names: the URI itself, or one
     * {@code redis://} (or {@code rediss://}) URI per Cluster seed, each with the credentials and
     * whatever follows the hosts.
     *
     * @param uri a Redis or Redis Cluster URI
     * @return one URI per server, at least one
     * @throws IllegalArgumentException if the URI is not one of those, or not well formed
     */
    public static List<String> servers(String uri) {
        if (!isCluster(uri)) {
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new IllegalArgumentException("not a Redis URI (redis://, rediss://, redis-cluster://, rediss-cluster://)");
            }
            return List.of(checked(uri));
        }
        String scheme = uri.startsWith("rediss") ? "rediss://" : "redis://";
        String rest = uri.substring(uri.indexOf("://") + 3);
        int at = rest.lastIndexOf('@');
        String credentials = rest.substring(0, at + 1);
        String hosts = rest.substring(at + 1);
        int end = hosts.length();
        for (int i = hosts.length() - 1; i >= 0; i--) {
            if (hosts.charAt(i) == '/' || hosts.charAt(i) == '?') {
                end = i;
            }
        }
        List<String> seeds = new ArrayList<>();
        for (String host : hosts.substring(0, end).split(",", -1)) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("a Redis Cluster URI lists its seed nodes: redis-cluster://host:port,host:port");
            }
            seeds.add(checked(scheme + credentials + host.strip() + hosts.substring(end)));
        }
        return List.copyOf(seeds);
    }

    /** Checks one URI now: a client would refuse it later with a message quoting it, password included. */
    private static String checked(String uri) {
        try {
            String authority = new URI(uri).getRawAuthority(); // not getHost(): a host such as redis_1 has none
            if (authority != null && !authority.endsWith("@")) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // refused below, without the URI
        }
        throw new IllegalArgumentException("not a valid Redis URI: it needs a host, and no spaces or other characters URIs do not allow");
    }
}
