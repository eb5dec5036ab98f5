package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spring.app.ShopApplication;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import java.net.URI;
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

/**
 * {@code givinghooks.idempotency.store} set to a shared store: two real Boot applications share
 * one real server as two instances of a receiver do; the server stopped fails closed and nothing
 * is processed twice once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedStoreBootTest {
    final Testkit kit = Testkit.create(Clock.systemUTC(), 7L);
    private final WebhookSender sender = WebhookSender.create();
    ConfigurableApplicationContext first;
    ConfigurableApplicationContext second;

    /** Starts the server the store is on. */
    abstract void startServer() throws Exception;

    /** Stops it abruptly. */
    abstract void killServer() throws Exception;

    /** Starts it again with what it had stored. */
    abstract void restartServer() throws Exception;

    /** Stops it for good and frees what the subclass opened. */
    abstract void stopServer() throws Exception;

    /** The beans and properties of each application, as two instances configured two ways would have. */
    abstract ConfigurableApplicationContext startApplication(int instance);

    /** The store class the applications should have. */
    abstract Class<? extends IdempotencyStore> storeType();

    ConfigurableApplicationContext run(Map<String, Object> beans, String store, String... more) {
        List<String> properties = new ArrayList<>(ShopApplicationTest.credentialProperties(kit.credentials()));
        properties.add("givinghooks.idempotency.store=" + store);
        properties.addAll(List.of(more));
        return BootApps.run(ShopApplication.class, beans, properties.toArray(String[]::new));
    }

    @BeforeAll
    void start() throws Exception {
        startServer();
        first = startApplication(0);
        second = startApplication(1);
    }

    @AfterAll
    void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        stopServer();
    }

    @BeforeEach
    void forget() {
        ShopApplication.CALLS.clear();
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + BootApps.port(app) + path);
    }

    @Test
    void bothApplicationsUseTheSharedStore() {
        assertThat(first.getBean(IdempotencyStore.class)).isInstanceOf(storeType());
        assertThat(second.getBean(IdempotencyStore.class)).isInstanceOf(storeType());
    }

    @Test
    void aDuplicateOnTheOtherApplicationIsAcknowledgedWithoutACall() throws Exception {
        Fixture delivery = kit.sirGiving().actionCompleted().signed();
        assertThat(sender.send(delivery, uri(first, "/webhooks/sir-giving")).status()).isEqualTo(204);
        assertThat(sender.send(delivery, uri(second, "/webhooks/sir-giving")).status()).as("the duplicate").isEqualTo(200);
        assertThat(sender.send(delivery, uri(first, "/webhooks/sir-giving")).status()).as("the duplicate").isEqualTo(200);
        assertThat(ShopApplication.CALLS).hasSize(1);
    }

    @Test
    void withTheServerDownADeliveryIsRefusedWith503AndProcessedOnceWhenItIsBack() throws Exception {
        Fixture delivery = kit.chuffed().paymentConfirmed().signed();
        killServer();
        try {
            WebhookSender.Response refused = sender.send(delivery, uri(first, "/webhooks/chuffed"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(ShopApplicationTest.reason(refused)).isEqualTo("STORE_UNAVAILABLE");
            assertThat(ShopApplication.CALLS).isEmpty();
        } finally {
            restartServer();
        }
        int status = 503;
        for (int attempt = 0; attempt < 100 && status == 503; attempt++) { // the provider retries; the store reconnects
            Thread.sleep(100);
            status = sender.send(delivery, uri(second, "/webhooks/chuffed")).status();
        }
        assertThat(status).isEqualTo(204);
        assertThat(sender.send(delivery, uri(first, "/webhooks/chuffed")).status()).isEqualTo(200);
        assertThat(ShopApplication.CALLS).hasSize(1);
    }
}
