package io.seatwarden.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor of reading a tenant file: Jackson's streaming parser over it, {@code nextToken} to the end, no
 * objects and no text ({@code BareJsonPass FILE}). Same parser and input as {@code TenantFiles.read}
 * (a {@link JsonFactory} over the file's {@link InputStream}). Prints the tokens and the time in the JVM.
 */
public final class BareJsonPass {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        long tokens = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new JsonFactory().createParser(in)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        System.out.printf("%d tokens in %d ms%n", tokens, (System.nanoTime() - start) / 1_000_000);
    }
}
