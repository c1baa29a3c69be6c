package io.seatwarden.schedule;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatwarden.metrics.EngineMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The operations endpoint: {@code GET /healthz} (200 "ok" or 503 with the reason) and
 * {@code GET /metrics} (Prometheus text format). Read-only; it exposes no tenant data beyond counts.
 */
public final class OpsServer implements AutoCloseable {
    static {
        // Scrapes reuse connections: without no-delay each answer waits ~40 ms for a delayed ACK
        // (see GraphEmulator). The JDK reads it once, at its first server; an explicit -D value wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** @param metrics the metrics in the Prometheus text format ({@link EngineMetrics#CONTENT_TYPE}) */
    public static OpsServer start(InetSocketAddress address, Supplier<HealthCheck.Status> health, Supplier<String> metrics)
            throws IOException {
        requireNonNull(health, "health is null");
        requireNonNull(metrics, "metrics is null");
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/healthz", exchange -> {
            HealthCheck.Status status = health.get();
            respond(exchange, status.healthy() ? 200 : 503, "text/plain; charset=utf-8", status.describe() + "\n");
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, EngineMetrics.CONTENT_TYPE, metrics.get()));
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8", "try /healthz or /metrics\n"));
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "seatwarden-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new OpsServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                status = 405;
                body = "only GET\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
