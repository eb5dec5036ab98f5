package dev.givinghooks.spring.contract;

import dev.givinghooks.Verified;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.SirGivingEvent;
import dev.givinghooks.spring.VerifiedWebhook;
import dev.givinghooks.testkit.contract.Application;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The contract suite's application as Spring controllers: each provider on {@code /sync/...}
 * (the request thread), {@code /deferred/...} ({@code DeferredResult} completed from another
 * thread), {@code /callable/...} and {@code /future/...} ({@code CompletableFuture}). Each hands the
 * verified delivery to the suite's {@link Application} bean and answers its status; an exception
 * propagates as Spring handles it.
 */
@SpringBootApplication
public class ContractApplication {
    /** The controllers. */
    @RestController
    static class Webhooks {
        private final Application application;
        private final ExecutorService executor = Executors.newCachedThreadPool();

        Webhooks(Application application) {
            this.application = application;
        }

        private ResponseEntity<Void> handle(Verified<?> verified) throws Exception {
            return ResponseEntity.status(application.handle(verified)).build();
        }

        private DeferredResult<ResponseEntity<Void>> deferred(Verified<?> verified) {
            DeferredResult<ResponseEntity<Void>> result = new DeferredResult<>(30_000L);
            executor.execute(() -> {
                try {
                    result.setResult(handle(verified));
                } catch (Exception e) {
                    result.setErrorResult(e);
                }
            });
            return result;
        }

        private CompletableFuture<ResponseEntity<Void>> future(Verified<?> verified) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return handle(verified);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
        }

        @PostMapping("/sync/webhooks/sir-giving")
        ResponseEntity<Void> syncSir(@VerifiedWebhook Verified<SirGivingEvent> verified) throws Exception {
            return handle(verified);
        }

        @PostMapping("/sync/webhooks/giving-block")
        ResponseEntity<Void> syncTgb(@VerifiedWebhook Verified<GivingBlockEvent> verified) throws Exception {
            return handle(verified);
        }

        @PostMapping("/sync/webhooks/chuffed")
        ResponseEntity<Void> syncChuffed(@VerifiedWebhook Verified<ChuffedEvent> verified) throws Exception {
            return handle(verified);
        }

        @PostMapping("/deferred/webhooks/sir-giving")
        DeferredResult<ResponseEntity<Void>> deferredSir(@VerifiedWebhook Verified<SirGivingEvent> verified) {
            return deferred(verified);
        }

        @PostMapping("/deferred/webhooks/giving-block")
        DeferredResult<ResponseEntity<Void>> deferredTgb(@VerifiedWebhook Verified<GivingBlockEvent> verified) {
            return deferred(verified);
        }

        @PostMapping("/deferred/webhooks/chuffed")
        DeferredResult<ResponseEntity<Void>> deferredChuffed(@VerifiedWebhook Verified<ChuffedEvent> verified) {
            return deferred(verified);
        }

        @PostMapping("/callable/webhooks/sir-giving")
        Callable<ResponseEntity<Void>> callableSir(@VerifiedWebhook Verified<SirGivingEvent> verified) {
            return () -> handle(verified);
        }

        @PostMapping("/callable/webhooks/giving-block")
        Callable<ResponseEntity<Void>> callableTgb(@VerifiedWebhook Verified<GivingBlockEvent> verified) {
            return () -> handle(verified);
        }

        @PostMapping("/callable/webhooks/chuffed")
        Callable<ResponseEntity<Void>> callableChuffed(@VerifiedWebhook Verified<ChuffedEvent> verified) {
            return () -> handle(verified);
        }

        @PostMapping("/future/webhooks/sir-giving")
        CompletableFuture<ResponseEntity<Void>> futureSir(@VerifiedWebhook Verified<SirGivingEvent> verified) {
            return future(verified);
        }

        @PostMapping("/future/webhooks/giving-block")
        CompletableFuture<ResponseEntity<Void>> futureTgb(@VerifiedWebhook Verified<GivingBlockEvent> verified) {
            return future(verified);
        }

        @PostMapping("/future/webhooks/chuffed")
        CompletableFuture<ResponseEntity<Void>> futureChuffed(@VerifiedWebhook Verified<ChuffedEvent> verified) {
            return future(verified);
        }
    }
}
