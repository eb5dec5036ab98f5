package dev.givinghooks.benchmarks.http.spring;

import dev.givinghooks.benchmarks.HandVerified;
import dev.givinghooks.benchmarks.HttpTarget;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spring.VerifiedWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The Spring MVC target: Boot 4 on its Tomcat, the adapter configured by properties as a user would. */
@SpringBootApplication
public class TargetApplication {
    /** A running application. */
    public interface Running extends AutoCloseable {
        /** @return the port */
        int port();

        @Override
        void close();
    }

    /**
     * Runs the application.
     *
     * @param secret the SIR Giving secret
     * @param store the idempotency store, as the application's bean
     * @return the running application
     */
    public static Running run(String secret, IdempotencyStore store) {
        SpringApplication app = new SpringApplication(TargetApplication.class);
        app.setDefaultProperties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off",
                "logging.level.root", "warn", "givinghooks.sir-giving.secrets", secret));
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("idempotencyStore", store));
        ConfigurableApplicationContext context = app.run();
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new Running() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    /** The three endpoints. */
    @RestController
    static class Endpoints {
        @PostMapping(HttpTarget.BARE)
        ResponseEntity<Void> bare(InputStream body) throws IOException {
            body.readAllBytes();
            return ResponseEntity.noContent().build();
        }

        @PostMapping(HttpTarget.FLOOR)
        ResponseEntity<Void> floor(@RequestHeader(SirGiving.TIMESTAMP_HEADER) String timestamp,
                @RequestHeader(SirGiving.SIGNATURE_HEADER) String signature, InputStream body) throws IOException {
            boolean valid = HandVerified.check(timestamp, signature, body.readAllBytes());
            return valid ? ResponseEntity.noContent().build() : ResponseEntity.status(401).build();
        }

        @PostMapping(HttpTarget.VERIFIED)
        ResponseEntity<Void> sirGiving(@VerifiedWebhook SirGivingEvent event) {
            return ResponseEntity.noContent().build();
        }
    }
}
