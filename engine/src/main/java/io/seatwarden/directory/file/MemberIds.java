package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.type.TypeFactory;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * A group's {@code members} as the streaming reader wants them: each id handed to a {@link Sink} straight from
 * the parser's buffer (no string per member: a million-user file lists three million), when the read carries
 * one as the {@link #SINK} attribute; otherwise (the emulator's whole-file parse) the usual list of strings.
 * Values other than strings, and errors, are met exactly as by Jackson's own list of strings: scalars read as
 * their text, anything else refused with the member's index, a {@code null} refused by the entry.
 */
final class MemberIds extends StdDeserializer<List<String>> {
    /** The attribute key of the {@link Sink}. */
    static final Object SINK = Sink.class;
    private static final JavaType STRINGS = TypeFactory.defaultInstance().constructCollectionType(List.class, String.class);

    /** Receives one group's members, in order. */
    interface Sink {
        /** A new {@code members} list starts (the last one of an entry counts, as for any property). */
        void start();

        void member(char[] text, int offset, int length);

        void member(String id);
    }

    MemberIds() {
        super(List.class);
    }

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!(context.getAttribute(SINK) instanceof Sink sink) || !parser.isExpectedStartArrayToken()) {
            return context.readValue(parser, STRINGS);
        }
        sink.start();
        boolean hole = false;
        int index = 0;
        try {
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    sink.member(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                } else if (token == JsonToken.VALUE_NULL) {
                    hole = true;
                } else {
                    sink.member(context.readValue(parser, String.class));
                }
                index++;
            }
        } catch (Exception e) {
            throw JsonMappingException.wrapWithPath(e, List.of(), index);
        }
        // The entry refuses a list with a null in it, as it always has; the members themselves went to the sink.
        return hole ? Collections.singletonList(null) : List.of();
    }
}
