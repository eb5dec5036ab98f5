package dev.givinghooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.redis.RedisIdempotencyStore;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spring.app.ShopApplication;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import dev.givinghooks.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
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
 * {@code givinghooks.idempotency.store=redis}: two real Boot applications, one on
 * {@code givinghooks.redis.uri} and one on a Lettuce client bean of its own, share one real
 * redis-server as two instances of a receiver do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStoreBootTest {
    private final Testkit kit = Testkit.create(Clock.systemUTC(), 7L);
    private final WebhookSender sender = WebhookSender.create();
    private RedisServer redis;
    private RedisClient client;
    private ConfigurableApplicationContext onUri;
    private ConfigurableApplicationContext onBean;

    @BeforeAll
    void start() throws Exception {
        redis = RedisServer.start();
        client = RedisClient.create(redis.uri());
        onUri = BootApps.run(ShopApplication.class, Map.of(), properties("givinghooks.redis.uri=" + redis.uri(), "givinghooks.redis.key-prefix=shop:"));
        onBean = BootApps.run(ShopApplication.class, Map.of("redisClient", client), properties("givinghooks.redis.key-prefix=shop:"));
    }

    private String[] properties(String... more) {
        List<String> properties = new ArrayList<>(ShopApplicationTest.credentialProperties(kit.credentials()));
        properties.add("givinghooks.idempotency.store=redis");
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    @AfterAll
    void stop() {
        if (onUri != null) {
            onUri.close();
        }
        if (onBean != null) {
            onBean.close();
        }
        client.shutdown();
        redis.close();
    }

    @BeforeEach
    void forget() {
        ShopApplication.CALLS.clear();
    }

    private URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + BootApps.port(app) + path);
    }

    @Test
    void bothApplicationsUseTheRedisStore() {
        assertThat(onUri.getBean(IdempotencyStore.class)).isInstanceOf(RedisIdempotencyStore.class)
                .hasToString("RedisIdempotencyStore[Redis, prefix=shop:, timeout=PT1S]");
        assertThat(onBean.getBean(IdempotencyStore.class)).isInstanceOf(RedisIdempotencyStore.class);
    }

    @Test
    void aDuplicateOnTheOtherApplicationIsAcknowledgedWithoutACall() throws Exception {
        Fixture delivery = kit.sirGiving().actionCompleted().signed();
        assertThat(sender.send(delivery, uri(onUri, "/webhooks/sir-giving")).status()).isEqualTo(204);
        assertThat(sender.send(delivery, uri(onBean, "/webhooks/sir-giving")).status()).as("the duplicate").isEqualTo(200);
        assertThat(sender.send(delivery, uri(onUri, "/webhooks/sir-giving")).status()).as("the duplicate").isEqualTo(200);
        assertThat(ShopApplication.CALLS).hasSize(1);
        assertThat(redis.command("EXISTS", "shop:" + kit.sirGivingVerifier().verify(delivery.toWebhookRequest()).idempotencyKey()))
                .isEqualTo(":1");
    }

    @Test
    void withRedisDownADeliveryIsRefusedWith503AndProcessedOnceWhenItIsBack() throws Exception {
        Fixture delivery = kit.chuffed().paymentConfirmed().signed();
        redis.kill();
        try {
            WebhookSender.Response refused = sender.send(delivery, uri(onUri, "/webhooks/chuffed"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(ShopApplicationTest.reason(refused)).isEqualTo("STORE_UNAVAILABLE");
            assertThat(ShopApplication.CALLS).isEmpty();
        } finally {
            redis.restart();
        }
        int status = 503;
        for (int attempt = 0; attempt < 100 && status == 503; attempt++) { // the provider retries; the store reconnects
            Thread.sleep(100);
            status = sender.send(delivery, uri(onBean, "/webhooks/chuffed")).status();
        }
        assertThat(status).isEqualTo(204);
        assertThat(sender.send(delivery, uri(onUri, "/webhooks/chuffed")).status()).isEqualTo(200);
        assertThat(ShopApplication.CALLS).hasSize(1);
    }
}
