package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.MemoryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Bounded memory under 200 concurrent oversized or trickled bodies: WebhookFilter in real Tomcat, 256 MiB heap. */
class TomcatMemoryTest extends MemoryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.tomcat(setup, false);
    }
}
