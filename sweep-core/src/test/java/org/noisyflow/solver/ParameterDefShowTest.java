package org.noisyflow.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ParameterDef#show}, which renders values from a sweep file into error messages. */
class ParameterDefShowTest {
    @Test
    void scalarsAsWritten() {
        assertEquals("'heisenberg'", ParameterDef.show("heisenberg"));
        assertEquals("-1.0", ParameterDef.show(-1.0));
        assertEquals("12", ParameterDef.show(12L));
        assertEquals("null", ParameterDef.show(null));
        assertEquals("(binary, 3 bytes)", ParameterDef.show(new byte[3]));
    }

    @Test
    void collectionsInFlowStyle() {
        Map<Object, Object> linspace = new LinkedHashMap<>();
        linspace.put("linspace", List.of(1.0, 8.0, 15L));
        assertEquals("{linspace: [1.0, 8.0, 15]}", ParameterDef.show(linspace));
        assertEquals("[2.0, '0.3']", ParameterDef.show(List.of(2.0, "0.3")));
        assertEquals("!!set {'uniform', 'ordered'}",
                ParameterDef.show(new LinkedHashSet<>(List.of("uniform", "ordered"))));
        assertEquals("{3: 'd'}", ParameterDef.show(Map.of(3L, "d")));
    }

    @Test
    void controlCharactersEscaped() {
        assertEquals("'a\\nb\\tc\\u0000'", ParameterDef.show("a\nb\tc\u0000"));
    }

    @Test
    void longValueCutAtLimit() {
        String shown = ParameterDef.show(Collections.nCopies(10_000_000, 1.5));

        assertEquals(ParameterDef.MAX_SHOWN_CHARS + 3, shown.length());
        assertTrue(shown.startsWith("[1.5, 1.5, "), shown);
        assertTrue(shown.endsWith("..."), shown);
    }

    @Test
    void selfContainingListEnds() {
        List<Object> outer = new ArrayList<>();
        List<Object> inner = new ArrayList<>();
        outer.add(inner);
        inner.add(outer);

        String shown = ParameterDef.show(outer);

        assertTrue(shown.startsWith("[[[["), shown);
        assertTrue(shown.endsWith("..."), shown);
    }
}
