package dev.givinghooks.spring.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.MemoryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Bounded memory under 200 concurrent oversized or trickled bodies: a real Spring Boot application, 256 MiB heap. */
class SpringMemoryTest extends MemoryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) {
        return SpringBootAdapter.run(setup, "sync");
    }
}
