package dev.givinghooks.vertx;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.contract.AdapterContractTest;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/** The adapter contract suite against a real Vert.x HTTP server with four verticle instances sharing one handler per provider. */
abstract class VertxContractTest extends AdapterContractTest {
    private final boolean blocking;

    VertxContractTest(boolean blocking) {
        this.blocking = blocking;
    }

    static Map<Provider, WebhookHandler> handlers(AdapterSetup setup) {
        Map<Provider, WebhookHandler> handlers = new EnumMap<>(Provider.class);
        handlers.put(Provider.SIR_GIVING, WebhookHandler.builder(setup.sirGiving()).idempotencyStore(setup.store()).maxBodyBytes(setup.maxBodyBytes()).failOpen(setup.failOpen()).build());
        handlers.put(Provider.GIVING_BLOCK, WebhookHandler.builder(setup.givingBlock()).idempotencyStore(setup.store()).maxBodyBytes(setup.maxBodyBytes()).failOpen(setup.failOpen()).build());
        handlers.put(Provider.CHUFFED, WebhookHandler.builder(setup.chuffed()).idempotencyStore(setup.store()).maxBodyBytes(setup.maxBodyBytes()).failOpen(setup.failOpen()).build());
        return handlers;
    }

    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return run(setup, blocking);
    }

    /** Netty closes a connection whose client half-closed before the declared length: no answer can follow. */
    @Override
    protected boolean answersBrokenFraming() {
        return false;
    }

    /** Runs the handlers of the setup on a real server, the application blocking (on a worker) or not. */
    static RunningAdapter run(AdapterSetup setup, boolean blocking) throws Exception {
        VertxServer server = VertxServer.start(new VertxOptions(), handlers(setup), setup.application(), blocking, 4);
        return new RunningAdapter() {
            @Override
            public URI endpoint(Provider provider) {
                return server.endpoint(provider);
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }
}
