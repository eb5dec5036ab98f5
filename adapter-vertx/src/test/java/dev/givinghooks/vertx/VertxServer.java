package dev.givinghooks.vertx;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.testkit.contract.Application;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x HTTP server on a free loopback port: several verticle instances, each with a
 * router that puts a shared {@link WebhookHandler} per provider in front of the application, which
 * runs in a blocking handler or, from a non-blocking one, on a worker thread.
 */
final class VertxServer implements AutoCloseable {
    private final Vertx vertx;
    private final int port;

    private VertxServer(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    static VertxServer start(VertxOptions options, Map<Provider, WebhookHandler> handlers, Application application, boolean blocking,
            int instances) throws Exception {
        Vertx vertx = Vertx.vertx(options);
        int port = freePort();
        vertx.deployVerticle(() -> new Webhooks(handlers, application, blocking, port), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new VertxServer(vertx, port);
    }

    URI endpoint(Provider provider) {
        return URI.create("http://127.0.0.1:" + port + "/webhooks/" + provider.id());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One verticle instance: a router and an HTTP server on the shared port. */
    private static final class Webhooks extends VerticleBase {
        private final Map<Provider, WebhookHandler> handlers;
        private final Application application;
        private final boolean blocking;
        private final int port;

        Webhooks(Map<Provider, WebhookHandler> handlers, Application application, boolean blocking, int port) {
            this.handlers = handlers;
            this.application = application;
            this.blocking = blocking;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            Router router = Router.router(vertx);
            handlers.forEach((provider, handler) -> {
                var route = router.post("/webhooks/" + provider.id()).handler(handler);
                if (blocking) {
                    route.blockingHandler(ctx -> respond(ctx, call(verified(ctx))));
                } else {
                    route.handler(ctx -> vertx.executeBlocking(() -> call(verified(ctx)))
                            .onSuccess(status -> respond(ctx, status)).onFailure(ctx::fail));
                }
            });
            return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
        }

        private static Verified<?> verified(RoutingContext ctx) {
            return WebhookHandler.verified(ctx).orElseThrow();
        }

        private int call(Verified<?> verified) {
            try {
                return application.handle(verified);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void respond(RoutingContext ctx, int status) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
