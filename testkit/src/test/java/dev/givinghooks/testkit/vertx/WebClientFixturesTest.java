package dev.givinghooks.testkit.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Arrival;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Generators;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import dev.givinghooks.testkit.junit.CatalogueSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A real Vert.x HTTP server on a random loopback port receives fixtures sent with
 * {@link WebClientFixtures}; it checks the exact lines and bytes and verifies them with core.
 */
class WebClientFixturesTest {
    private static final Testkit KIT = Testkit.create();
    private static final String HOST = "127.0.0.1";
    private static final BlockingQueue<Arrival> ARRIVALS = new LinkedBlockingQueue<>();
    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            if (body.failed()) {
                request.response().setStatusCode(500).end();
                return;
            }
            Arrival arrival = Arrival.of(request.method().name(), request.uri(), request.headers(), body.result().getBytes());
            ARRIVALS.add(arrival);
            Arrival.Answer answer = arrival.verify(KIT);
            request.response().setStatusCode(answer.status()).putHeader("Content-Type", "text/plain; charset=utf-8").end(answer.text());
        })).listen(0, HOST));
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @BeforeEach
    void forget() {
        ARRIVALS.clear();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Arrival.Answer send(Fixture fixture) throws Exception {
        HttpResponse<Buffer> response = await(WebClientFixtures.send(client, fixture, server.actualPort(), HOST));
        Arrival arrival = ARRIVALS.poll(10, TimeUnit.SECONDS);
        assertThat(arrival).as("arrival of %s", fixture).isNotNull();
        arrival.assertIs(fixture);
        return new Arrival.Answer(response.statusCode(), response.bodyAsString());
    }

    @Test
    void readmeExample() throws Exception {
        Fixture delivery = KIT.chuffed().paymentConfirmed().signed();
        Future<HttpResponse<Buffer>> response = WebClientFixtures.send(client, delivery, server.actualPort(), "127.0.0.1");
        assertThat(await(response).statusCode()).isEqualTo(200);
        ARRIVALS.take().assertIs(delivery);
    }

    @ParameterizedTest
    @CatalogueSource
    void everyCatalogueVariantArrivesIntactAndGetsItsTaggedOutcome(Variant variant) throws Exception {
        List<Arrival.Answer> answers = new ArrayList<>();
        for (Fixture delivery : variant.deliveries()) {
            answers.add(send(delivery));
        }
        Arrival.assertAnswers(variant, answers);
    }

    @Test
    void theFixturesHeaderLinesReplaceTheClientsOwnAndRepeatedLinesStay() throws Exception {
        Fixture fixture = KIT.sirGiving().actionCompleted().signed().withHeader("X-SIR-Signature", "sha256=00");
        assertThat(fixture.headers("User-Agent")).hasSize(1);
        HttpRequest<Buffer> request = WebClientFixtures.request(client, fixture, server.actualPort(), HOST);
        assertThat(request.headers().getAll("User-Agent")).isEqualTo(fixture.headers("User-Agent"));
        assertThat(request.headers().getAll("X-SIR-Signature")).isEqualTo(fixture.headers("X-SIR-Signature")).hasSize(2);
        assertThat(WebClientFixtures.body(fixture).getBytes()).isEqualTo(fixture.body());

        HttpResponse<Buffer> response = await(request.sendBuffer(WebClientFixtures.body(fixture)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsString()).isEqualTo("MALFORMED_SIGNATURE");
        ARRIVALS.take().assertIs(fixture);
    }

    @Test
    void arbitraryBytesArriveUnchanged() throws Exception {
        long seed = Generators.newSeed();
        RandomGenerator random = Generators.random(seed);
        for (int i = 0; i < 30; i++) {
            Fixture fixture = Fixture.of(Provider.CHUFFED, List.of(new Fixture.Header("Signature", "x")), Generators.bytes(random, 2000));
            assertThat(send(fixture).status()).as("seed %sL", seed).isEqualTo(401);
        }
    }
}
