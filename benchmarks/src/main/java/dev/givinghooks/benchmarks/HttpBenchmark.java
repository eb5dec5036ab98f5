package dev.givinghooks.benchmarks;

import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.testsupport.PostgresServer;
import dev.givinghooks.testsupport.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The HTTP load benchmark: every adapter in a server process of its own, pinned to one core, its
 * bare and verified endpoints loaded in turn from this process, pinned to the other
 * ({@code benchmarks/run.sh http} does the pinning), over loopback at a fixed concurrency, with
 * unique validly signed SIR Giving deliveries of 1 KiB and 16 KiB (each one really claimed and
 * completed), all-duplicate deliveries, and the verified endpoint again on Redis and on PostgreSQL,
 * each store in a server process of its own, measured in turn with one more in memory, their
 * ratios' reference.
 * Beside the Redis store are its floors, stores written by hand: on the thread-per-request
 * servers one with a blocking socket per thread and one that batches every waiting command on one
 * connection ({@link HandRedisStore}); on Vert.x one on the server's own event loop
 * ({@link HandLoopRedisStore}); on Vert.x, where the library's Redis store is the one for Vert.x,
 * also the Lettuce store it replaces there.
 * Each row also has the server's CPU time per request, which bounds what the row could reach on a
 * fully busy core, and how busy the other core was.
 * Prints the table, the ratios against their budgets and {@code N budget(s) missed.}; writes
 * {@code report.md} and the chart {@code http.svg} to the output directory.
 *
 * <p>{@code HttpBenchmark <full|quick> [adapter,…]}
 */
public final class HttpBenchmark {
    private static final List<String> ADAPTERS = List.of("jetty", "tomcat", "spring", "vertx");
    private static final int CONNECTIONS = Integer.getInteger("bench.http.connections", 16);
    private static final int[] SIZES = {1024, 16384};
    /** The endpoints measured side by side, and their rows' names. */
    private static final List<String> ENDPOINTS = List.of(HttpTarget.BARE, HttpTarget.FLOOR, HttpTarget.VERIFIED);
    private static final List<String> ROWS = List.of("bare", "floor", "verified");
    private static final String REDIS = "verified 1 KiB, Redis";
    /**
     * The verified endpoint on a store written by hand, {@link HandRedisStore} (on Vert.x,
     * {@link HandLoopRedisStore}): the Redis row's round trips at their least cost per call.
     */
    private static final String REDIS_BY_HAND = "verified 1 KiB, Redis by hand";
    /** The same, batched: one connection and one thread, which sends all waiting commands in one write. */
    private static final String REDIS_BATCHED = "verified 1 KiB, Redis batched by hand";
    /** Vert.x only: the Lettuce store, which other servers use, and which does its I/O on threads of its own. */
    private static final String REDIS_LETTUCE = "verified 1 KiB, Redis, Lettuce store";
    /**
     * The verified endpoint in memory again, in a process of its own measured in turn with the
     * shared stores' ({@link #onSharedStores}): the reference of their ratios.
     */
    private static final String IN_MEMORY = "verified 1 KiB, in memory, beside the stores";
    private static final String POSTGRES = "verified 1 KiB, PostgreSQL";
    /** The Redis rows, each set against in-memory deduplication; the first is the budget's. */
    private static final List<String> REDIS_ROWS = List.of(REDIS, REDIS_BY_HAND, REDIS_BATCHED, REDIS_LETTUCE);
    /** How many warm-up slices are averaged to tell whether throughput still rises. */
    private static final int PLATEAU = 3;
    /** The JIT compilation time over {@link #PLATEAU} slices below which the JIT counts as quiet. */
    private static final long QUIET_COMPILATION_MILLIS = 30;

    private final Settings settings;
    private final Path out;
    private final List<String> budgets = new ArrayList<>();
    /** Ratios shown beside the budgets, for reading them; not budgets. */
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<String, Figures>> results = new LinkedHashMap<>();
    private long sequence;
    private int missed;

    /**
     * How long and how often. A warm-up runs in slices until its throughput has levelled off (the
     * mean of its last {@value #PLATEAU} slices no more than 2 % above the mean of the
     * {@value #PLATEAU} before) and the server's JIT has gone quiet (see {@link #compiling}), and
     * at least {@code minWarmupSeconds} have passed, at most {@code maxWarmupSeconds}. With the
     * server on one core, the JIT's compiler threads take turns with the server's, and a server is
     * still speeding up for 30 s or more (Lettuce's and the JDBC driver's code paths the longest):
     * a fixed few seconds measured the compiler, not the adapter.
     */
    record Settings(double sliceSeconds, double minWarmupSeconds, double maxWarmupSeconds, double roundSeconds, int rounds) {
        static Settings of(String mode) {
            return switch (mode) {
                case "full" -> new Settings(1, 6, 120, 3, 5);
                case "quick" -> new Settings(1, 1, 1, 1, 1);
                default -> throw new IllegalArgumentException("usage: HttpBenchmark <full|quick> [adapter,...]");
            };
        }
    }

    /**
     * The medians over the rounds of one endpoint in one setting; {@code serverCpuMicros} is the
     * server process's CPU time (user and system) per answered request, {@code otherCoreBusy} the
     * share of the time CPU 1, which the load generator shares with Redis and PostgreSQL, was busy.
     */
    record Figures(double requestsPerSecond, double p50Millis, double p99Millis, double serverCpuMicros, double otherCoreBusy) {
    }

    /** One measured round: the load's result, the server's CPU time per answered request in microseconds, CPU 1's busy share. */
    record Round(HttpLoad.Result load, double serverCpuMicros, double otherCoreBusy) {
    }

    private HttpBenchmark(Settings settings, Path out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the benchmark.
     *
     * @param args the mode, then optionally a comma-separated list of adapters
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.of(args.length > 0 ? args[0] : "full");
        List<String> adapters = args.length > 1 ? List.of(args[1].split(",")) : ADAPTERS;
        Path out = Files.createDirectories(Path.of(System.getProperty("bench.out", "benchmarks/target/http")));
        HttpBenchmark benchmark = new HttpBenchmark(settings, out);
        benchmark.run(adapters);
    }

    private void run(List<String> adapters) throws Exception {
        log("HTTP load: %d connections, warm-up until steady (%.0f-%.0f s in slices of %.0f s), %d round(s) of %.0f s per endpoint,"
                + " medians; %s", CONNECTIONS, settings.minWarmupSeconds(), settings.maxWarmupSeconds(), settings.sliceSeconds(),
                settings.rounds(), settings.roundSeconds(), cpus());
        for (String adapter : adapters) {
            try (TargetProcess target = TargetProcess.start(adapter, "memory")) {
                // Every endpoint and size first, so that code they share is compiled before any is measured.
                for (int size : SIZES) {
                    for (String path : ENDPOINTS) {
                        warmUp(target, path, size);
                    }
                }
                for (int size : SIZES) {
                    Figures[] figures = alternate(target, size);
                    for (int i = 0; i < ENDPOINTS.size(); i++) {
                        record(adapter, ROWS.get(i) + " " + kib(size), figures[i]);
                    }
                }
                record(adapter, "duplicates 1 KiB", duplicates(target));
            }
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.http.shared-stores", "true"))) {
            report(adapters); // in-memory deduplication only, for a quicker look at the adapters
            return;
        }
        try (PostgresServer postgres = PostgresServer.start()) {
            for (String adapter : adapters) {
                onSharedStores(adapter, postgres);
            }
        }
        report(adapters);
    }

    /**
     * Measures an adapter's verified endpoint at 1 KiB on every shared store, and again in memory,
     * each in a server process of its own, round after round in turn: the shared stores' ratios to
     * in-memory deduplication are then taken from rounds minutes apart at most, not from the first
     * phase's in-memory rounds, which ran up to half an hour before (over a run, the same row moved
     * by a tenth or more while nothing changed). Each Redis row has a Redis of its own, started
     * from an empty database, and keeps the append-only file as a deployment would, but without
     * the automatic rewrite: a rewrite forks and writes out every key, for seconds of CPU 1
     * whenever the file has doubled, so it fell on whichever row ran then. The processes not
     * being loaded wait idle.
     */
    private void onSharedStores(String adapter, PostgresServer postgres) throws Exception {
        Map<String, String> redisSchemes = new LinkedHashMap<>();
        redisSchemes.put(REDIS, "redis");
        // On Vert.x, by hand is HandLoopRedisStore: an event loop must not block.
        redisSchemes.put(REDIS_BY_HAND, HandRedisStore.SCHEME);
        if (adapter.equals("vertx")) {
            redisSchemes.put(REDIS_LETTUCE, HttpTarget.LETTUCE_SCHEME);
        } else {
            redisSchemes.put(REDIS_BATCHED, HandRedisStore.BATCHED_SCHEME);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Map<String, String> stores = new LinkedHashMap<>(); // each row's store spec
            stores.put(IN_MEMORY, "memory");
            for (Map.Entry<String, String> row : redisSchemes.entrySet()) {
                RedisServer redis = RedisServer.start(List.of("--appendfsync", "everysec", "--auto-aof-rewrite-percentage", "0"));
                opened.add(redis);
                stores.put(row.getKey(), redis.uri().replace("redis://", row.getValue() + "://"));
            }
            stores.put(POSTGRES, postgres.jdbcUrl());
            List<Measured> measured = new ArrayList<>();
            for (String spec : stores.values()) {
                TargetProcess target = TargetProcess.start(adapter, spec);
                opened.add(target);
                measured.add(new Measured(target, HttpTarget.VERIFIED, 1024));
            }
            Figures[] figures = alternate(measured);
            int i = 0;
            for (String row : stores.keySet()) {
                record(adapter, row, figures[i++]);
            }
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    /** An endpoint of a target at a size: what {@link #alternate} measures in turn with others. */
    private record Measured(TargetProcess target, String path, int size) {
    }

    /** Warms every endpoint of the target up again, then measures them in turn; returns their figures in {@link #ENDPOINTS}' order. */
    private Figures[] alternate(TargetProcess target, int size) throws IOException {
        return alternate(ENDPOINTS.stream().map(path -> new Measured(target, path, size)).toList());
    }

    /**
     * Warms each one up, then measures them in turn, round after round, so that whatever drifts
     * on the machine meanwhile falls on them all alike; returns their figures in order.
     */
    private Figures[] alternate(List<Measured> all) throws IOException {
        List<List<Round>> rounds = new ArrayList<>();
        for (Measured one : all) {
            warmUp(one.target(), one.path(), one.size());
            rounds.add(new ArrayList<>());
        }
        for (int round = 0; round < settings.rounds(); round++) {
            for (int i = 0; i < all.size(); i++) {
                rounds.get(i).add(measure(all.get(i).target(), all.get(i).path(), all.get(i).size()));
            }
        }
        return rounds.stream().map(HttpBenchmark::medians).toArray(Figures[]::new);
    }

    /** One delivery processed, then sent again and again: every answer a 200 from the store. */
    private Figures duplicates(TargetProcess target) throws IOException {
        byte[][] once = requests(HttpTarget.VERIFIED, 1024, 1);
        HttpLoad.run(target.address(), once, false, 1, 10, 204);
        warmUp(target, "duplicates", () -> HttpLoad.run(target.address(), once, true, CONNECTIONS, settings.sliceSeconds(), 200));
        List<Round> rounds = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            rounds.add(measured(target, () -> HttpLoad.run(target.address(), once, true, CONNECTIONS, settings.roundSeconds(), 200)));
        }
        return medians(rounds);
    }

    private void warmUp(TargetProcess target, String path, int size) throws IOException {
        warmUp(target, path + " " + kib(size), () -> load(target, path, size, settings.sliceSeconds()));
    }

    /** Loads in slices until throughput levels off and the JIT has gone quiet (see {@link Settings}); logs how long that took. */
    private void warmUp(TargetProcess target, String what, Slice slice) throws IOException {
        List<Double> rates = new ArrayList<>();
        List<Long> compiled = new ArrayList<>();
        double seconds = 0;
        boolean warming;
        do {
            HttpLoad.Result result = slice.run();
            rates.add(result.requestsPerSecond());
            compiled.add(target.compilationMillis.get());
            seconds += result.seconds();
            warming = rising(rates) || compiling(compiled);
        } while (seconds < settings.maxWarmupSeconds() && (seconds < settings.minWarmupSeconds() || warming));
        log("%-8s warm-up of %-22s %5.0f s, last slice %,10.0f req/s%s", target.label, what, seconds, rates.get(rates.size() - 1),
                warming && settings.maxWarmupSeconds() > settings.minWarmupSeconds() ? " (still warming at the limit)" : "");
    }

    /**
     * Whether the JIT compiled for more than {@value #QUIET_COMPILATION_MILLIS} ms over the last
     * {@value #PLATEAU} slices: while it does, the server is still being made faster, in jumps
     * that a throughput plateau between two of them would hide (Spring on Redis sits at 2,800
     * deliveries/s for seconds at a time on its way to 12,500).
     */
    private static boolean compiling(List<Long> compiled) {
        int n = compiled.size();
        return n <= PLATEAU || compiled.get(n - 1) - compiled.get(n - 1 - PLATEAU) > QUIET_COMPILATION_MILLIS;
    }

    /** Whether the last slices' mean is over 2 % above the mean of those before them, or there are too few to tell. */
    private static boolean rising(List<Double> rates) {
        int n = rates.size();
        if (n < 2 * PLATEAU) {
            return true;
        }
        double recent = rates.subList(n - PLATEAU, n).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double before = rates.subList(n - 2 * PLATEAU, n - PLATEAU).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return recent > 1.02 * before;
    }

    /** One slice of a warm-up. */
    private interface Slice {
        HttpLoad.Result run() throws IOException;
    }

    /** A round; one whose unique requests ran out is run again with more, up to eight times. */
    private Round measure(TargetProcess target, String path, int size) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Round round = measured(target, () -> load(target, path, size, settings.roundSeconds()));
            if (!round.load().ranOut()) {
                return round;
            }
            if (attempt == 7) {
                throw new IllegalStateException("requests ran out eight times on " + path + ": " + round.load().completed() + " in "
                        + round.load().seconds() + " s");
            }
        }
    }

    /** Runs a slice of load and reads the server's CPU time, and CPU 1's, around it. */
    private static Round measured(TargetProcess target, Slice slice) throws IOException {
        long before = target.cpuNanos();
        long[] otherBefore = otherCore();
        HttpLoad.Result result = slice.run();
        long[] otherAfter = otherCore();
        double otherBusy = otherAfter[1] > otherBefore[1]
                ? (double) (otherAfter[0] - otherBefore[0]) / (otherAfter[1] - otherBefore[1]) : Double.NaN;
        double cpuMicros = before < 0 ? Double.NaN : (target.cpuNanos() - before) / 1e3 / Math.max(1, result.completed());
        return new Round(result, cpuMicros, otherBusy);
    }

    /** CPU 1's busy and total clock ticks so far, from {@code /proc/stat}; zeros where there is no such line. */
    private static long[] otherCore() throws IOException {
        Path stat = Path.of("/proc/stat");
        if (Files.exists(stat)) {
            for (String line : Files.readAllLines(stat)) {
                if (line.startsWith("cpu1 ")) {
                    String[] ticks = line.substring(5).strip().split(" +");
                    long busy = 0;
                    long total = 0;
                    for (int i = 0; i < Math.min(8, ticks.length); i++) { // guest time is in user time already
                        long value = Long.parseLong(ticks[i]);
                        total += value;
                        busy += i == 3 || i == 4 ? 0 : value; // idle and iowait are not busy
                    }
                    return new long[] {busy, total};
                }
            }
        }
        return new long[2];
    }

    /**
     * Loads the endpoint for the time given. The verified endpoint gets unique deliveries, enough
     * for twice the fastest rate it has shown (a round that still runs out, while the JIT is
     * still speeding it up, is run again); the bare and floor ones, which keep nothing, cycle
     * through a thousand of the same kind, which keeps the load generator's memory small at 16 KiB.
     */
    private HttpLoad.Result load(TargetProcess target, String path, int size, double seconds) throws IOException {
        String key = path + size;
        boolean unique = path.equals(HttpTarget.VERIFIED);
        double rate = target.rates.getOrDefault(key, size > 4096 ? 20_000.0 : 50_000.0);
        int count = unique ? (int) Math.max(CONNECTIONS, 2 * rate * seconds) : 1000;
        HttpLoad.Result result = HttpLoad.run(target.address(), requests(path, size, count), !unique, CONNECTIONS, seconds, 204);
        target.rates.merge(key, result.requestsPerSecond(), Math::max);
        return result;
    }

    /** Builds unique, validly signed deliveries: the event id is a sequence number, the timestamp now. */
    private byte[][] requests(String path, int size, int count) {
        byte[] template = Bodies.sirActionCompleted(size);
        int id = indexOf(template, "\"id\":\"evt_".getBytes(StandardCharsets.US_ASCII)) + 10;
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[][] requests = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] body = template.clone();
            byte[] unique = String.format(Locale.ROOT, "%024x", ++sequence).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(unique, 0, body, id, unique.length);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "User-Agent: SIRGiving-Webhooks/1.0\r\n" + SirGiving.TIMESTAMP_HEADER + ": " + timestamp + "\r\n"
                    + SirGiving.SIGNATURE_HEADER + ": " + SirGiving.sign(Bodies.SIR_SECRET, timestamp, body) + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            requests[i] = request;
        }
        return requests;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the template has no event id");
    }

    private static Figures medians(List<Round> rounds) {
        return new Figures(median(rounds, r -> r.load().requestsPerSecond()), median(rounds, r -> r.load().percentileMillis(50)),
                median(rounds, r -> r.load().percentileMillis(99)), median(rounds, Round::serverCpuMicros),
                median(rounds, Round::otherCoreBusy));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private void record(String adapter, String row, Figures figures) {
        results.computeIfAbsent(adapter, a -> new LinkedHashMap<>()).put(row, figures);
        log("%-8s %-38s %,10.0f req/s   p50 %6.2f ms   p99 %6.2f ms   server CPU %5.1f µs/req   CPU 1 %3.0f %% busy", adapter, row,
                figures.requestsPerSecond(), figures.p50Millis(), figures.p99Millis(), figures.serverCpuMicros(), 100 * figures.otherCoreBusy());
    }

    private void report(List<String> adapters) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| adapter | endpoint | requests/s | p50 ms | p99 ms | server CPU µs/req | CPU 1 busy |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        results.forEach((adapter, rows) -> rows.forEach((row, f) -> table.append(String.format(Locale.ROOT,
                "| %s | %s | %,.0f | %.2f | %.2f | %.1f | %.0f %% |\n", adapter, row, f.requestsPerSecond(), f.p50Millis(), f.p99Millis(),
                f.serverCpuMicros(), 100 * f.otherCoreBusy()))));
        for (String adapter : adapters) {
            Map<String, Figures> rows = results.get(adapter);
            Figures bare = rows.get("bare 1 KiB");
            Figures verified = rows.get("verified 1 KiB");
            Figures floor = rows.get("floor 1 KiB");
            notes.add(String.format(Locale.ROOT, "%-56s %.3f  (the ceiling: checked by hand, nothing else)",
                    adapter + " floor/bare throughput, 1 KiB", floor.requestsPerSecond() / bare.requestsPerSecond()));
            notes.add(String.format(Locale.ROOT, "%-56s %.3f  (the floor of the p99 ratio)", adapter + " floor/bare p99 latency, 1 KiB",
                    floor.p99Millis() / bare.p99Millis()));
            notes.add(String.format(Locale.ROOT, "%-56s %.3f", adapter + " verified/floor throughput, 1 KiB",
                    verified.requestsPerSecond() / floor.requestsPerSecond()));
            budget(adapter + " verified/bare throughput, 1 KiB", verified.requestsPerSecond() / bare.requestsPerSecond(), 0.90, true,
                    String.format(Locale.ROOT, " (%.2f from the 0.95 the best should reach)",
                            verified.requestsPerSecond() / bare.requestsPerSecond() - 0.95));
            budget(adapter + " verified/bare p99 latency, 1 KiB", verified.p99Millis() / bare.p99Millis(), 1.15, false, "");
            Figures inMemory = rows.get(IN_MEMORY);
            if (inMemory == null) {
                continue; // in-memory deduplication only
            }
            for (String row : REDIS_ROWS) {
                Figures redis = rows.get(row);
                if (redis == null) {
                    continue;
                }
                String name = adapter + " " + row.substring("verified 1 KiB, ".length());
                if (!row.equals(REDIS)) {
                    notes.add(String.format(Locale.ROOT, "%-56s %.3f", name + "/in-memory throughput",
                            redis.requestsPerSecond() / inMemory.requestsPerSecond()));
                }
                // A core does at most a second of work a second: at this CPU cost per request, no more than this.
                notes.add(String.format(Locale.ROOT, "%-56s %.3f  (%.1f µs of server CPU a request, %.1f in memory; CPU 1 %.0f %% busy)",
                        name + " at a full core/in-memory", 1e6 / redis.serverCpuMicros() / inMemory.requestsPerSecond(), redis.serverCpuMicros(),
                        inMemory.serverCpuMicros(), 100 * redis.otherCoreBusy()));
            }
            budget(adapter + " Redis/in-memory throughput", rows.get(REDIS).requestsPerSecond() / inMemory.requestsPerSecond(), 0.70, true, "");
            budget(adapter + " PostgreSQL/in-memory throughput", rows.get(POSTGRES).requestsPerSecond() / inMemory.requestsPerSecond(), 0.50,
                    true, "");
        }
        System.out.println();
        System.out.print(table);
        System.out.println();
        notes.forEach(System.out::println);
        System.out.println();
        budgets.forEach(System.out::println);
        String last = missed + " budget(s) missed.";
        System.out.println(last);
        Files.writeString(out.resolve("report.md"), table + "\n" + String.join("\n", notes) + "\n\n" + String.join("\n", budgets) + "\n"
                + last + "\n");
        Files.writeString(out.resolve("http.svg"), HttpChart.svg(results, CONNECTIONS));
        log("wrote %s and %s", out.resolve("report.md"), out.resolve("http.svg"));
    }

    private void budget(String name, double ratio, double limit, boolean atLeast, String note) {
        boolean met = atLeast ? ratio >= limit : ratio <= limit;
        if (!met) {
            missed++;
        }
        budgets.add(String.format(Locale.ROOT, "%-56s %.3f  %s %.2f  %s%s", name, ratio, atLeast ? ">=" : "<=", limit,
                met ? "met" : "MISSED", note));
    }

    private static String kib(int size) {
        return size / 1024 + " KiB";
    }

    private static String cpus() {
        return "the load generator sees " + Runtime.getRuntime().availableProcessors() + " CPU(s)";
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** A target server process, pinned to CPU 0 when {@code taskset} is there. */
    static final class TargetProcess implements AutoCloseable {
        private final Process process;
        private final InetSocketAddress address;
        /** The adapter, and the store's kind unless in memory, for the log: never a URI. */
        private final String label;
        /** The server's JIT compilation time so far, as it last reported it. */
        final AtomicLong compilationMillis = new AtomicLong();
        /** The fastest rate seen per endpoint and size, to size the next batch of unique requests. */
        final Map<String, Double> rates = new HashMap<>();

        private TargetProcess(Process process, int port, String label) {
            this.process = process;
            this.label = label;
            this.address = new InetSocketAddress("127.0.0.1", port);
        }

        static TargetProcess start(String adapter, String store) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
                command.addAll(List.of("/usr/bin/taskset", "-c", System.getProperty("bench.http.server-cpus", "0")));
            }
            command.addAll(List.of(java, "-Xms1g", "-Xmx1g"));
            String options = System.getProperty("bench.http.server-options", "").strip(); // e.g. a profiler's
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), HttpTarget.class.getName(), adapter, store));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("READY ")) {
                    String label = store.equals("memory") ? adapter : adapter + " on " + store.substring(0, store.indexOf(':'));
                    TargetProcess target = new TargetProcess(process, Integer.parseInt(line.substring(6).strip()), label);
                    Thread drain = new Thread(() -> lines.lines().forEach(more -> {
                        if (more.startsWith(HttpTarget.COMPILATION)) {
                            target.compilationMillis.set(Long.parseLong(more.substring(HttpTarget.COMPILATION.length())));
                        } else {
                            System.out.println(adapter + ": " + more);
                        }
                    }));
                    drain.setDaemon(true);
                    drain.start(); // a full pipe would stall the server
                    return target;
                }
                System.out.println(adapter + ": " + line);
            }
            process.destroyForcibly();
            throw new IOException("the " + adapter + " target did not start");
        }

        InetSocketAddress address() {
            return address;
        }

        /**
         * Returns the server process's CPU time so far, user and system, from {@code /proc} (in
         * clock ticks of 10 ms, the kernel's {@code USER_HZ}); -1 where there is no {@code /proc}.
         */
        long cpuNanos() throws IOException {
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            if (!Files.exists(stat)) {
                return -1;
            }
            String line = Files.readString(stat);
            // After "pid (name) ": state is field 3, utime field 14, stime field 15.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
