package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two filters for two providers in one application, each on its own path. */
class TwoFiltersTest {

    @ParameterizedTest
    @EnumSource(Container.class)
    void eachPathVerifiesItsOwnProviderOnly(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        Container.App deployment = new Container.App(app)
                .filter("/webhooks/sir", WebhookFilter.of(Deliveries.sirVerifier()))
                .filter("/webhooks/chuffed", WebhookFilter.of(Deliveries.chuffedVerifier()));
        try (Container.Running server = container.start(deployment)) {
            HttpResponse<String> sir = Http.send(Deliveries.sir(server.uri("/webhooks/sir"), Deliveries.sirBody("evt_two")));
            HttpResponse<String> chuffed = Http.send(Deliveries.chuffed(server.uri("/webhooks/chuffed"), Deliveries.chuffedBody(7)));
            HttpResponse<String> sirAtChuffed = Http.send(Deliveries.sir(server.uri("/webhooks/chuffed"), Deliveries.sirBody("evt_x")));
            HttpResponse<String> chuffedAtSir = Http.send(Deliveries.chuffed(server.uri("/webhooks/sir"), Deliveries.chuffedBody(8)));

            assertThat(sir.statusCode()).isEqualTo(200);
            assertThat(chuffed.statusCode()).isEqualTo(200);
            assertThat(sirAtChuffed.statusCode()).isEqualTo(401);
            assertThat(Http.json(sirAtChuffed).get("provider").stringValue()).isEqualTo("chuffed");
            assertThat(chuffedAtSir.statusCode()).isEqualTo(401);
            assertThat(Http.json(chuffedAtSir).get("provider").stringValue()).isEqualTo("sir-giving");
            assertThat(app.seen).extracting(s -> s.path() + " " + s.verified().provider())
                    .containsExactly("/webhooks/sir " + Provider.SIR_GIVING, "/webhooks/chuffed " + Provider.CHUFFED);
        }
    }
}
