package dev.givinghooks.spring.contract;

/** The adapter contract suite against a real Spring Boot application whose controllers are sync. */
class SpringSyncContractTest extends SpringBootAdapter {
    SpringSyncContractTest() {
        super("sync");
    }
}
