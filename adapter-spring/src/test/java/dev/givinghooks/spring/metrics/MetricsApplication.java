package dev.givinghooks.spring.metrics;

import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.spring.VerifiedWebhook;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application with Actuator and a webhook controller; the test adds a tracer to its observation registry. */
@SpringBootApplication
public class MetricsApplication {
    @Bean
    SecurityFilterChain openForTheTest(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
    }

    /** The webhook endpoint. */
    @RestController
    static class Webhooks {
        @PostMapping("/webhooks/chuffed")
        ResponseEntity<Void> chuffed(@VerifiedWebhook ChuffedEvent event) {
            return ResponseEntity.noContent().build();
        }
    }
}
