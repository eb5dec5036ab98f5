package dev.givinghooks.testkit.contract;

import dev.givinghooks.testkit.HostileRequest;
import dev.givinghooks.testkit.internal.Ledger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a {@link HostileRequest} byte for byte over a socket (the JDK's HTTP client refuses to
 * send most of them) and reads the answer until the server closes the connection.
 */
final class RawHttp {
    /** How long the server may take to answer; a trickled body takes a second or so. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private static final int TRICKLE_PIECES = 5;

    private RawHttp() {
    }

    /** An answer: the status, and the body (de-chunked) as text. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    static Answer send(HostileRequest request, URI endpoint) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.head(endpoint));
                byte[] body = request.framedBody();
                if (request.trickle().isZero()) {
                    out.write(body);
                } else {
                    int piece = Math.max(1, (body.length + TRICKLE_PIECES - 1) / TRICKLE_PIECES);
                    for (int offset = 0; offset < body.length; offset += piece) {
                        out.write(body, offset, Math.min(piece, body.length - offset));
                        out.flush();
                        Thread.sleep(request.trickle().toMillis());
                    }
                }
                out.flush();
                if (request.framing() == HostileRequest.Framing.DECLARED_LENGTH) {
                    socket.shutdownOutput(); // the declared length never arrives
                }
            } catch (IOException refusedMidway) {
                // the server answered and closed before taking everything (a body over the limit): read its answer
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the answer (unread request bytes) ends the exchange too
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        Ledger.response(-1, Map.of(), text); // the whole answer, status line and headers included
        if (!text.startsWith("HTTP/1.")) {
            throw new IOException("no HTTP answer: " + (text.isEmpty() ? "the connection closed" : text.substring(0, Math.min(80, text.length()))));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        byte[] body = split < 0 ? new byte[0] : all.toByteArray();
        String rest = split < 0 ? "" : new String(body, split + 4, body.length - split - 4, StandardCharsets.UTF_8);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            rest = dechunk(rest);
        }
        return new Answer(status, rest);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
