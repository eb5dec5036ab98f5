package dev.givinghooks.testkit.contract;

import dev.givinghooks.spi.IdempotencyStore;

/** The store SPI contract against core's in-memory store, on the system clock. */
class InMemoryStoreContractTest extends IdempotencyStoreContractTest {
    @Override
    protected IdempotencyStore createStore() {
        return IdempotencyStore.inMemory();
    }
}
