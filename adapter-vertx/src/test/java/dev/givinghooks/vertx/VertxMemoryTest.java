package dev.givinghooks.vertx;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.MemoryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Bounded memory under 200 concurrent oversized or trickled bodies: a real Vert.x server, 256 MiB heap. */
class VertxMemoryTest extends MemoryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return VertxContractTest.run(setup, false);
    }
}
