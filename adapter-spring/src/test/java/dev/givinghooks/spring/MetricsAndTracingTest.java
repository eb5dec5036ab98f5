package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.givinghooks.spring.metrics.MetricsApplication;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Actuator shows givinghooks.deliveries with its tags after a few deliveries, and each delivery is a span with the same tags. */
class MetricsAndTracingTest {
    @Test
    void actuatorShowsTheDeliveriesAndTracingHasASpanEach() throws Exception {
        Testkit kit = Testkit.create(Clock.systemUTC(), 7L);
        List<String> properties = new java.util.ArrayList<>(ShopApplicationTest.credentialProperties(kit.credentials()));
        properties.add("management.endpoints.web.exposure.include=metrics");
        try (ConfigurableApplicationContext app = BootApps.run(MetricsApplication.class, Map.of(), properties.toArray(String[]::new))) {
            // Tracing as an application has it: a tracer's handler on Boot's observation registry (the same
            // call works on Boot 3.5 and 4, whose auto-configurations of tracers differ). The test tracer of
            // Micrometer Tracing 1.5 (Boot 3.5's) throws ClassCastException when no span is current, so
            // there the spans are not checked; Boot 4's 1.6 works.
            SimpleTracer tracer = new SimpleTracer();
            String tracingVersion = SimpleTracer.class.getPackage().getImplementationVersion();
            boolean traced = tracingVersion == null || !tracingVersion.startsWith("1.5.");
            if (traced) {
                app.getBean(ObservationRegistry.class).observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
            }
            URI webhook = URI.create("http://127.0.0.1:" + BootApps.port(app) + "/webhooks/chuffed");
            WebhookSender sender = WebhookSender.create();
            Fixture donation = kit.chuffed().paymentConfirmed().signed();
            assertThat(sender.send(donation, webhook).status()).isEqualTo(204);
            assertThat(sender.send(donation, webhook).status()).isEqualTo(200);
            assertThat(sender.send(kit.chuffed().paymentConfirmed().signedWith("another secret of enough length"), webhook).status())
                    .isEqualTo(401);

            HttpResponse<String> metric = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + BootApps.port(app) + "/actuator/metrics/givinghooks.deliveries")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
            JsonNode json = JsonMapper.builder().build().readTree(metric.body());
            Map<String, Set<String>> tags = new HashMap<>();
            for (JsonNode tag : json.get("availableTags")) {
                Set<String> values = new TreeSet<>();
                tag.get("values").forEach(v -> values.add(v.stringValue()));
                tags.put(tag.get("tag").stringValue(), values);
            }
            assertThat(tags).containsEntry("provider", Set.of("chuffed"))
                    .containsEntry("outcome", Set.of("verified", "duplicate", "rejected"))
                    .containsEntry("reason", Set.of("none", "SIGNATURE_MISMATCH"))
                    .containsEntry("key", Set.of("0", "none"));
            assertThat(json.get("measurements").get(0).get("value").asDouble()).as("COUNT").isEqualTo(3.0);

            assumeTrue(traced, "Micrometer Tracing " + tracingVersion + "'s SimpleTracer cannot trace without a current span");
            List<SimpleSpan> spans = tracer.getSpans().stream().filter(s -> s.getName().equals("webhook delivery")).toList();
            assertThat(spans).hasSize(3);
            assertThat(spans).extracting(s -> s.getTags().get("outcome")).containsExactlyInAnyOrder("verified", "duplicate", "rejected");
            assertThat(spans).allSatisfy(s -> assertThat(s.getTags()).containsEntry("provider", "chuffed").containsKeys("reason", "key"));
        }
    }
}
