package dev.givinghooks.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the command line in-process with captured streams, as the tests' single entry point. */
final class Cli {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The clock sign uses when no --timestamp is given: 2025-05-10T11:20:00Z = 1746876000. */
    static final Instant NOW = Instant.ofEpochSecond(1746876000L);

    private Cli() {
    }

    /** The outcome of one command line. */
    record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Parses standard output as exactly one line holding one JSON document. */
        JsonNode json() {
            String out = out();
            if (!out.endsWith("\n") || out.indexOf('\n') != out.length() - 1) {
                throw new AssertionError("standard output is not exactly one line: " + out);
            }
            return JSON.readTree(out);
        }

        /** Everything the command printed, for leak checks. */
        String all() {
            return out() + stderr;
        }
    }

    static Run run(String... args) {
        return run(new byte[0], args);
    }

    static Run run(byte[] stdin, String... args) {
        return run(Clock.fixed(NOW, ZoneOffset.UTC), stdin, args);
    }

    static Run run(Clock clock, byte[] stdin, String... args) {
        return run(clock, java.util.Map.of(), stdin, args);
    }

    static Run run(Clock clock, java.util.Map<String, String> environment, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StdStreams io = new StdStreams(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Givinghooks.commandLine(io, clock, environment::get).execute(args);
        io.out().flush();
        io.err().flush();
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** A command line running on another thread, with its streams readable while it runs. */
    record Running(java.util.concurrent.CompletableFuture<Integer> exit, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until standard error shows a loopback URL and returns its base, {@code http://127.0.0.1:PORT}. */
        java.net.URI awaitBase() throws InterruptedException {
            java.util.regex.Pattern url = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                java.util.regex.Matcher found = url.matcher(stderr());
                if (found.find()) {
                    return java.net.URI.create("http://127.0.0.1:" + found.group(1));
                }
                if (exit.isDone()) {
                    throw new AssertionError("ended before listening: " + stderr());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no URL on standard error: " + stderr());
        }
    }

    /** Starts a command line on another thread. */
    static Running start(java.util.Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StdStreams io = new StdStreams(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Givinghooks.commandLine(io, Clock.systemUTC(), environment::get).execute(args), task -> {
                    Thread thread = new Thread(task, "cli-" + args[0]);
                    thread.setDaemon(true);
                    thread.start();
                });
        return new Running(exit, out, err);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
