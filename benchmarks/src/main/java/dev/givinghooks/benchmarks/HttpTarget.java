package dev.givinghooks.benchmarks;

import dev.givinghooks.benchmarks.http.spring.TargetApplication;
import dev.givinghooks.jdbc.JdbcIdempotencyStore;
import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.redis.vertx.VertxRedisIdempotencyStore;
import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.vertx.WebhookHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.EnumSet;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server side of the HTTP benchmark, in a process of its own: one adapter on its framework's
 * server, answering on loopback
 * <ul>
 * <li>{@value #BARE}: the bare endpoint, which reads the body and answers 204, as the
 *     application's own handler would without the library;
 * <li>{@value #VERIFIED}: the same handler behind the adapter, SIR Giving verification and
 *     deduplication on, in the store given: on Vert.x, {@code redis://} is the library's store
 *     for Vert.x ({@link VertxRedisIdempotencyStore}) and {@code lettuce+redis://} the Lettuce
 *     one; for the Redis floors, {@link HandRedisStore}, on Vert.x {@link HandLoopRedisStore};
 * <li>{@value #FLOOR}: the bare endpoint's work plus the floor's, a delivery checked by hand
 *     ({@link HandVerified}): the ceiling of what any verifying endpoint can reach.
 * </ul>
 * Prints {@code READY <port>} once serving, then the JIT's compilation time every 200 ms, and
 * serves until its standard input closes.
 *
 * <p>{@code HttpTarget <jetty|tomcat|spring|vertx> <memory|redis://…|hand+redis://…|batched+redis://…|lettuce+redis://…|jdbc:postgresql://…>}
 */
public final class HttpTarget {
    /** The bare endpoint's path. */
    public static final String BARE = "/bare";
    /** The verified endpoint's path. */
    public static final String VERIFIED = "/webhooks/sir-giving";
    /** The floor endpoint's path. */
    public static final String FLOOR = "/floor";
    /** The scheme of the Lettuce store's spec on Vert.x, {@code lettuce+redis://host:port}; elsewhere {@code redis://} is it. */
    static final String LETTUCE_SCHEME = "lettuce+redis";
    /** The prefix of the lines reporting the JIT's accumulated compilation time in milliseconds. */
    static final String COMPILATION = "JIT ";

    private HttpTarget() {
    }

    /**
     * Starts the adapter and serves until standard input closes.
     *
     * @param args the adapter and the store
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HttpTarget <jetty|tomcat|spring|vertx> <memory|redis://...|hand+redis://...|batched+redis://...|lettuce+redis://...|jdbc:postgresql://...>");
        }
        boolean onVertx = args[0].equals("vertx");
        boolean byHand = args[1].startsWith(HandRedisStore.SCHEME + "://");
        boolean sharesLoop = onVertx && byHand;
        if (args[1].startsWith(LETTUCE_SCHEME + "://") && !onVertx) {
            throw new IllegalArgumentException(LETTUCE_SCHEME + ":// is for the vertx target only; redis:// is the Lettuce store elsewhere");
        }
        if (onVertx && args[1].startsWith(HandRedisStore.BATCHED_SCHEME + "://")) {
            throw new IllegalArgumentException(HandRedisStore.BATCHED_SCHEME + ":// blocks, which Vert.x's event loop must not");
        }
        // One event loop when the hand-written Redis connection is to share it with the HTTP server.
        Vertx vertx = onVertx ? Vertx.vertx(new VertxOptions().setEventLoopPoolSize(sharesLoop ? 1 : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)) : null;
        IdempotencyStore store;
        if (sharesLoop) {
            // On an event loop, the hand-written store is the non-blocking one, on the loop like the library's.
            store = HandLoopRedisStore.connect(vertx, args[1]);
        } else if (onVertx && args[1].startsWith("redis://")) {
            store = VertxRedisIdempotencyStore.builder(vertx, args[1]).connect().await();
        } else if (onVertx && args[1].startsWith(LETTUCE_SCHEME + "://")) {
            store = RedisIdempotencyStore.connect(args[1].substring("lettuce+".length()));
        } else {
            store = store(args[1]);
        }
        AutoCloseable server;
        int port;
        switch (args[0]) {
            case "jetty" -> {
                Server jetty = jetty(store);
                server = jetty::stop;
                port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            }
            case "tomcat" -> {
                Tomcat tomcat = tomcat(store);
                server = tomcat::stop;
                port = tomcat.getConnector().getLocalPort();
            }
            case "spring" -> {
                TargetApplication.Running spring = TargetApplication.run(Bodies.SIR_SECRET, store);
                server = spring;
                port = spring.port();
            }
            case "vertx" -> {
                HttpServer http = vertx(vertx, store);
                server = () -> vertx.close().await();
                port = http.actualPort();
            }
            default -> throw new IllegalArgumentException("unknown adapter " + args[0]);
        }
        System.out.println("READY " + port);
        System.out.flush();
        reportCompilation();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our standard input
        }
        server.close();
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
        System.exit(0);
    }

    /**
     * Prints {@code JIT <milliseconds>}, the JIT's accumulated compilation time, every 200 ms:
     * the benchmark's warm-up waits until it stops growing.
     */
    private static void reportCompilation() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        Thread reporter = new Thread(() -> {
            try {
                while (true) {
                    System.out.println(COMPILATION + jit.getTotalCompilationTime());
                    Thread.sleep(200);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "compilation-reporter");
        reporter.setDaemon(true);
        reporter.start();
    }

    static IdempotencyStore store(String spec) {
        if (spec.equals("memory")) {
            return IdempotencyStore.inMemory();
        }
        if (spec.startsWith("redis://")) {
            return RedisIdempotencyStore.connect(spec);
        }
        if (spec.startsWith(HandRedisStore.SCHEME + "://") || spec.startsWith(HandRedisStore.BATCHED_SCHEME + "://")) {
            return HandRedisStore.connect(spec);
        }
        if (spec.startsWith("jdbc:")) {
            return JdbcIdempotencyStore.builder(spec).createTable(true).build();
        }
        throw new IllegalArgumentException("unknown store " + spec);
    }

    /** The bare endpoint's work, and the verified endpoint's after the filter: read the body, answer 204. */
    static final class NoContent extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    /** The floor endpoint: the bare work plus a delivery checked by hand; 401 when it fails. */
    static final class HandChecked extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            boolean valid = HandVerified.check(request.getHeader(SirGiving.TIMESTAMP_HEADER),
                    request.getHeader(SirGiving.SIGNATURE_HEADER), body);
            response.setStatus(valid ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    private static WebhookFilter filter(IdempotencyStore store) {
        return WebhookFilter.builder(SirGiving.verifier(Bodies.SIR_SECRET)).idempotencyStore(store).build();
    }

    private static Server jetty(IdempotencyStore store) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter(store)), VERIFIED, EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new NoContent()), "/*");
        context.addServlet(new ServletHolder(new HandChecked()), FLOOR);
        server.setHandler(context);
        server.start();
        return server;
    }

    private static Tomcat tomcat(IdempotencyStore store) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("givinghooks-bench").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("sir-giving");
        def.setFilter(filter(store));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("sir-giving");
        map.addURLPattern(VERIFIED);
        context.addFilterMap(map);
        Tomcat.addServlet(context, "no-content", new NoContent()).addMapping("/*");
        Tomcat.addServlet(context, "hand-checked", new HandChecked()).addMapping(FLOOR);
        tomcat.start();
        return tomcat;
    }

    private static HttpServer vertx(Vertx vertx, IdempotencyStore store) {
        Router router = Router.router(vertx);
        router.post(BARE).handler(ctx -> ctx.request().body().onSuccess(body -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail));
        router.post(FLOOR).handler(ctx -> ctx.request().body().onSuccess(body -> {
            HttpServerRequest request = ctx.request();
            boolean valid = HandVerified.check(request.getHeader(SirGiving.TIMESTAMP_HEADER), request.getHeader(SirGiving.SIGNATURE_HEADER),
                    body.getBytes());
            ctx.response().setStatusCode(valid ? 204 : 401).end();
        }).onFailure(ctx::fail));
        WebhookHandler sirGiving = WebhookHandler.builder(SirGiving.verifier(Bodies.SIR_SECRET)).idempotencyStore(store).build();
        router.post(VERIFIED).handler(sirGiving).handler(ctx -> ctx.response().setStatusCode(204).end());
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }
}
