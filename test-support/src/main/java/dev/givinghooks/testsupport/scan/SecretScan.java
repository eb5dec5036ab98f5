package dev.givinghooks.testsupport.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The build's secret scan: looks for every secret, key, IV and signature the testkit made during a
 * module's test run (its {@code ledger-*.txt}) in everything the run produced — standard output
 * and error, so every log line ({@code output-*.log}, from {@link SecretScanSession}), every answer
 * the testkit's HTTP clients received, status line, headers and body ({@code responses-*.log}),
 * and the message of every exception thrown in the test JVMs ({@code exceptions-*.jfr}). Each
 * value is looked for as made, in either case, in the parts a header value splits into, and
 * re-encoded (hex as Base64, text as Base64). A hit names the file, the line and what was found,
 * never the value, and fails the build.
 *
 * <p>Run by the build after the tests: {@code SecretScan <directory>}.
 */
public final class SecretScan {
    /** The system property naming the directory; the testkit's ledger reads the same one. */
    static final String DIRECTORY_PROPERTY = "givinghooks.secret-scan.dir";
    /** Shorter values are not looked for: they would match by chance. */
    static final int SHORTEST = 16;

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern PARTS = Pattern.compile("[=,;: _]");
    private static final Set<String> EXCEPTION_EVENTS = Set.of("jdk.JavaExceptionThrow", "jdk.JavaErrorThrow");

    private final Map<String, List<Needle>> byPrefix = new HashMap<>();
    private int values;

    private SecretScan() {
    }

    /**
     * Scans the directory and fails when anything is found.
     *
     * @param args the directory
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SecretScan <directory>");
        }
        Report report = scan(Path.of(args[0]));
        System.out.println(report.summary());
        if (!report.hits().isEmpty()) {
            throw new IllegalStateException(report.hits().size() + " secret(s) found in the test run's output:\n"
                    + String.join("\n", report.hits()));
        }
    }

    /**
     * What a scan looked through and found.
     *
     * @param values distinct values looked for
     * @param outputBytes bytes of standard output and error
     * @param answers HTTP answers
     * @param exceptions exception messages read
     * @param probes exception messages not read: picocli's number probes (see {@link #probedByPicocli})
     * @param hits one line per hit: where, and what (never the value)
     */
    record Report(int values, long outputBytes, int answers, int exceptions, int probes, List<String> hits) {
        /**
         * Returns one line for the build's log.
         *
         * @return the summary
         */
        String summary() {
            return String.format(Locale.ROOT, "secret scan: %,d secrets, keys, IVs and signatures looked for in %,d bytes of output, "
                    + "%,d HTTP answers and %,d exception messages (%,d more were picocli's number probes): %s", values, outputBytes,
                    answers, exceptions, probes, hits.isEmpty() ? "none found" : hits.size() + " found");
        }
    }

    /**
     * Scans a directory written by a test run.
     *
     * @param directory the directory
     * @return what was looked through and found
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException when the run produced output but the ledger is empty, so that
     *     the scan could not fail
     */
    static Report scan(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new Report(0, 0, 0, 0, 0, List.of());
        }
        SecretScan scan = new SecretScan();
        List<String> hits = new ArrayList<>();
        long outputBytes = 0;
        int answers = 0;
        int exceptions = 0;
        int probes = 0;
        for (Path ledger : files(directory, "ledger-", ".txt")) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    scan.add(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        for (Path output : files(directory, "output-", ".log")) {
            String text = Files.readString(output, StandardCharsets.ISO_8859_1);
            outputBytes += text.length();
            scan.find(output.getFileName().toString(), text, hits);
        }
        for (Path responses : files(directory, "responses-", ".log")) {
            String text = Files.readString(responses, StandardCharsets.ISO_8859_1);
            answers += count(text, "--- ");
            scan.find(responses.getFileName().toString(), text, hits);
        }
        for (Path recording : files(directory, "exceptions-", ".jfr")) {
            StringBuilder messages = new StringBuilder();
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (EXCEPTION_EVENTS.contains(event.getEventType().getName())) {
                    String message = event.getString("message");
                    if (message != null && probedByPicocli(event)) {
                        probes++;
                    } else if (message != null) {
                        exceptions++;
                        messages.append(event.getClass("thrownClass").getName()).append(": ")
                                .append(message.replace('\n', ' ')).append('\n');
                    }
                }
            }
            scan.find(recording.getFileName().toString(), messages.toString(), hits);
        }
        if (scan.values == 0 && outputBytes + answers + exceptions > 0) {
            throw new IllegalStateException("the secret scan has nothing to look for in " + directory
                    + ": the tests made no secret through the testkit, so the scan could not fail");
        }
        return new Report(scan.values, outputBytes, answers, exceptions, probes, List.copyOf(hits));
    }

    /**
     * Whether the event is picocli trying an argument as a number: its parser calls
     * {@code parseInt} and the like on every argument, a secret given as an option value included,
     * and drops the {@link NumberFormatException} at once, so its message (which quotes the
     * argument) never leaves the parser. The only exception the scan does not read.
     */
    static boolean probedByPicocli(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        return event.getClass("thrownClass") != null && event.getClass("thrownClass").getName().equals(NumberFormatException.class.getName())
                && stack != null && stack.getFrames().stream().anyMatch(frame -> frame.getMethod() != null
                        && frame.getMethod().getType().getName().startsWith("picocli.CommandLine"));
    }

    private static List<Path> files(Path directory, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        }
    }

    private static int count(String text, String lineStart) {
        int n = 0;
        for (int at = text.startsWith(lineStart) ? 0 : text.indexOf('\n' + lineStart); at >= 0; at = text.indexOf('\n' + lineStart, at + 1)) {
            n++;
        }
        return n;
    }

    private record Needle(String text, String kind) {
    }

    /** Adds a value and the forms it may take in output. */
    private void add(String kind, String value) {
        values++;
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        for (String part : PARTS.split(value)) {
            forms.add(part);
        }
        for (String form : List.copyOf(forms)) {
            forms.add(form.toLowerCase(Locale.ROOT));
            forms.add(form.toUpperCase(Locale.ROOT));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(form.getBytes(StandardCharsets.UTF_8)));
            if (HEX.matcher(form).matches()) {
                byte[] bytes = HexFormat.of().parseHex(form);
                forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
                forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
        }
        for (String form : forms) {
            if (form.length() >= SHORTEST) {
                List<Needle> sharing = byPrefix.computeIfAbsent(form.substring(0, SHORTEST), p -> new ArrayList<>(1));
                sharing.add(new Needle(form, kind));
                sharing.sort(Comparator.comparingInt((Needle n) -> n.text().length()).reversed()); // the longest match first
            }
        }
    }

    /** Adds a line per hit in the text: the source, the line number and the kind, never the value. */
    private void find(String source, String text, List<String> hits) {
        int line = 1;
        for (int at = 0; at + SHORTEST <= text.length(); at++) {
            char c = text.charAt(at);
            if (c == '\n') {
                line++;
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            List<Needle> candidates = byPrefix.get(text.substring(at, at + SHORTEST));
            if (candidates != null) {
                for (Needle needle : candidates) {
                    if (text.startsWith(needle.text(), at)) {
                        hits.add(source + " line " + line + ": " + needle.kind());
                        at += needle.text().length() - 1; // one hit per occurrence, not one per part of it
                        break;
                    }
                }
            }
        }
    }
}
