package dev.givinghooks.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of masters started by a test on loopback: one {@code redis-server
 * --cluster-enabled yes} per master, joined by {@code redis-cli --cluster create}, each with the
 * slots it was given. {@link #close()} stops them all.
 */
public final class RedisCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> masters;

    private RedisCluster(List<RedisServer> masters) {
        this.masters = masters;
    }

    /**
     * Starts a cluster and waits until every node reports {@code cluster_state:ok}.
     *
     * @param masterCount how many masters, at least 3 (Redis's minimum)
     * @return the running cluster
     * @throws IOException when a node does not start or the cluster does not form
     * @throws InterruptedException when interrupted while it forms
     */
    public static RedisCluster start(int masterCount) throws IOException, InterruptedException {
        List<RedisServer> masters = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(masters);
        try {
            for (int i = 0; i < masterCount; i++) {
                masters.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000")));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            masters.forEach(master -> create.add("127.0.0.1:" + master.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process cli = new ProcessBuilder(create).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IOException("redis-cli --cluster create failed: " + output);
            }
            cluster.awaitReady();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ready = true;
            for (RedisServer master : masters) {
                ready &= RedisServer.command(master.port(), "CLUSTER", "INFO").startsWith("cluster_state:ok");
            }
            if (ready) {
                return;
            }
            RedisServer.sleep(50);
        }
        throw new IOException("the cluster did not reach cluster_state:ok within " + READY_TIMEOUT);
    }

    /**
     * Returns the masters.
     *
     * @return the running nodes, in start order
     */
    public List<RedisServer> masters() {
        return List.copyOf(masters);
    }

    /**
     * Returns the cluster's URI with every node as a seed:
     * {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...}.
     *
     * @return the URI
     */
    public String uri() {
        return "redis-cluster://" + masters.stream().map(master -> "127.0.0.1:" + master.port()).collect(Collectors.joining(","));
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        masters.forEach(RedisServer::close);
    }
}
