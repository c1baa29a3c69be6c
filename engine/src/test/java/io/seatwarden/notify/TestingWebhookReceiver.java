package io.seatwarden.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on a loopback ephemeral port: answers each POST with the next scripted answer (200 once the
 * script is used up) and keeps every body it received. Its path holds a secret, as real webhook URLs do.
 */
public final class TestingWebhookReceiver implements AutoCloseable {
    /** What the receiver answers; {@link #never()} never answers (until the receiver closes). */
    public record Answer(int status, Map<String, String> headers, String body, boolean hangs) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", false);
        }

        public static Answer never() {
            return new Answer(0, Map.of(), "", true);
        }
    }

    public static final String SECRET = "T0SECRET/B0SECRET/s3cr3tT0k3n";

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> bodies = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private TestingWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static TestingWebhookReceiver start(Answer... answers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestingWebhookReceiver receiver = new TestingWebhookReceiver(server);
            receiver.script.addAll(List.of(answers));
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/services/<secret>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/" + SECRET;
    }

    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + body);
            answer = script.isEmpty() ? Answer.status(200) : script.poll();
        }
        if (answer.hangs()) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
