package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderedIdsTest {

    @Test
    void idsAreVersion7UuidsCarryingTheirTimeAndSortByIt() {
        long t0 = 1_796_000_000_000L;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(OrderedIds.next(t0 + i).toString());
        }
        for (int i = 0; i < ids.size(); i++) {
            UUID u = UUID.fromString(ids.get(i));
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.getMostSignificantBits() >>> 16).isEqualTo(t0 + i);
            assertThat(ids.get(i)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
        assertThat(ids).isSorted();
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(OrderedIds.next(42L).toString());
        }
        assertThat(seen).hasSize(10_000);
        assertThat(OrderedIds.next()).isNotEqualTo(OrderedIds.next());
    }
}
