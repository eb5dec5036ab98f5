package dev.givinghooks.spring.contract;

/** The adapter contract suite against a real Spring Boot application whose controllers are callable. */
class SpringCallableContractTest extends SpringBootAdapter {
    SpringCallableContractTest() {
        super("callable");
    }
}
