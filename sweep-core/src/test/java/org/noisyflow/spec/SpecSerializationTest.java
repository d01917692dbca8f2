package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Spark ships the spec to every task by Java serialization, groups and filter index included. */
class SpecSerializationTest {

    static SweepSpec roundTrip(SweepSpec spec) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SweepSpec) in.readObject();
        }
    }

    @Test
    void everyGroupKindSurvivesSerialization() throws Exception {
        String text = GroupSpecs.text("kernel: heisenberg", "d: [2, 3]", """
                - zip: {n: [10, 20]}
                - random: {count: 3, parameters: {beta: {low: 1.0, high: 2.0}}}
                - lhs: {count: 4, parameters: {dt: {low: 0.001, high: 0.1, log: true}}}
                - sobol: {count: 8, parameters: {steps: {low: 5, high: 50}}}""")
                + "where: [\"steps * dt < 1\"]\n";
        SweepSpec spec = SpecParserTest.parse(text);
        SweepSpec copy = roundTrip(spec);
        assertEquals(spec, copy);
        assertEquals(spec.points().count(), copy.points().count());
        assertEquals(GroupSpecs.parametersOf(spec), GroupSpecs.parametersOf(copy));
        long last = spec.points().count() - 1;
        assertEquals(spec.points().point(last), copy.points().point(last));
    }
}
