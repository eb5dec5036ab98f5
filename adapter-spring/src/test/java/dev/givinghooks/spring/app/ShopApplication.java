package dev.givinghooks.spring.app;

import dev.givinghooks.Verified;
import dev.givinghooks.chuffed.DonationPaymentConfirmed;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.ActionFailed;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.spring.VerifiedWebhook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An application as a user writes one: webhook controllers with {@link VerifiedWebhook}
 * parameters beside an ordinary endpoint, behind a Spring Security configuration that protects
 * everything (login, CSRF), with an advice that handles every exception its own way.
 */
@SpringBootApplication
public class ShopApplication {
    /** What the controllers were called with, in order. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @Bean
    SecurityFilterChain everythingNeedsLogin(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    /** The webhook endpoints. */
    @RestController
    static class Webhooks {
        @PostMapping("/webhooks/sir-giving")
        ResponseEntity<Void> sir(@VerifiedWebhook SirGivingEvent event) {
            CALLS.add("sir " + event.type());
            return ResponseEntity.noContent().build();
        }

        @PostMapping("/webhooks/sir-giving/failures")
        ResponseEntity<Void> sirFailures(@VerifiedWebhook ActionFailed failed) {
            CALLS.add("sir failure " + failed.type());
            return ResponseEntity.noContent().build();
        }

        @PostMapping("/webhooks/chuffed")
        ResponseEntity<Void> chuffed(@VerifiedWebhook DonationPaymentConfirmed donation) {
            CALLS.add("chuffed " + donation.type());
            return ResponseEntity.noContent().build();
        }

        @PostMapping("/webhooks/giving-block")
        ResponseEntity<Void> givingBlock(@VerifiedWebhook Verified<GivingBlockEvent> verified) {
            CALLS.add("giving-block " + verified.event().type() + " key " + verified.keyIndex());
            return ResponseEntity.noContent().build();
        }
    }

    /** An advice that turns every exception into 418: the webhook refusals must not pass through it. */
    @RestControllerAdvice
    static class CatchEverything {
        @ExceptionHandler(Exception.class)
        ResponseEntity<String> handle(Exception e) {
            return ResponseEntity.status(418).body("handled by the application's advice");
        }
    }

    /** An ordinary endpoint, which must stay protected. */
    @RestController
    static class Admin {
        @GetMapping("/admin")
        String admin() {
            return "the admin page";
        }

        @PostMapping("/admin/refund")
        String refund() {
            return "refunded";
        }
    }
}
