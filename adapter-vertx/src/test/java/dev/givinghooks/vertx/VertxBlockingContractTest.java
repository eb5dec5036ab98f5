package dev.givinghooks.vertx;

/** The contract suite on Vert.x with the application in a blocking handler. */
class VertxBlockingContractTest extends VertxContractTest {
    VertxBlockingContractTest() {
        super(true);
    }
}
