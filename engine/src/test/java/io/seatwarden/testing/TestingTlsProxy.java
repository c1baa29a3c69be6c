package io.seatwarden.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * An HTTPS proxy on 127.0.0.1 that answers {@code CONNECT host:443} itself: it terminates TLS with a
 * certificate made for the given host names (by the JDK's {@code keytool}) and passes the plain HTTP
 * on to a local backend per host. A child JVM pointed at it ({@link #childJvmOptions()}, and
 * {@code HTTPS_PROXY} for azure-core) reaches {@code https://login.microsoftonline.com} and
 * {@code https://graph.example.test} over real sockets and real TLS without the internet; a host
 * without a backend is refused (502), so nothing ever leaves the machine.
 *
 * <pre>{@code
 * try (TestingTlsProxy proxy = TestingTlsProxy.start(directory, Map.of("graph.canary.test", emulatorAddress))) {
 *     command.addAll(proxy.childJvmOptions());
 * }
 * }</pre>
 */
public final class TestingTlsProxy implements AutoCloseable {
    private static final String PASSWORD = "changeit";

    private final ServerSocket server;
    private final SSLContext tls;
    private final Map<String, InetSocketAddress> backends;
    private final Path trustStore;
    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TestingTlsProxy(ServerSocket server, SSLContext tls, Map<String, InetSocketAddress> backends, Path trustStore) {
        this.server = server;
        this.tls = tls;
        this.backends = Map.copyOf(backends);
        this.trustStore = trustStore;
        this.acceptor = new Thread(this::accept, "testing-tls-proxy");
        this.acceptor.setDaemon(true);
    }

    /**
     * @param directory where the key and trust stores go
     * @param backends plain-HTTP address per host name (lower case) the proxy serves
     */
    public static TestingTlsProxy start(Path directory, Map<String, InetSocketAddress> backends) {
        requireNonNull(directory, "directory is null");
        try {
            Path keyStore = directory.resolve("proxy-key.p12");
            Path certificate = directory.resolve("proxy-cert.pem");
            Path trustStore = directory.resolve("proxy-trust.p12");
            StringBuilder names = new StringBuilder();
            for (String host : backends.keySet()) {
                names.append(names.length() == 0 ? "" : ",").append("dns:").append(host);
            }
            keytool("-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=seatwarden testing proxy",
                    "-ext", "SAN=" + names, "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "proxy", "-file", certificate.toString(), "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
            keytool("-importcert", "-noprompt", "-alias", "proxy", "-file", certificate.toString(), "-keystore", trustStore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TestingTlsProxy proxy = new TestingTlsProxy(server, tls, backends, trustStore);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} of every CONNECT so far, served or refused. */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    /** System properties for a child JVM: this proxy for https (the JDK's and OkHttp's default proxy selector), trusting its certificate. */
    public List<String> childJvmOptions() {
        return List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port(),
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** The proxy URL for {@code HTTPS_PROXY} (azure-core reads its proxy from the environment). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread thread = new Thread(() -> serve(client), "testing-tls-proxy-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            String head = readHead(client.getInputStream());
            String[] request = head.split("\r\n", 2)[0].split(" ");
            OutputStream toClient = client.getOutputStream();
            if (request.length < 2 || !request[0].equals("CONNECT")) {
                toClient.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            connects.add(request[1]);
            String host = request[1].substring(0, request[1].lastIndexOf(':')).toLowerCase(Locale.ROOT);
            InetSocketAddress backend = backends.get(host);
            if (backend == null) {
                toClient.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            toClient.flush();
            SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
            secure.setUseClientMode(false);
            secure.startHandshake();
            try (secure; Socket plain = new Socket(backend.getAddress(), backend.getPort())) {
                open.add(plain);
                Thread upstream = new Thread(() -> pump(secure, plain), "testing-tls-proxy-upstream");
                upstream.setDaemon(true);
                upstream.start();
                pump(plain, secure);
                upstream.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (IOException | InterruptedException e) {
            // the client or the backend went away: so does the tunnel
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // an SSLSocket cannot half-close: close it
                try {
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    /** The CONNECT request up to its blank line, read byte by byte so that no TLS byte is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 16_384) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
