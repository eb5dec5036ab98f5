package dev.givinghooks.servlet.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.sirgiving.SirGiving;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The README's servlet snippets are these classes: they compile, run in Jetty, and match the README text. */
class ReadmeSnippetTest {
    private static final String SECRET = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void listenerAndServletFromTheReadmeVerifyADelivery() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter("sir-giving.webhook-secret", SECRET);
        context.addEventListener(new WebhookSetup());
        context.addServlet(SirGivingWebhookServlet.class, "/webhooks/sir-giving");
        context.addServlet(SirGivingWebhookServlet.class, "/unfiltered/*"); // a wider mapping the filter does not cover
        server.setHandler(context);
        server.start();
        try {
            byte[] body = "{\"id\":\"evt_readme\",\"type\":\"action.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/sir-giving"))
                    .header(SirGiving.TIMESTAMP_HEADER, timestamp)
                    .header(SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(request.uri())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            HttpResponse<String> unfiltered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/unfiltered/x")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(unfiltered.statusCode()).as("no verified event: the README's servlet answers 404, not 500").isEqualTo(404);
            assertThat(SirGivingWebhookServlet.RECEIVED).containsExactly("sir-giving:evt_readme action.completed " + body.length);
        } finally {
            server.stop();
        }
    }

    @Test
    void readmeQuotesTheseClassesVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String[] snippet : new String[][] {{"WebhookSetup.java", "listener"}, {"SirGivingWebhookServlet.java", "servlet"}}) {
            String source = Files.readString(Path.of("src/test/java/dev/givinghooks/servlet/readme", snippet[0]));
            Matcher m = Pattern.compile("// README:" + snippet[1] + ":start\n(.*?)\\s*// README:" + snippet[1] + ":end", Pattern.DOTALL).matcher(source);
            assertThat(m.find()).as(snippet[0]).isTrue();
            assertThat(readme).as("README quotes " + snippet[0]).contains(m.group(1).strip());
        }
    }
}
