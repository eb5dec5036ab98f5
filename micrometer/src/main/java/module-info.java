/**
 * Givinghooks on Micrometer: an observation per webhook delivery, for metrics and trace spans.
 */
module dev.givinghooks.micrometer {
    requires transitive dev.givinghooks;
    requires micrometer.observation;

    exports dev.givinghooks.micrometer;
}
