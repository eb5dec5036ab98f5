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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StdStreams io = new StdStreams(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = Givinghooks.commandLine(io, clock).execute(args);
        io.out().flush();
        io.err().flush();
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
