package dev.givinghooks.benchmarks;

import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.sirgiving.SirGiving;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The servlet adapter in process, with no container and no network: {@link WebhookFilter} driven
 * with a minimal request and response, so that its cost over {@link Ours#sirVerify} is the
 * adapter's own (reading the body from the stream, header lookups, attributes, the wrapped
 * request handed to the chain). Deduplication is off: with it on, a repeated delivery would be
 * answered as a duplicate without reaching the chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Servlet {
    /*
     * The request and response are wrappers around proxies that throw for every method: the
     * wrappers implement exactly what the filter calls, and a call they do not implement fails
     * the benchmark rather than answering something made up. One request and response per
     * operation, as a container creates (or recycles) them per request.
     */
    private static final HttpServletRequest NO_REQUEST = unsupported(HttpServletRequest.class);
    private static final HttpServletResponse NO_RESPONSE = unsupported(HttpServletResponse.class);

    /** Body size in bytes. */
    @Param({"1024", "16384"})
    public int size;

    private WebhookFilter filter;
    private FilterChain chain;
    private byte[] body;
    private Map<String, List<String>> headers;

    @Setup
    public void setUp() throws Exception {
        filter = WebhookFilter.builder(SirGiving.verifier(Bodies.SIR_SECRET)).deduplication(false).build();
        chain = (request, response) -> ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_NO_CONTENT);
        body = Bodies.sirActionCompleted(size);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("application/json"));
        headers.put("User-Agent", List.of("SIRGiving-Webhooks/1.0"));
        headers.put(SirGiving.TIMESTAMP_HEADER, List.of(timestamp));
        headers.put(SirGiving.SIGNATURE_HEADER, List.of(SirGiving.sign(Bodies.SIR_SECRET, timestamp, body)));
        if (filterSir() != HttpServletResponse.SC_NO_CONTENT) {
            throw new IllegalStateException("the filter did not pass the delivery to the chain");
        }
    }

    /** One delivery through {@code WebhookFilter.doFilter} to a chain that answers 204. */
    @Benchmark
    public int filterSir() throws Exception {
        Response response = new Response();
        filter.doFilter(new Request(body, headers), response, chain);
        return response.status;
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName() + " is not part of the benchmark");
        }));
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final byte[] body;
        private final Map<String, List<String>> headers;
        private final Map<String, Object> attributes = new HashMap<>();
        private int position;

        Request(byte[] body, Map<String, List<String>> headers) {
            super(NO_REQUEST);
            this.body = body;
            this.headers = headers;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public String getMethod() {
            return "POST";
        }

        @Override
        public String getRequestURI() {
            return "/webhooks/sir-giving";
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return Collections.enumeration(headers.getOrDefault(name, List.of()));
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return position < body.length ? body[position++] & 0xff : -1;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (position >= body.length) {
                        return -1;
                    }
                    int count = Math.min(length, body.length - position);
                    System.arraycopy(body, position, buffer, offset, count);
                    position += count;
                    return count;
                }

                @Override
                public boolean isFinished() {
                    return position >= body.length;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }
    }

    private static final class Response extends HttpServletResponseWrapper {
        private int status = SC_OK;

        Response() {
            super(NO_RESPONSE);
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }
            };
        }
    }
}
