package io.seatwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TCP sockets a process listens on, from Linux's {@code /proc} (the process's socket file
 * descriptors, matched by inode with {@code /proc/net/tcp} and {@code tcp6} entries in state LISTEN).
 * Elsewhere there is no such interface: {@link #of} is then empty and a test says what it could not check.
 */
public final class TestingListeners {
    private static final String LISTEN = "0A";

    private TestingListeners() {}

    /** The addresses {@code pid} listens on; empty when the platform has no {@code /proc}. */
    public static Optional<List<InetSocketAddress>> of(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(process.resolve("fd")) || !Files.isReadable(Path.of("/proc/net/tcp"))) {
            return Optional.empty();
        }
        try {
            Set<String> inodes = new HashSet<>();
            try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
                for (Path descriptor : descriptors) {
                    try {
                        String target = Files.readSymbolicLink(descriptor).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed while listing
                    }
                }
            }
            List<InetSocketAddress> listening = new ArrayList<>();
            for (String table : List.of("tcp", "tcp6")) {
                Path file = process.resolve("net").resolve(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                        listening.add(address(fields[1]));
                    }
                }
            }
            return Optional.of(List.copyOf(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word in the kernel's little-endian order. */
    private static InetSocketAddress address(String field) throws UnknownHostException {
        String[] parts = field.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
    }
}
