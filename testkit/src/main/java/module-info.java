/**
 * Givinghooks testkit: signed and encrypted webhook fixtures for every provider, a catalogue of
 * negative variants tagged with the outcome they must produce, seeded generators, JUnit argument
 * providers, a sender, a provider delivery simulator (retries, back-off, timeouts on a virtual
 * clock), test-vector export and the adapter contract suite. Fixtures also render to
 * a Spring MockMvc request ({@link dev.givinghooks.testkit.spring.MockMvcFixtures}) and a Vert.x
 * WebClient request ({@link dev.givinghooks.testkit.vertx.WebClientFixtures}) when spring-test or
 * vertx-web-client is present.
 */
module dev.givinghooks.testkit {
    requires transitive dev.givinghooks;
    requires transitive java.net.http;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires tools.jackson.databind;
    requires java.management; // the memory suite reports the heap's peak use
    // Optional renderers: only MockMvcFixtures and WebClientFixtures use these, and nothing else in
    // the testkit refers to those two classes, so the testkit runs without Spring or Vert.x.
    requires static spring.test; // automatic module: not transitive, see MockMvcFixtures
    requires static spring.web;
    requires static transitive io.vertx.core;
    requires static transitive io.vertx.web.client;

    exports dev.givinghooks.testkit;
    exports dev.givinghooks.testkit.junit;
    exports dev.givinghooks.testkit.contract;
    exports dev.givinghooks.testkit.delivery;
    exports dev.givinghooks.testkit.spring;
    exports dev.givinghooks.testkit.vertx;
    // JUnit runs the contract suite's inherited test methods reflectively.
    opens dev.givinghooks.testkit.contract to org.junit.platform.commons;
}
