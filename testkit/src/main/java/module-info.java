/**
 * Givinghooks testkit: signed and encrypted webhook fixtures for every provider, a catalogue of
 * negative variants tagged with the outcome they must produce, seeded generators, JUnit argument
 * providers, a sender, test-vector export and the adapter contract suite.
 */
module dev.givinghooks.testkit {
    requires transitive dev.givinghooks;
    requires transitive java.net.http;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires tools.jackson.databind;

    exports dev.givinghooks.testkit;
    exports dev.givinghooks.testkit.junit;
    exports dev.givinghooks.testkit.contract;
    // JUnit runs the contract suite's inherited test methods reflectively.
    opens dev.givinghooks.testkit.contract to org.junit.platform.commons;
}
