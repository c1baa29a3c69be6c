package io.seatwarden.directory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserIndexTest {
    @Test
    void findsEveryIdAtItsPositionThroughGrowthFromStringsAndFromBuffers() {
        UserIndex index = new UserIndex(0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // lower-case GUIDs (Graph's), upper-case ones and ids that are no GUID at all, interleaved
            String guid = new UUID(i * 0x9E3779B97F4A7C15L, i).toString();
            ids.add(switch (i % 3) {
                case 0 -> guid;
                case 1 -> guid.toUpperCase();
                default -> "user-" + i;
            });
        }
        for (String id : ids) {
            assertThat(index.add(id)).isTrue();
        }
        assertThat(index.size()).isEqualTo(ids.size());
        for (int position = 0; position < ids.size(); position++) {
            String id = ids.get(position);
            assertThat(index.find(id)).isEqualTo(position);
            char[] buffer = ("[\"" + id + "\"]").toCharArray();
            assertThat(index.find(buffer, 2, id.length())).isEqualTo(position);
        }
    }

    @Test
    void idsAreComparedAsTextExactly() {
        UserIndex index = new UserIndex(4);
        String lower = "0f8fad5b-d9cb-469f-a165-70867728950e";
        index.add(lower);
        index.add("alice");
        assertThat(index.find(lower.toUpperCase())).isEqualTo(-1); // the same GUID, but not the same id
        assertThat(index.find("0f8fad5bd9cb469fa16570867728950e")).isEqualTo(-1);
        assertThat(index.find("0f8fad5b-d9cb-469f-a165-70867728950f")).isEqualTo(-1);
        assertThat(index.find("Alice")).isEqualTo(-1);
        assertThat(index.find("alice".toCharArray(), 0, 4)).isEqualTo(-1);
        assertThat(index.find("")).isEqualTo(-1);
        assertThat(index.find("alice")).isEqualTo(1);
        String allOnes = "ffffffff-ffff-ffff-0000-000000000001"; // a half that reads as no GUID: kept with the other ids
        index.add(allOnes);
        assertThat(index.find(allOnes)).isEqualTo(2);
        assertThat(index.find(allOnes.toCharArray(), 0, allOnes.length())).isEqualTo(2);
    }

    @Test
    void batchesAddAndFindAsOneAtATime() {
        UserIndex index = new UserIndex(0);
        String[] ids = new String[3_000];
        StringBuilder text = new StringBuilder();
        int[] offsets = new int[ids.length + 1];
        int[] lengths = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 2 == 0 ? new UUID(i, -i).toString() : "user-" + i;
            offsets[i] = text.length();
            lengths[i] = ids[i].length();
            text.append(ids[i]);
        }
        offsets[ids.length] = text.length();
        lengths[ids.length] = 5;
        text.append("nobody");
        assertThat(index.addAll(ids, ids.length)).isEqualTo(-1);
        int[] positions = new int[ids.length + 1];
        index.findAll(text.toString().toCharArray(), offsets, lengths, ids.length + 1, positions);
        for (int i = 0; i < ids.length; i++) {
            assertThat(positions[i]).isEqualTo(i);
        }
        assertThat(positions[ids.length]).isEqualTo(-1);
        // a batch stops at its first id held already, or listed earlier in it; those before it are added
        assertThat(index.addAll(new String[] {"new-1", ids[7], "new-2"}, 3)).isEqualTo(1);
        assertThat(index.find("new-1")).isEqualTo(ids.length);
        assertThat(index.find("new-2")).isEqualTo(-1);
        assertThat(index.addAll(new String[] {"new-3", "new-3"}, 2)).isEqualTo(1);
        assertThat(index.size()).isEqualTo(ids.length + 2);
    }

    @Test
    void refusesAnIdTwice() {
        UserIndex index = new UserIndex(4);
        assertThat(index.add("0f8fad5b-d9cb-469f-a165-70867728950e")).isTrue();
        assertThat(index.add("0f8fad5b-d9cb-469f-a165-70867728950e")).isFalse();
        assertThat(index.add("bob")).isTrue();
        assertThat(index.add("bob")).isFalse();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aSnapshotRefusesDuplicateUserIds() {
        User user = new User(new UserId("alice"), "alice@contoso.example", "Alice", "Member", null, null, true, "US", false, List.of());
        assertThatThrownBy(() -> new TenantSnapshot(TenantId.DEFAULT, List.of(), List.of(user, user), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate user id alice");
    }
}
