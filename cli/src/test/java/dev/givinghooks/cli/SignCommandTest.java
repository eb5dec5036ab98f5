package dev.givinghooks.cli;

import static dev.givinghooks.cli.Cli.run;
import static dev.givinghooks.cli.Cli.utf8;
import static dev.givinghooks.cli.Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SignCommandTest {

    @Test
    void sirGivingJsonCarriesTheVectorSignature() {
        Cli.Run result = run(utf8(SIR_BODY), "sign", "--provider", "sir-giving", "--secret", SIR_SECRET, "--timestamp", SIR_TIMESTAMP);

        assertThat(result.exit()).isZero();
        JsonNode json = result.json();
        assertThat(json.propertyNames()).containsExactly("headers", "body", "bodyBase64");
        JsonNode headers = json.get("headers");
        assertThat(headers.propertyNames()).containsExactly("Content-Type", "User-Agent", "X-SIR-Timestamp", "X-SIR-Signature");
        assertThat(headers.get("X-SIR-Timestamp").stringValue()).isEqualTo(SIR_TIMESTAMP);
        assertThat(headers.get("X-SIR-Signature").stringValue()).isEqualTo(SIR_SIGNATURE_WHOLE);
        assertThat(headers.get("User-Agent").stringValue()).isEqualTo("SIRGiving-Webhooks/1.0");
        assertThat(json.get("body").stringValue()).isEqualTo(SIR_BODY);
        assertThat(Base64.getDecoder().decode(json.get("bodyBase64").stringValue())).isEqualTo(utf8(SIR_BODY));
    }

    @Test
    void sirGivingDefaultsToTheClockAndHonoursTheKeyMode() {
        Cli.Run result = run(utf8(SIR_BODY), "sign", "--provider", "sir-giving", "--secret", SIR_SECRET, "--key-mode", "utf8-suffix");

        JsonNode headers = result.json().get("headers");
        assertThat(headers.get("X-SIR-Timestamp").stringValue()).isEqualTo(Long.toString(Cli.NOW.getEpochSecond()));
        assertThat(headers.get("X-SIR-Signature").stringValue()).isEqualTo(SIR_SIGNATURE_UTF8_SUFFIX);
    }

    @Test
    void chuffedJsonCarriesTheVectorSignature() {
        Cli.Run result = run(utf8(CHUFFED_BODY), "sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET);

        JsonNode headers = result.json().get("headers");
        assertThat(headers.propertyNames()).containsExactly("Content-Type", "Signature");
        assertThat(headers.get("Signature").stringValue()).isEqualTo(CHUFFED_SIGNATURE);
    }

    /** The IV is static, so encrypting the official plaintext reproduces the official envelope exactly. */
    @Test
    void givingBlockEncryptsTheOfficialPlaintextToTheOfficialCiphertext() {
        Cli.Run result = run(utf8(TGB_PLAINTEXT), "sign", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV);

        assertThat(result.exit()).isZero();
        JsonNode json = result.json();
        assertThat(json.get("headers").propertyNames()).containsExactly("Content-Type");
        assertThat(json.get("body").stringValue()).isEqualTo(TGB_BODY);
    }

    @Test
    void givingBlockEnvelopeTypeComesFromTheOptionOrThePlaintext() {
        byte[] merchant = utf8("{\"timestamp\":1640778972000,\"eventType\":\"MERCHANT_STATUS_EVENT\",\"mid\":\"m1\",\"status\":600}");
        JsonNode own = Cli.JSON.readTree(run(merchant, "sign", "--provider", "giving-block", "--key", TGB_KEY, "--iv", TGB_IV)
                .json().get("body").stringValue());
        assertThat(own.get("eventType").stringValue()).isEqualTo("MERCHANT_STATUS_EVENT");

        JsonNode given = Cli.JSON.readTree(run(utf8(TGB_PLAINTEXT), "sign", "--provider", "giving-block", "--key", TGB_KEY,
                "--iv", TGB_IV, "--event-type", "TRANSACTION_CONVERTED").json().get("body").stringValue());
        assertThat(given.get("eventType").stringValue()).isEqualTo("TRANSACTION_CONVERTED");
        assertThat(given.get("payload").stringValue()).isEqualTo(TGB_CIPHERTEXT);
    }

    @Test
    void httpFormatIsARawRequestWithTheExactBody() {
        byte[] body = {'{', '}', '\r', '\n', 0, (byte) 0xFF};
        Cli.Run result = run(body, "sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET, "--format", "http",
                "--url", "http://127.0.0.1:9/hooks/chuffed?tenant=a%20b&x=1");

        assertThat(result.exit()).isZero();
        String head = "POST /hooks/chuffed?tenant=a%20b&x=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:9\r\n"
                + "Content-Type: application/json\r\n"
                + "Signature: " + Chuffed.sign(CHUFFED_SECRET, body) + "\r\n"
                + "Content-Length: 6\r\n"
                + "Connection: close\r\n\r\n";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(body);
        assertThat(result.stdout()).isEqualTo(expected.toByteArray());
    }

    @Test
    void httpFormatDefaultsToTheLocalWebhookUrl() {
        Cli.Run result = run(utf8(CHUFFED_BODY), "sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET, "--format", "http");
        assertThat(result.out()).startsWith("POST /webhooks/chuffed HTTP/1.1\r\nHost: localhost:8080\r\n");
    }

    /** The http rendering, written to a real HTTP server, arrives as a delivery that verifies. */
    @Test
    void httpFormatIsAcceptedByARealServerAndVerifies() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CompletableFuture<WebhookRequest> received = new CompletableFuture<>();
        server.createContext("/webhooks/chuffed", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.complete(WebhookRequest.of(exchange.getRequestHeaders(), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/chuffed";
            Cli.Run signed = run(utf8("{\"data\":{\"id\":42,\"recurring_iteration\":3}}"), "sign", "--provider", "chuffed",
                    "--secret", CHUFFED_SECRET, "--format", "http", "--url", url);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(signed.stdout());
                out.flush();
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 204");
            }
            Verified<ChuffedEvent> verified = Chuffed.verifier(CHUFFED_SECRET).verify(received.get(10, TimeUnit.SECONDS));
            assertThat(verified.idempotencyKey()).isEqualTo("chuffed:42:3");
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "quotes", "binary", "at-sign", "empty", "control"})
    void curlFormatCarriesTheBodyByteExactThroughAShell(String kind, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        byte[] body = switch (kind) {
            case "plain" -> utf8(CHUFFED_BODY);
            case "quotes" -> utf8("{\"a\":\"it's $HOME `id` \\\"q\\\" \u2603\",\n\"b\":\"\\\\n\"}\n");
            case "binary" -> new byte[] {'{', 0, (byte) 0xC3, (byte) 0x28, '\'', '\r', '\n', (byte) 0xFF};
            case "at-sign" -> utf8("@/etc/passwd");
            case "control" -> utf8("{\"tab\":\"\t\",\"cr\":\"\r\"}");
            default -> new byte[0];
        };
        Cli.Run result = run(body, "sign", "--provider", "chuffed", "--secret", CHUFFED_SECRET, "--format", "curl",
                "--url", "http://127.0.0.1:9/webhooks/it's");
        assertThat(result.exit()).isZero();

        Path command = dir.resolve("command.sh");
        Files.write(command, result.stdout());
        // A stand-in for curl that records what it was given.
        String script = "curl() {\n"
                + "  while [ $# -gt 0 ]; do\n"
                + "    case \"$1\" in\n"
                + "      --data-binary) shift; if [ \"$1\" = \"@-\" ]; then cat > \"$OUT/body\"; else printf '%s' \"$1\" > \"$OUT/body\"; fi ;;\n"
                + "      -H) shift; printf '%s\\n' \"$1\" >> \"$OUT/headers\" ;;\n"
                + "      -sS|-i) ;;\n"
                + "      *) printf '%s' \"$1\" > \"$OUT/url\" ;;\n"
                + "    esac\n"
                + "    shift\n"
                + "  done\n"
                + "}\n"
                + ". \"$OUT/command.sh\"\n";
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("OUT", dir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(Files.readAllBytes(dir.resolve("body"))).isEqualTo(body);
        assertThat(Files.readString(dir.resolve("url"))).isEqualTo("http://127.0.0.1:9/webhooks/it's");
        assertThat(Files.readAllLines(dir.resolve("headers")))
                .containsExactly("Content-Type: application/json", "Signature: " + Chuffed.sign(CHUFFED_SECRET, body));
    }

    @Test
    void signedSirGivingRequestVerifiesThroughCore() {
        Cli.Run result = run(utf8(SIR_BODY), "sign", "--provider", "sir-giving", "--secret", SIR_SECRET);
        JsonNode json = result.json();
        Map<String, List<String>> headers = Map.of(
                "X-SIR-Timestamp", List.of(json.get("headers").get("X-SIR-Timestamp").stringValue()),
                "X-SIR-Signature", List.of(json.get("headers").get("X-SIR-Signature").stringValue()));
        byte[] body = Base64.getDecoder().decode(json.get("bodyBase64").stringValue());
        var verifier = dev.givinghooks.sirgiving.SirGiving.verifierBuilder().secrets(SIR_SECRET)
                .clock(java.time.Clock.fixed(Cli.NOW, java.time.ZoneOffset.UTC)).build();
        assertThat(verifier.verify(WebhookRequest.of(headers, body)).idempotencyKey()).isEqualTo("sir-giving:evt_abc123");
    }
}
