package dev.givinghooks.spring.contract;

/** The adapter contract suite against a real Spring Boot application whose controllers are future. */
class SpringFutureContractTest extends SpringBootAdapter {
    SpringFutureContractTest() {
        super("future");
    }
}
