package dev.givinghooks.spring.contract;

/** The adapter contract suite against a real Spring Boot application whose controllers are deferred. */
class SpringDeferredContractTest extends SpringBootAdapter {
    SpringDeferredContractTest() {
        super("deferred");
    }
}
