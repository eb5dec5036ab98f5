package dev.givinghooks.vertx;

/** The contract suite on Vert.x with a non-blocking next handler that runs the application on a worker. */
class VertxNonBlockingContractTest extends VertxContractTest {
    VertxNonBlockingContractTest() {
        super(false);
    }
}
