package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.seatwarden.directory.TenantSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes tenant files (JSON or YAML, chosen by the file name; JSON when in doubt).
 * Every failure is a {@link TenantFileException} whose message starts with {@code file:line:column}.
 */
public final class TenantFiles {
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public TenantFiles() {
        this.json = configure(new ObjectMapper());
        this.yaml = configure(new ObjectMapper(new YAMLFactory()));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public TenantSnapshot read(Path path) {
        return TenantFileMapper.toSnapshot(readFile(path), path.toString());
    }

    /** The file as written, for the emulator, which serves it. */
    public TenantFile readFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString(), isYaml(path.toString()));
        } catch (NoSuchFileException e) {
            throw new TenantFileException(path + ": no such file");
        } catch (IOException e) {
            throw new TenantFileException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a tenant file from a stream; {@code source} names it in errors. */
    public TenantFile parse(InputStream in, String source, boolean yamlFormat) throws IOException {
        ObjectMapper mapper = yamlFormat ? yaml : json;
        try {
            TenantFile file = mapper.readValue(in, TenantFile.class);
            if (file == null) {
                throw new TenantFileException(source + ":1:1: the file is empty");
            }
            return file;
        } catch (JsonProcessingException e) {
            throw new TenantFileException(describe(source, e), e);
        }
    }

    public void write(TenantSnapshot snapshot, Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            write(TenantFileMapper.toFile(snapshot), out, isYaml(path.toString()));
        }
    }

    public void write(TenantFile file, OutputStream out, boolean yamlFormat) throws IOException {
        (yamlFormat ? yaml : json).writeValue(out, file);
    }

    static boolean isYaml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static String describe(String source, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? source : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
        String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String message = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getOriginalMessage();
        return where + ": " + (path.isEmpty() ? "" : path + ": ") + firstLine(message);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed tenant file";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
