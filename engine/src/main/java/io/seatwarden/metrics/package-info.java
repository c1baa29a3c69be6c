/**
 * The engine's metrics: Micrometer's Prometheus registry with the JVM's metrics ({@link
 * io.seatwarden.metrics.EngineMetrics}), fed one {@link io.seatwarden.metrics.RunMeasurement} per finished
 * run, served by the {@code run} service at {@code /metrics} and written by {@code apply --metrics-file}
 * ({@link io.seatwarden.metrics.MetricsFile}). The only room that uses Micrometer.
 */
package io.seatwarden.metrics;
