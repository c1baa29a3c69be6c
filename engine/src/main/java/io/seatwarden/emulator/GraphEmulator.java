package io.seatwarden.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Microsoft Graph v1.0 for tests and demos: serves a tenant file at exactly
 * {@code http://127.0.0.1:PORT/v1.0} with Graph's shapes and behaviour for the calls the engine and
 * its users make (graph-facts.md §11). Requests with or without {@code Authorization} are accepted.
 * <pre>{@code
 * try (GraphEmulator graph = GraphEmulator.start(tenantFile, EmulatorOptions.defaults().withPageSize(5))) {
 *     GraphServiceClient client = ...; client.getRequestAdapter().setBaseUrl(graph.baseUrl());
 *     ...
 *     assertThat(graph.requestLog().count("GET /subscribedSkus")).isEqualTo(1);
 *     assertThat(graph.state().snapshot().user(id)).isPresent();
 * }
 * }</pre>
 *
 * <p>Per request, in this order: {@link EmulatorOptions#latency()} (once per HTTP request, so once per
 * {@code $batch}, not per step); a {@link FaultPlan} fault; the throttling budgets (per step inside a
 * batch); the {@code --fail-rate} draw (per HTTP request, batches included: 503 before anything
 * happens, or 504 after the request, and every step of a batch, took effect); then the request.
 *
 * <p>Thread-safe; served by {@link EmulatorOptions#threads()} threads. {@link #close()} stops the
 * server and, with {@link EmulatorOptions#save()}, writes the tenant back out.
 */
public final class GraphEmulator implements AutoCloseable {
    static final int MAX_BATCH = 20;
    /**
     * The JDK server's TCP no-delay switch. Without it, a response written in two segments on a
     * kept-alive connection waits for the client's delayed ACK: about 44 ms per request instead of
     * about 1 (BENCHMARKS.md, "Emulator round trip"). The JDK reads it once, when the first server
     * of the JVM is created, so it is set when this class loads; an explicit {@code -D} value wins.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final EmulatorOptions options;
    private final TenantState state;
    private final RequestLog log;
    private final FaultPlan faults = new FaultPlan();
    private final Throttle throttle;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private final Random random;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final GraphApi api;

    private GraphEmulator(TenantFile tenant, EmulatorOptions options) throws IOException {
        this.options = options;
        this.log = new RequestLog(options.requestLogLimit());
        this.state = new TenantState(tenant, options.clock(), options.countWarningSeats(), options.replicationLag(),
                options.licensingDelay(), ServicePlanConflicts.bundled());
        this.throttle = new Throttle(options.clock(), options.throttleUnits(), options.writeBudget());
        this.random = new Random(options.seed());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 100);
        this.executor = Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "graph-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0";
        this.api = new GraphApi(state, json, baseUrl, options.pageSize(), options.clock());
    }

    /**
     * Starts serving a tenant.
     *
     * @throws io.seatwarden.directory.file.TenantFileException when the tenant file is inconsistent
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static GraphEmulator start(TenantFile tenant, EmulatorOptions options) {
        try {
            GraphEmulator emulator = new GraphEmulator(tenant, options);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Graph emulator on port " + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1.0}, with no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public RequestLog requestLog() {
        return log;
    }

    /** The tenant as it is now; tests read it and change group membership through it. */
    public TenantState state() {
        return state;
    }

    public FaultPlan faults() {
        return faults;
    }

    public EmulatorOptions options() {
        return options;
    }

    /**
     * Whether users' {@code signInActivity} is served (the default) or refused with Graph's 403, as for an app
     * without {@code AuditLog.Read.All} or a tenant without Microsoft Entra ID P1/P2. Takes effect for the next request.
     */
    public void signInActivityAccess(SignInActivityAccess access) {
        api.signInActivityAccess(access);
    }

    /** Stops serving (requests in flight are cut off) and saves the tenant when asked to. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (options.save().isPresent()) {
            save(options.save().get());
        }
    }

    /** Writes the tenant as it is now in the tenant-file format (YAML for .yaml/.yml, else JSON). */
    public void save(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
            try (OutputStream out = Files.newOutputStream(path)) {
                new TenantFiles().write(state.toTenantFile(), out, yaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the tenant to " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    /** Thrown to drop a connection without answering. */
    private static final class ConnectionReset extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private enum RandomFailure { NONE, BEFORE, AFTER }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            sleep(options.latency());
            Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
            URI uri = exchange.getRequestURI();
            String rawPath = uri.getRawPath();
            String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            EmulatorResponse response;
            try {
                if (!rawPath.equals("/v1.0") && !rawPath.startsWith("/v1.0/")) {
                    response = outsideBase(method, rawPath, rawQuery, headers, body);
                } else {
                    String path = decodePath(rawPath.substring("/v1.0".length()));
                    EmulatorRequest request = new EmulatorRequest(method, path.isEmpty() ? "/" : path, rawQuery, headers, body, Optional.empty());
                    response = path.equals("/$batch") ? batch(request) : process(request, true);
                }
            } catch (ConnectionReset reset) {
                return; // closing the exchange without a response drops the connection
            } catch (RuntimeException bug) {
                // An emulator bug: answer as Graph does for its own failures rather than drop the connection.
                System.err.println("graph emulator: internal error on " + method + " " + rawPath);
                bug.printStackTrace(System.err);
                response = error(new EmulatorRequest(method, rawPath, rawQuery, headers, body, Optional.empty()),
                        new GraphErrorException(500, "InternalServerError", "The emulator failed: " + bug));
            }
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(header.getKey(), header.getValue());
            }
            byte[] bytes = response.body();
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private EmulatorResponse outsideBase(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        EmulatorRequest request = new EmulatorRequest(method, rawPath, rawQuery, headers, body, Optional.empty());
        long number = sequence.incrementAndGet();
        EmulatorResponse response = error(request, new GraphErrorException(404, "Request_ResourceNotFound",
                "Graph is served at " + baseUrl + "; '" + rawPath + "' is not below it."));
        record(number, request, response, method + " " + rawPath);
        return response;
    }

    private static String decodePath(String rawPath) {
        try {
            // A literal '+' in a path is a '+', not a space (e.g. a UPN like a+b@contoso.com).
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RandomFailure drawFailure() {
        if (options.failRate() <= 0) {
            return RandomFailure.NONE;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < options.failRate() / 2) {
            return RandomFailure.BEFORE;
        }
        return draw < options.failRate() ? RandomFailure.AFTER : RandomFailure.NONE;
    }

    /** One request or batch step: route, faults, throttling, handling, log. */
    private EmulatorResponse process(EmulatorRequest request, boolean topLevel) {
        long number = sequence.incrementAndGet();
        GraphApi.Route route;
        try {
            route = GraphApi.route(request.method(), request.path());
        } catch (GraphErrorException e) {
            EmulatorResponse response = error(request, e);
            record(number, request, response, request.method() + " " + request.path());
            return response;
        }
        String endpoint = request.method() + " " + route.endpoint();
        Optional<FaultPlan.Fault> fault = faults.take(new FaultPlan.RequestInfo(number, request.method(), route.endpoint(),
                request.path(), !topLevel));
        EmulatorResponse response = null;
        if (fault.isPresent()) {
            switch (fault.get().kind()) {
                case CONNECTION_RESET -> {
                    record(number, request, EmulatorResponse.text(0, ""), endpoint);
                    throw new ConnectionReset();
                }
                case THROTTLE -> response = throttled(request, fault.get().retryAfter().orElse(Duration.ofSeconds(1)), route.write(), 1.0);
                case UNAVAILABLE -> response = unavailable(request, fault.get().retryAfter());
                case TIMEOUT_AFTER, DROP_NEXT_LINK -> { }
            }
        }
        int cost = 1;
        if (response == null) {
            cost = GraphApi.cost(route, QueryOptions.parseLenient(request.rawQuery()));
            Optional<Throttle.Rejection> rejection = throttle.charge(cost, route.write());
            if (rejection.isPresent()) {
                response = throttled(request, rejection.get().retryAfter(), rejection.get().write(), rejection.get().usage());
            }
        }
        RandomFailure failure = response == null && topLevel ? drawFailure() : RandomFailure.NONE;
        if (failure == RandomFailure.BEFORE) {
            response = unavailable(request, Optional.empty());
        }
        if (response == null) {
            try {
                response = decorate(request, api.handle(route, request));
            } catch (GraphErrorException e) {
                response = error(request, e);
            }
            if (failure == RandomFailure.AFTER || (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.TIMEOUT_AFTER)) {
                response = gatewayTimeout(request);
            }
            if (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.DROP_NEXT_LINK) {
                response = withoutNextLink(response);
            }
            response = response.withHeaders(Map.of("x-ms-resource-unit", Integer.toString(cost)));
            double usage = throttle.usage();
            if (usage > 0.8) {
                response = response.withHeaders(Map.of("x-ms-throttle-limit-percentage", String.format(Locale.ROOT, "%.1f", usage)));
            }
        }
        record(number, request, response, endpoint);
        return response;
    }

    /** The same page without {@code @odata.nextLink} (anything else is answered as it was). */
    private EmulatorResponse withoutNextLink(EmulatorResponse response) {
        if (response.status() != 200) {
            return response;
        }
        try {
            JsonNode body = json.readTree(response.body());
            if (body == null || !body.isObject() || !body.has("@odata.nextLink")) {
                return response;
            }
            ((ObjectNode) body).remove("@odata.nextLink");
            return new EmulatorResponse(response.status(), response.headers(), json.writeValueAsBytes(body));
        } catch (IOException e) {
            return response;
        }
    }

    private void record(long number, EmulatorRequest request, EmulatorResponse response, String endpoint) {
        log.add(new RequestLog.Entry(number, options.clock().instant(), request.method(), request.path(), request.rawQuery(),
                request.headers(), request.bodyText(), response.status(), response.headers(), response.bodyText(),
                request.batchItemId(), endpoint));
    }

    // ---------------------------------------------------------------- $batch

    private EmulatorResponse batch(EmulatorRequest request) {
        long number = sequence.incrementAndGet();
        String endpoint = request.method() + " /$batch";
        Optional<FaultPlan.Fault> fault = faults.take(new FaultPlan.RequestInfo(number, request.method(), "/$batch", "/$batch", false));
        EmulatorResponse response;
        if (!request.method().equals("POST")) {
            response = error(request, GraphErrorException.methodNotAllowed());
        } else if (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.CONNECTION_RESET) {
            record(number, request, EmulatorResponse.text(0, ""), endpoint);
            throw new ConnectionReset();
        } else if (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.THROTTLE) {
            response = throttled(request, fault.get().retryAfter().orElse(Duration.ofSeconds(1)), false, 1.0);
        } else if (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.UNAVAILABLE) {
            response = unavailable(request, fault.get().retryAfter());
        } else {
            RandomFailure failure = drawFailure();
            if (failure == RandomFailure.BEFORE) {
                response = unavailable(request, Optional.empty());
            } else {
                try {
                    response = decorate(request, EmulatorResponse.json(200, json.writeValueAsBytes(runBatch(request))));
                } catch (GraphErrorException e) {
                    response = error(request, e);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot write JSON", e);
                }
                if (failure == RandomFailure.AFTER || (fault.isPresent() && fault.get().kind() == FaultPlan.Kind.TIMEOUT_AFTER)) {
                    response = gatewayTimeout(request);
                }
            }
        }
        record(number, request, response, endpoint);
        return response;
    }

    private record Step(String id, String method, String url, Map<String, List<String>> headers, byte[] body, List<String> dependsOn) {}

    private ObjectNode runBatch(EmulatorRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (IOException e) {
            throw new GraphErrorException(400, "BadRequest", "Invalid batch payload format.");
        }
        if (root == null || !root.isObject() || !root.path("requests").isArray()) {
            throw new GraphErrorException(400, "BadRequest", "Invalid batch payload format.");
        }
        ArrayNode requests = (ArrayNode) root.get("requests");
        if (requests.size() > MAX_BATCH) {
            throw new GraphErrorException(400, "BadRequest", "Number of requests in the batch exceeds the maximum of " + MAX_BATCH + ".");
        }
        LinkedHashMap<String, Step> steps = new LinkedHashMap<>();
        for (JsonNode item : requests) {
            Step step = step(item);
            if (steps.putIfAbsent(step.id().toLowerCase(Locale.ROOT), step) != null) {
                throw new GraphErrorException(400, "BadRequest", "Batch request ids must be unique; '" + step.id() + "' is repeated.");
            }
        }
        for (Step step : steps.values()) {
            for (String dependency : step.dependsOn()) {
                if (!steps.containsKey(dependency.toLowerCase(Locale.ROOT))) {
                    throw new GraphErrorException(400, "BadRequest", "Request '" + step.id() + "' depends on an unknown request id '" + dependency + "'.");
                }
            }
        }
        Map<String, Integer> statuses = new HashMap<>();
        Map<String, ObjectNode> answers = new HashMap<>();
        for (Step step : steps.values()) {
            run(step, steps, statuses, answers, new HashSet<>());
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode responses = body.putArray("responses");
        for (Step step : steps.values()) {
            responses.add(answers.get(step.id().toLowerCase(Locale.ROOT)));
        }
        return body;
    }

    private Step step(JsonNode item) {
        if (!item.isObject() || !item.path("id").isTextual() || !item.path("method").isTextual() || !item.path("url").isTextual()) {
            throw new GraphErrorException(400, "BadRequest", "Invalid batch payload format: every request needs id, method and url.");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = item.path("headers").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> header = fields.next();
            headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue().asText());
        }
        byte[] body = new byte[0];
        if (item.has("body") && !item.get("body").isNull()) {
            try {
                body = json.writeValueAsBytes(item.get("body"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
            if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
                throw new GraphErrorException(400, "BadRequest", "Request '" + item.get("id").asText() + "' has a body but no Content-Type header.");
            }
        }
        List<String> dependsOn = new ArrayList<>();
        item.path("dependsOn").forEach(dependency -> dependsOn.add(dependency.asText()));
        return new Step(item.get("id").asText(), item.get("method").asText().toUpperCase(Locale.ROOT), item.get("url").asText(),
                headers, body, dependsOn);
    }

    private void run(Step step, Map<String, Step> steps, Map<String, Integer> statuses, Map<String, ObjectNode> answers, Set<String> visiting) {
        String key = step.id().toLowerCase(Locale.ROOT);
        if (statuses.containsKey(key)) {
            return;
        }
        if (!visiting.add(key)) {
            throw new GraphErrorException(400, "BadRequest", "Batch request '" + step.id() + "' depends on itself through dependsOn.");
        }
        Optional<String> failed = Optional.empty();
        for (String dependency : step.dependsOn()) {
            Step prerequisite = steps.get(dependency.toLowerCase(Locale.ROOT));
            run(prerequisite, steps, statuses, answers, visiting);
            int status = statuses.get(dependency.toLowerCase(Locale.ROOT));
            if ((status < 200 || status > 299) && failed.isEmpty()) {
                failed = Optional.of(prerequisite.id());
            }
        }
        EmulatorRequest request = stepRequest(step);
        EmulatorResponse response;
        if (failed.isPresent()) {
            response = error(request, new GraphErrorException(424, "FailedDependency",
                    "The request '" + step.id() + "' was not run because the request '" + failed.get() + "' it depends on failed."));
            record(sequence.incrementAndGet(), request, response, request.method() + " " + endpointOf(request));
        } else {
            response = process(request, false);
        }
        statuses.put(key, response.status());
        answers.put(key, stepAnswer(step.id(), response));
    }

    private static String endpointOf(EmulatorRequest request) {
        try {
            return GraphApi.route(request.method(), request.path()).endpoint();
        } catch (GraphErrorException e) {
            return request.path();
        }
    }

    private EmulatorRequest stepRequest(Step step) {
        String url = step.url();
        // Step URLs are relative to /v1.0 and percent-encoded (graph-sdk-notes Q4). The JavaScript SDK
        // sends them with the version ("/v1.0/users/..."), so a leading version, or an absolute URL, is dropped.
        int base = url.indexOf("/v1.0/");
        if (url.startsWith("http") && base >= 0) {
            url = url.substring(base + "/v1.0".length());
        } else if (url.startsWith("/v1.0/") || url.startsWith("v1.0/")) {
            url = url.substring(url.indexOf("v1.0/") + "v1.0".length());
        }
        int question = url.indexOf('?');
        String rawPath = question < 0 ? url : url.substring(0, question);
        String rawQuery = question < 0 ? "" : url.substring(question + 1);
        String path = decodePath(rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        return new EmulatorRequest(step.method(), path, rawQuery, step.headers(), step.body(), Optional.of(step.id()));
    }

    private ObjectNode stepAnswer(String id, EmulatorResponse response) {
        ObjectNode answer = json.createObjectNode();
        answer.put("id", id);
        answer.put("status", response.status());
        ObjectNode headers = answer.putObject("headers");
        response.headers().forEach(headers::put);
        if (response.body().length > 0) {
            String contentType = response.headers().getOrDefault("Content-Type", "");
            if (contentType.startsWith("application/json")) {
                try {
                    answer.set("body", json.readTree(response.body()));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read own JSON", e);
                }
            } else {
                answer.put("body", response.bodyText());
            }
        }
        return answer;
    }

    // ---------------------------------------------------------------- responses

    private EmulatorResponse decorate(EmulatorRequest request, EmulatorResponse response) {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", requestId);
        headers.put("client-request-id", request.header("client-request-id").orElse(requestId));
        headers.put("OData-Version", "4.0");
        return response.withHeaders(headers);
    }

    private EmulatorResponse error(EmulatorRequest request, GraphErrorException e) {
        return error(request, e.status(), e.code(), e.getMessage(), e.headers(), Map.of());
    }

    private EmulatorResponse error(EmulatorRequest request, int status, String code, String message, Map<String, String> headers,
                                   Map<String, String> innerExtras) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = request.header("client-request-id").orElse(requestId);
        ObjectNode body = Representations.error(code, message, requestId, clientRequestId, options.clock().instant(), innerExtras);
        try {
            EmulatorResponse response = EmulatorResponse.json(status, json.writeValueAsBytes(body));
            Map<String, String> all = new LinkedHashMap<>();
            all.put("request-id", requestId);
            all.put("client-request-id", clientRequestId);
            all.putAll(headers);
            return response.withHeaders(all);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    private EmulatorResponse throttled(EmulatorRequest request, Duration retryAfter, boolean write, double usage) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", Long.toString(seconds));
        headers.put("x-ms-throttle-scope", "Tenant_Application/" + (write ? "Write" : "Read") + "/"
                + APPLICATION_ID + "/" + state.tenantId().value());
        headers.put("x-ms-throttle-information", write ? "WriteLimitExceeded" : "ResourceUnitLimitExceeded");
        headers.put("x-ms-throttle-limit-percentage", String.format(Locale.ROOT, "%.1f", Math.max(1.0, usage)));
        Map<String, String> inner = new LinkedHashMap<>();
        inner.put("code", "429");
        inner.put("message", "Please retry after");
        inner.put("status", "429");
        return error(request, 429, "TooManyRequests", "Please retry again later.", headers, inner);
    }

    private EmulatorResponse unavailable(EmulatorRequest request, Optional<Duration> retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        retryAfter.ifPresent(duration -> headers.put("Retry-After", Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000))));
        return error(request, 503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry later.", headers, Map.of());
    }

    private EmulatorResponse gatewayTimeout(EmulatorRequest request) {
        return error(request, 504, "UnknownError", "The gateway timed out waiting for the service (the request may have taken effect).",
                Map.of(), Map.of());
    }

    /** The application id the throttle scope names; the emulator has no app registrations. */
    static final String APPLICATION_ID = "00000000-0000-0000-0000-00000000e111";
}
