package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.MemoryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Bounded memory under 200 concurrent oversized or trickled bodies: WebhookFilter in real Jetty, 256 MiB heap. */
class JettyMemoryTest extends MemoryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.jetty(setup, false);
    }
}
