package io.seatwarden.bench;

import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Time per request to the in-process emulator over OkHttp (the Graph SDK's transport), on one
 * reused keep-alive connection and on a new connection per request. Shows what TCP no-delay is
 * worth: without it, a reused connection waits for the peer's delayed ACK (about 40 ms on Linux) on
 * every response the server writes in more than one segment. Run (see BENCHMARKS.md):
 * <pre>
 * java [-Dsun.net.httpserver.nodelay=false] [-Drequests=200] \
 *     -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath) \
 *     io.seatwarden.bench.EmulatorRoundTrip
 * </pre>
 */
public final class EmulatorRoundTrip {
    public static void main(String[] args) throws IOException {
        int requests = Integer.getInteger("requests", 200);
        try (GraphEmulator emulator = GraphEmulator.start(DemoTenant.file(new TenantFiles()), EmulatorOptions.defaults())) {
            String url = emulator.baseUrl() + "/users?$top=5&$select=id,userPrincipalName";
            OkHttpClient reused = new OkHttpClient.Builder().build();
            OkHttpClient fresh = new OkHttpClient.Builder().connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS)).build();
            measure("warm-up", reused, url, requests);
            measure("warm-up", fresh, url, requests);
            System.out.printf("sun.net.httpserver.nodelay=%s, %d requests each%n",
                    System.getProperty("sun.net.httpserver.nodelay"), requests);
            System.out.println("| connection | median (ms) | p90 (ms) | mean (ms) |");
            System.out.println("|---|---:|---:|---:|");
            measure("reused (keep-alive)", reused, url, requests);
            measure("new per request", fresh, url, requests);
        }
    }

    private static void measure(String label, OkHttpClient client, String url, int requests) throws IOException {
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
                response.body().bytes();
            }
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        if (label.startsWith("warm")) {
            return;
        }
        Arrays.sort(millis);
        System.out.printf("| %s | %.2f | %.2f | %.2f |%n", label, millis[requests / 2], millis[requests * 9 / 10],
                Arrays.stream(millis).average().orElse(0));
    }
}
