package dev.givinghooks.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package) started by a test: a private cluster
 * made with {@code initdb} in a temporary directory, on a free loopback port, run by
 * {@code pg_ctl}. PostgreSQL refuses to run as root, so as root the commands run as the
 * {@code postgres} user ({@code runuser -u postgres --}). {@link #close()} stops it and deletes
 * the directory.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path bin;
    private final int port;
    private boolean running;

    private PostgresServer(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    /**
     * Creates a cluster and starts it.
     *
     * @return the running server
     * @throws IOException when it cannot be created or does not start
     * @throws InterruptedException when interrupted while waiting for it
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("givinghooks-postgres", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        PostgresServer server = new PostgresServer(directory, binaries(), RedisServer.freePort());
        try {
            if (root()) {
                server.run(List.of("chown", "postgres:postgres", directory.toString()), false);
            }
            server.run(List.of(server.bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), true);
            server.restart();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Returns the JDBC URL of its {@code postgres} database, as the {@code postgres} superuser
     * (trust authentication on loopback).
     *
     * @return the URL
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /**
     * Returns the port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Stops the server at once ({@code pg_ctl stop -m immediate}: no checkpoint, as a crash; the
     * next start recovers from the write-ahead log).
     *
     * @throws IOException when it does not stop
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void kill() throws IOException, InterruptedException {
        if (running) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"), true);
            running = false;
        }
    }

    /**
     * Starts the server on its port and data, first or again after {@link #kill()}.
     *
     * @throws IOException when it does not start
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void restart() throws IOException, InterruptedException {
        if (running) {
            throw new IllegalStateException("running");
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", directory.resolve("postgres.log").toString(),
                "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off -c max_connections=200", "start"), true);
        running = true;
    }

    private Path data() {
        return directory.resolve("data");
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            kill();
        } catch (IOException e) {
            // the directory goes anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RedisServer.deleteRecursively(directory);
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT);
        }
        if (process.exitValue() != 0) {
            String log = Files.exists(directory.resolve("postgres.log")) ? Files.readString(directory.resolve("postgres.log")) : "";
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output + log);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installed server's binaries, /usr/lib/postgresql/VERSION/bin. */
    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            throw new IOException("no PostgreSQL under /usr/lib/postgresql (Debian: apt-get install -y postgresql)");
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql/*/bin"));
        }
    }
}
