package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.seatwarden.directory.TenantSnapshot;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Reads and writes tenant files (JSON or YAML, chosen by the file name; JSON when in doubt).
 * Every failure is a {@link TenantFileException} whose message starts with {@code file:line:column}.
 */
public final class TenantFiles {
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public TenantFiles() {
        this.json = configure(new ObjectMapper());
        // SnakeYAML's default stops at 3 MiB; a tenant's size is bounded by memory instead, and a
        // pathological value by UnbrokenRunLimit.
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(Integer.MAX_VALUE);
        this.yaml = configure(new ObjectMapper(YAMLFactory.builder().loaderOptions(loaderOptions).build()));
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 1.5 seats is a mistake, not 1 seat
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * Reads a tenant file into a snapshot, streaming: entries are turned into the snapshot as they
     * are parsed, so a million-user file is never held twice.
     */
    public TenantSnapshot read(Path path) {
        try {
            return read(() -> Files.newInputStream(path), path.toString(), isYaml(path.toString()));
        } catch (NoSuchFileException e) {
            throw new TenantFileException(path + ": no such file");
        } catch (IOException e) {
            throw new TenantFileException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a tenant file from a stream into a snapshot; {@code source} names it in errors. */
    public TenantSnapshot read(InputStream in, String source, boolean yamlFormat) throws IOException {
        return stream(in, source, yamlFormat, false);
    }

    /** Opens the same content each time it is called. */
    interface Content {
        InputStream open() throws IOException;
    }

    /**
     * Reads content that can be read twice: JSON first with {@link UserEntryReader} for the users, and, should an
     * entry be unusual, again with data binding throughout (what a file means and how its errors read are data
     * binding's; the first read only gets there sooner).
     */
    TenantSnapshot read(Content content, String source, boolean yamlFormat) throws IOException {
        if (!yamlFormat) {
            try (InputStream in = content.open()) {
                return stream(in, source, false, true);
            } catch (UserEntryReader.Unusual e) {
                // read again below
            }
        }
        try (InputStream in = content.open()) {
            return stream(in, source, yamlFormat, false);
        }
    }

    private TenantSnapshot stream(InputStream in, String source, boolean yamlFormat, boolean directUsers) throws IOException {
        ObjectMapper mapper = yamlFormat ? yaml : json;
        SnapshotAssembler assembler = new SnapshotAssembler();
        try (JsonParser parser = yamlFormat ? mapper.createParser(limited(in, source)) : mapper.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TenantFileException(source + ":1:1: the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new TenantFileException(where(source, parser.currentTokenLocation())
                        + ": expected an object with subscribedSkus, users and groups");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "tenantId" -> {
                        if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
                            throw new TenantFileException(where(source, parser.currentTokenLocation()) + ": tenantId must be a string");
                        }
                        assembler.tenantId(value == JsonToken.VALUE_NULL ? null : parser.getText());
                    }
                    case "subscribedSkus" -> readArray(parser, bound(mapper, TenantFile.Sku.class), source, field, () -> { },
                            assembler::addSku);
                    case "users" -> readArray(parser, directUsers ? new UserEntryReader()::read : bound(mapper, TenantFile.UserEntry.class),
                            source, field, () -> { }, assembler::addUser);
                    // members go straight to the assembler, resolved to users as they are parsed (MemberIds)
                    case "groups" -> readArray(parser, bound(mapper.readerFor(TenantFile.GroupEntry.class)
                            .withAttribute(MemberIds.SINK, assembler.members())), source, field, assembler::startGroup, assembler::addGroup);
                    default -> parser.skipChildren(); // other Graph properties the engine does not use
                }
            }
            if (parser.nextToken() != null) {
                throw new TenantFileException(where(source, parser.currentTokenLocation()) + ": unexpected content after the tenant");
            }
        } catch (JsonProcessingException e) {
            assembler.checkUsers();
            throw new TenantFileException(describe(source, "", e), e);
        } catch (UserEntryReader.Unusual e) {
            throw e; // the file is read again
        } catch (IOException | RuntimeException e) {
            assembler.checkUsers(); // users are checked in batches: a duplicate read earlier is the file's first error
            throw e;
        }
        return assembler.build();
    }

    /** Reads one entry, the parser at its first token. */
    private interface EntryReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static <T> EntryReader<T> bound(ObjectMapper mapper, Class<T> type) {
        return bound(mapper.readerFor(type));
    }

    /** One entry of a longer document: what follows it is the next entry, not trailing garbage. */
    private static <T> EntryReader<T> bound(ObjectReader reader) {
        ObjectReader entries = reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return entries::readValue;
    }

    private static <T> void readArray(JsonParser parser, EntryReader<T> reader, String source, String field, Runnable beforeEach,
            BiConsumer<T, Place> consumer) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new TenantFileException(where(source, parser.currentTokenLocation()) + ": " + field + " must be a list");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation start = parser.currentTokenLocation();
            beforeEach.run();
            T item;
            try {
                item = reader.read(parser);
            } catch (JsonProcessingException e) {
                throw new TenantFileException(describe(source, field + "[" + index + "]", e), e);
            }
            if (item == null) {
                throw new TenantFileException(where(source, start) + ": " + field + "[" + index + "]: an entry is null");
            }
            consumer.accept(item, new Place(source, start));
            index++;
        }
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
            TenantFile file = yamlFormat ? mapper.readValue(limited(in, source), TenantFile.class)
                    : mapper.readValue(in, TenantFile.class);
            if (file == null) {
                throw new TenantFileException(source + ":1:1: the file is empty");
            }
            return file;
        } catch (JsonProcessingException e) {
            throw new TenantFileException(describe(source, "", e), e);
        }
    }

    private static Reader limited(InputStream in, String source) {
        return new UnbrokenRunLimit(new InputStreamReader(in, StandardCharsets.UTF_8), source);
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

    private static String where(String source, JsonLocation location) {
        return location == null ? source : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String describe(String source, String prefix, JsonProcessingException e) {
        String where = where(source, e.getLocation());
        String inner = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String path = prefix.isEmpty() ? inner : inner.isEmpty() ? prefix : inner.startsWith("[") ? prefix + inner : prefix + "." + inner;
        String message = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage()
                : e instanceof InvalidFormatException invalid && isWholeNumber(invalid.getTargetType())
                ? "must be a whole number, not " + invalid.getValue()
                : e.getOriginalMessage();
        return where + ": " + (path.isEmpty() ? "" : path + ": ") + firstLine(message);
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class;
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
