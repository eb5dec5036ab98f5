package dev.givinghooks.cli;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * A verifying webhook receiver: embedded Jetty 12 with the servlet adapter's
 * {@link WebhookFilter} at {@code /webhooks/<provider>} for each configured provider.
 *
 * <p>Each delivery produces one JSON line, handed to the line consumer: the verified event (as
 * {@code verify} prints it) when the application behind the filter receives it, a duplicate
 * acknowledgement, or a rejection with its reason. The application answers 200 with
 * {@code {"received":true,"id":...,"keyIndex":...}}; the filter answers rejections with problem
 * responses and duplicates with an empty 200. Lines may come from several request threads; the
 * consumer gets each line whole.
 */
final class Receiver implements AutoCloseable {
    /** Set on a request once its outcome line was printed: it counts as a delivery. */
    private static final String PRINTED = "dev.givinghooks.cli.printed";
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final Server server;
    private final ServerConnector connector;
    private final Map<Provider, WebhookVerifier<?>> verifiers;
    private final IdempotencyStore store;

    private Receiver(Server server, ServerConnector connector, Map<Provider, WebhookVerifier<?>> verifiers, IdempotencyStore store) {
        this.server = server;
        this.connector = connector;
        this.verifiers = verifiers;
        this.store = store;
    }

    /**
     * Starts a receiver.
     *
     * @param host the address to bind, such as {@code 127.0.0.1}
     * @param port the port, 0 for a free one
     * @param verifiers the providers to receive, each with its verifier
     * @param store where the filters deduplicate deliveries; closed with the receiver when it is
     *        {@link AutoCloseable}
     * @param maxBodyBytes the body limit of the filters (the verifiers should have the same)
     * @param lines receives each outcome line, newline included
     * @param delivered called after each delivery's response was written, whatever its outcome;
     *        requests that printed no line (another path) are not deliveries
     * @return the running receiver
     * @throws Exception if the server cannot start (for example, the port is taken)
     */
    static Receiver start(String host, int port, Map<Provider, WebhookVerifier<?>> verifiers, IdempotencyStore store, int maxBodyBytes,
            Consumer<byte[]> lines, Runnable delivered) throws Exception {
        Consumer<byte[]> whole = line -> {
            synchronized (lines) {
                lines.accept(line);
            }
        };
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new DeliveryCounter(delivered)), "/*", EnumSet.of(DispatcherType.REQUEST));
        for (Map.Entry<Provider, WebhookVerifier<?>> entry : verifiers.entrySet()) {
            WebhookFilter filter = WebhookFilter.builder(entry.getValue())
                    .idempotencyStore(store)
                    .maxBodyBytes(maxBodyBytes)
                    .listener(new Lines(whole))
                    .build();
            FilterHolder holder = new FilterHolder(filter);
            holder.setName(entry.getKey().id());
            context.addFilter(holder, path(entry.getKey()), EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new Application(whole, verifiers.keySet())), "/*");
        // Stopping waits for deliveries in flight, so the last one before a stop is answered whole.
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.start();
        return new Receiver(server, connector, Map.copyOf(verifiers), store);
    }

    /** The path a provider's deliveries are received at: {@code /webhooks/<provider id>}. */
    static String path(Provider provider) {
        return "/webhooks/" + provider.id();
    }

    /** Returns the base URL, such as {@code http://127.0.0.1:8080}. */
    URI base() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    /** Returns each received provider's endpoint, in provider order. */
    Map<Provider, URI> endpoints() {
        Map<Provider, URI> endpoints = new LinkedHashMap<>();
        for (Provider provider : Provider.values()) {
            if (verifiers.containsKey(provider)) {
                endpoints.put(provider, base().resolve(path(provider)));
            }
        }
        return endpoints;
    }

    /** Stops the server, then closes the store; safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the receiver failed", e);
        } finally {
            Stores.close(store);
        }
    }

    /** Prints the filter's rejections and duplicate acknowledgements. */
    private record Lines(Consumer<byte[]> lines) implements WebhookFilter.Listener {
        @Override
        public void onRejected(HttpServletRequest request, WebhookRejectedException rejection) {
            lines.accept(OutcomeJson.rejected(rejection));
            request.setAttribute(PRINTED, Boolean.TRUE);
        }

        @Override
        public void onDuplicate(HttpServletRequest request, Verified<?> verified) {
            lines.accept(OutcomeJson.duplicate(verified));
            request.setAttribute(PRINTED, Boolean.TRUE);
        }
    }

    /**
     * Runs around every request: once the response is written, it reads and discards what the
     * sender is still sending (bounded), and counts the delivery. The filter refuses an oversized
     * body by its Content-Length without reading it; closing on those unread bytes would reset
     * the connection, and the sender would lose the 413 it was answered.
     */
    private static final class DeliveryCounter implements Filter {
        /** At most this much unread body is discarded; beyond it the connection is closed. */
        private static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;
        private final Runnable delivered;

        DeliveryCounter(Runnable delivered) {
            this.delivered = delivered;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                return;
            }
            response.flushBuffer();
            discardUnread(request);
            if (request.getAttribute(PRINTED) != null) {
                delivered.run();
            }
        }

        private static void discardUnread(ServletRequest request) {
            try {
                InputStream in = request.getInputStream();
                byte[] buffer = new byte[8192];
                long discarded = 0;
                int read;
                while (discarded < MAX_DISCARDED_BYTES && (read = in.read(buffer)) != -1) {
                    discarded += read;
                }
            } catch (IOException | IllegalStateException e) {
                // the sender went away, or the body was read as characters: nothing to discard
            }
        }
    }

    /** The application behind the filters: prints the verified event and acknowledges it. */
    private static final class Application extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<byte[]> lines;
        private final String endpoints;

        Application(Consumer<byte[]> lines, Iterable<Provider> providers) {
            this.lines = lines;
            StringBuilder list = new StringBuilder();
            for (Provider provider : providers) {
                list.append(list.length() == 0 ? "" : ", ").append(path(provider));
            }
            this.endpoints = list.toString();
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<Verified<?>> verified = WebhookFilter.verified(request);
            if (verified.isEmpty()) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                response.setContentType("text/plain;charset=UTF-8");
                response.getOutputStream().write(("givinghooks listen: POST webhooks to " + endpoints + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            Verified<?> event = verified.get();
            lines.accept(OutcomeJson.verified(event));
            request.setAttribute(PRINTED, Boolean.TRUE);
            byte[] body = JsonLines.line(json -> {
                json.writeStartObject();
                json.writeBooleanProperty("received", true);
                json.writeStringProperty("id", event.idempotencyKey());
                json.writeNumberProperty("keyIndex", event.keyIndex());
                json.writeEndObject();
            });
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
