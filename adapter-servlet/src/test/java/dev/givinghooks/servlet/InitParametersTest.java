package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import jakarta.servlet.ServletException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A filter configured only through init parameters, as from web.xml. */
class InitParametersTest {

    @ParameterizedTest
    @EnumSource(Container.class)
    void filtersCreatedByTheContainerFromInitParametersVerify(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        Container.App deployment = new Container.App(app)
                .filter("/webhooks/sir", Map.of("provider", "sir-giving",
                        "secrets", "whsec_0000000000000000000000000000000000000000000000000000000000000000, " + Deliveries.SIR_SECRET,
                        "tolerance", "PT10M", "max-body-bytes", "4096", "lease", "PT1M", "retention", "PT24H"))
                .filter("/webhooks/tgb", Map.of("provider", "giving-block", "key", Deliveries.TGB_KEY, "iv", Deliveries.TGB_IV))
                .filter("/webhooks/chuffed", Map.of("provider", "chuffed", "secrets", Deliveries.CHUFFED_SECRET, "deduplication", "false"));
        try (Container.Running server = container.start(deployment)) {
            byte[] sirBody = Deliveries.sirBody("evt_init");
            HttpResponse<String> sir = Http.send(Deliveries.sir(server.uri("/webhooks/sir"), sirBody));
            HttpResponse<String> sirAgain = Http.send(Deliveries.sir(server.uri("/webhooks/sir"), sirBody));
            HttpResponse<String> tooBig = Http.send(Deliveries.sir(server.uri("/webhooks/sir"), new byte[5000]));
            HttpResponse<String> tgb = Http.send(Deliveries.givingBlock(server.uri("/webhooks/tgb"), Deliveries.givingBlockBody("dep-init")));
            byte[] chuffedBody = Deliveries.chuffedBody(99);
            HttpResponse<String> chuffed = Http.send(Deliveries.chuffed(server.uri("/webhooks/chuffed"), chuffedBody));
            HttpResponse<String> chuffedAgain = Http.send(Deliveries.chuffed(server.uri("/webhooks/chuffed"), chuffedBody));

            assertThat(sir.statusCode()).isEqualTo(200);
            assertThat(sirAgain.statusCode()).isEqualTo(200);
            assertThat(app.calls("sir-giving:evt_init")).as("deduplicated").isEqualTo(1);
            assertThat(app.seen.get(0).verified().keyIndex()).as("second secret matched").isEqualTo(1);
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(tgb.statusCode()).isEqualTo(200);
            assertThat(chuffed.statusCode()).isEqualTo(200);
            assertThat(chuffedAgain.statusCode()).isEqualTo(200);
            assertThat(app.calls("chuffed:99:0")).as("deduplication off").isEqualTo(2);
            assertThat(app.seen).extracting(s -> s.verified().provider())
                    .containsExactly(Provider.SIR_GIVING, Provider.GIVING_BLOCK, Provider.CHUFFED, Provider.CHUFFED);
        }
    }

    @Test
    void secretsMayComeFromTheEnvironment() throws ServletException {
        Map<String, String> env = Map.of("SIR_SECRETS", Deliveries.SIR_SECRET);
        WebhookFilter filter = InitParameters.builder("sir", Map.of("provider", "sir-giving", "secrets", "${env:SIR_SECRETS}"), env::get).build();

        assertThat(filter.toString()).contains("sir-giving").doesNotContain(Deliveries.SIR_SECRET);
        assertThatThrownBy(() -> InitParameters.builder("sir", Map.of("provider", "sir-giving", "secrets", "${env:UNSET}"), env::get))
                .isInstanceOf(ServletException.class).hasMessageContaining("UNSET").hasMessageContaining("not set");
    }

    @Test
    void faultsNameTheParameterAndNeverTheSecret() {
        String shortSecret = "tiny-secret";
        assertFault(Map.of("secrets", Deliveries.SIR_SECRET), "'provider' is required");
        assertFault(Map.of("provider", "stripe"), "unknown provider");
        assertFault(Map.of("provider", "sir-giving"), "'secrets' is required");
        assertFault(Map.of("provider", "sir-giving", "secret", Deliveries.SIR_SECRET), "unknown init parameter 'secret'");
        assertFault(Map.of("provider", "chuffed", "secrets", Deliveries.CHUFFED_SECRET, "key", Deliveries.TGB_KEY), "unknown init parameter 'key'");
        assertFault(Map.of("provider", "chuffed", "secrets", shortSecret), "WebhookFilter 'f'");
        assertFault(Map.of("provider", "sir-giving", "secrets", Deliveries.SIR_SECRET + ","), "empty item");
        assertFault(Map.of("provider", "sir-giving", "secrets", Deliveries.SIR_SECRET, "key-mode", "hex"), "key-mode");
        assertFault(Map.of("provider", "sir-giving", "secrets", Deliveries.SIR_SECRET, "tolerance", "5m"), "ISO-8601");
        assertFault(Map.of("provider", "sir-giving", "secrets", Deliveries.SIR_SECRET, "max-body-bytes", "-1"), "positive integer");
        assertFault(Map.of("provider", "sir-giving", "secrets", Deliveries.SIR_SECRET, "deduplication", "yes"), "neither true nor false");
        assertFault(Map.of("provider", "giving-block", "key", Deliveries.TGB_KEY + "," + Deliveries.TGB_KEY, "iv", Deliveries.TGB_IV), "pair by position");
        assertFault(Map.of("provider", "giving-block", "key", Deliveries.TGB_KEY.substring(2), "iv", Deliveries.TGB_IV), "encryption key");
        for (Map<String, String> params : java.util.List.of(
                Map.of("provider", "chuffed", "secrets", shortSecret),
                Map.of("provider", "giving-block", "key", Deliveries.TGB_KEY.substring(2), "iv", Deliveries.TGB_IV))) {
            assertThatThrownBy(() -> InitParameters.builder("f", params, name -> null))
                    .hasMessageNotContaining(shortSecret).hasMessageNotContaining(Deliveries.TGB_KEY.substring(2));
        }
    }

    private static void assertFault(Map<String, String> params, String expected) {
        assertThatThrownBy(() -> InitParameters.builder("f", new HashMap<>(params), name -> null))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining(Deliveries.SIR_SECRET)
                .hasMessageNotContaining(Deliveries.CHUFFED_SECRET);
    }
}
