package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.givinghooks.spring.app.ShopApplication;
import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testkit.spring.MockMvcFixtures;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A Spring Boot application configured from properties alone, behind a security configuration
 * that protects everything: real HTTP on a random port, and MockMvc with the testkit's rendering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopApplicationTest {
    private final Testkit kit = Testkit.create(Clock.systemUTC(), 42L);
    private final WebhookSender sender = WebhookSender.create();
    private ConfigurableApplicationContext app;
    private MockMvc mockMvc;

    static List<String> credentialProperties(Credentials credentials) {
        List<String> properties = new ArrayList<>();
        properties.add("givinghooks.sir-giving.secrets=" + String.join(",", credentials.sirGivingSecrets()));
        properties.add("givinghooks.chuffed.secrets=" + String.join(",", credentials.chuffedSecrets()));
        properties.add("givinghooks.giving-block.keys=" + String.join(",", credentials.givingBlockKeys().stream().map(Credentials.KeyPair::keyHex).toList()));
        properties.add("givinghooks.giving-block.ivs=" + String.join(",", credentials.givingBlockKeys().stream().map(Credentials.KeyPair::ivHex).toList()));
        return properties;
    }

    @BeforeAll
    void start() {
        app = BootApps.run(ShopApplication.class, Map.of(), credentialProperties(kit.credentials()).toArray(String[]::new));
        mockMvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app)
                .addFilters(app.getBeansOfType(Filter.class).values().toArray(Filter[]::new)).build();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @BeforeEach
    void forget() {
        ShopApplication.CALLS.clear();
    }

    static String reason(WebhookSender.Response response) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"reason\":\"(\\w+)\"").matcher(response.bodyText());
        return m.find() ? m.group(1) : "(no reason in " + response.bodyText() + ")";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + BootApps.port(app) + path);
    }

    @Test
    void webhooksNeedNoLoginSessionOrCsrfTokenWhileEverythingElseStaysProtected() throws Exception {
        Fixture sir = kit.sirGiving().actionCompleted().signed();
        WebhookSender.Response delivered = sender.send(sir, uri("/webhooks/sir-giving"));
        assertThat(delivered.status()).isEqualTo(204);
        assertThat(delivered.header("Set-Cookie")).as("no session").isEmpty();

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> admin = client.send(HttpRequest.newBuilder(uri("/admin")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).as("still needs login").isIn(302, 401);
        HttpResponse<String> refund = client.send(HttpRequest.newBuilder(uri("/admin/refund")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refund.statusCode()).as("still needs login and a CSRF token").isIn(302, 401, 403);
        assertThat(ShopApplication.CALLS).containsExactly("sir action.completed");
    }

    /** The application's @ControllerAdvice handles every exception, yet refusals stay the library's problems. */
    @Test
    void aForgedWebhookGetsTheProblemNotALoginPageNorTheApplicationsAdvice() throws Exception {
        WebhookSender.Response forged = sender.send(kit.chuffed().paymentConfirmed().signedWith("not the secret, not at all"),
                uri("/webhooks/chuffed"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reason(forged)).isEqualTo("SIGNATURE_MISMATCH");
        assertThat(ShopApplication.CALLS).isEmpty();
    }

    @Test
    void aDuplicateIsAcknowledgedWithoutInvokingTheController() throws Exception {
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        assertThat(sender.send(donation, uri("/webhooks/chuffed")).status()).isEqualTo(204);
        WebhookSender.Response again = sender.send(donation, uri("/webhooks/chuffed"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(ShopApplication.CALLS).containsExactly("chuffed donation.payment_confirmed");
    }

    /** A record parameter that receives another event type: a clear 4xx, and the event stays retryable. */
    @Test
    void anotherEventTypeThanTheRecordAskedForIs422AndStaysRetryable() throws Exception {
        Fixture completed = kit.sirGiving().actionCompleted().signed();
        WebhookSender.Response wrong = sender.send(completed, uri("/webhooks/sir-giving/failures"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(reason(wrong)).isEqualTo("UNEXPECTED_EVENT");
        assertThat(ShopApplication.CALLS).isEmpty();
        assertThat(sender.send(completed, uri("/webhooks/sir-giving")).status()).as("not marked processed").isEqualTo(204);
        assertThat(ShopApplication.CALLS).containsExactly("sir action.completed");
    }

    @Test
    void mockMvcWithTheTestkitsRenderingReachesTheControllers() throws Exception {
        Fixture block = kit.givingBlock().deposit().encrypted();
        mockMvc.perform(MockMvcFixtures.request(block)).andExpect(status().isNoContent());
        mockMvc.perform(MockMvcFixtures.request(block)).andExpect(status().isOk()).andExpect(content().string(""));
        String problem = mockMvc.perform(MockMvcFixtures.request(kit.chuffed().paymentConfirmed().signedWith("a wrong secret of enough length")))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        assertThat(problem).contains("\"reason\":\"SIGNATURE_MISMATCH\"").contains("\"provider\":\"chuffed\"");
        assertThat(ShopApplication.CALLS).containsExactly("giving-block DEPOSIT_TRANSACTION key 0");
    }
}
