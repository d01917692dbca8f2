package org.noisyflow.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noisyflow.solver.Parameters;

class ConstraintParserTest {

    static Constraint parse(String text) {
        try {
            return ConstraintParser.parse(text);
        } catch (ConstraintParser.SyntaxException e) {
            throw new AssertionError("'" + text + "' did not parse: " + e.getMessage(), e);
        }
    }

    /** Parameters a = 10, b = 3, c = 2, n = 7 (an integer), z = 0. */
    static Parameters values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", 10.0);
        values.put("b", 3.0);
        values.put("c", 2.0);
        values.put("n", 7L);
        values.put("z", 0.0);
        return new Parameters(values);
    }

    /** Returns whether "left == expected" holds, so the left side's value is checked exactly. */
    static boolean evaluatesTo(String left, double expected) {
        return parse(left + " == " + expected).test(values());
    }

    /** Each expression with the value that precedence and left-to-right grouping give. */
    @Test
    void precedenceAndAssociativity() {
        Object[][] cases = {
            {"a + b * c", 16.0},
            {"a * b + c", 32.0},
            {"(a + b) * c", 26.0},
            {"a - b - c", 5.0},
            {"a / c / c", 2.5},
            {"a - b + c", 9.0},
            {"a / c * b", 15.0},
            {"-a * b", -30.0},
            {"-(a * b)", -30.0},
            {"a - -b", 13.0},
            {"--a", 10.0},
            {"+a - b", 7.0},
            {"-b * -c", 6.0},
            {"n * 2 + 0.5", 14.5},
            {"1e1 * .5 + 2.5E-1", 5.25},
            {"((a))", 10.0},
        };
        for (Object[] c : cases) {
            assertTrue(evaluatesTo((String) c[0], (Double) c[1]), c[0] + " should be " + c[1]);
        }
    }

    /** Each operator at a < b, a == b and a > b. */
    @Test
    void everyComparisonOperator() {
        String[] operators = {"==", "!=", "<", "<=", ">", ">="};
        boolean[][] expected = {
            // below, equal, above
            {false, true, false},
            {true, false, true},
            {true, false, false},
            {true, true, false},
            {false, false, true},
            {false, true, true},
        };
        String[] rightSides = {"a + 1", "a", "a - 1"};
        for (int o = 0; o < operators.length; o++) {
            for (int r = 0; r < rightSides.length; r++) {
                String text = "a " + operators[o] + " " + rightSides[r];
                assertEquals(expected[o][r], parse(text).test(values()), text);
            }
        }
    }

    @Test
    void nanFailsEveryComparison() {
        for (String operator : new String[] {"==", "!=", "<", "<=", ">", ">="}) {
            String text = "z / z " + operator + " 1";
            assertTrue(!parse(text).test(values()), text);
        }
        assertTrue(parse("a / z > 1e300").test(values()), "10 / 0 is +infinity");
    }

    @Test
    void canonicalTextKeepsNeededParentheses() {
        assertEquals("a + b * c > 0", parse("a+b*c>0").canonicalText());
        assertEquals("(a + b) * c > 0", parse(" ( a+b )*c>0").canonicalText());
        assertEquals("a - (b - c) > 0", parse("a-(b-c)>0").canonicalText());
        assertEquals("a - b - c > 0", parse("(a-b)-c>0").canonicalText());
        assertEquals("-(a + b) > 0", parse("-(a+b)>0").canonicalText());
        assertEquals("-(-a) > 0", parse("--a>0").canonicalText());
        assertEquals("n >= 10 * d", parse("n>=10.0*d").canonicalText());
        assertEquals("x < 0.001", parse("x < 1e-3").canonicalText());
        for (String text : new String[] {"a - (b - c) / -c != 2.5e-7 * (a + 1)", "a / (b * c) <= -(b / c)"}) {
            String canonical = parse(text).canonicalText();
            assertEquals(canonical, parse(canonical).canonicalText(), "canonical text parses to itself");
        }
    }

    @Test
    void namesRecordFirstPosition() {
        assertEquals(Map.of("n", 1, "d", 11), parse("n >= 10 * d + n").names());
    }

    /** Each malformed text, the position (from 1) the error must name, and a word of its problem. */
    @Test
    void syntaxErrorsNamePosition() {
        Object[][] cases = {
            {"", 1, "empty"},
            {"   ", 4, "empty"},
            {"n", 2, "comparison operator is missing"},
            {"n 10", 3, "unexpected '1'"},
            {"n = 10", 3, "'=' alone"},
            {"n ! 10", 3, "'!' alone"},
            {"n >= ", 6, "ends where"},
            {"n >= 10 *", 10, "ends where"},
            {"n >= (10 * d", 13, "not closed"},
            {"n >= 10 * d)", 12, "unexpected ')'"},
            {"1 < n < 5", 7, "second one"},
            {"n >= 1e", 8, "exponent"},
            {"n >= 1e999", 6, "too large"},
            {"n >= 10 # d", 9, "unexpected '#'"},
            {"n >= 10 ^ 2", 9, "unexpected '^'"},
            {"n >= .", 6, "unexpected '.'"},
            {"n >= * 3", 6, "unexpected '*'"},
        };
        for (Object[] c : cases) {
            ConstraintParser.SyntaxException e = assertThrows(ConstraintParser.SyntaxException.class,
                    () -> ConstraintParser.parse((String) c[0]), "'" + c[0] + "'");
            assertEquals(c[1], e.position, "position for '" + c[0] + "': " + e.problem);
            assertTrue(e.problem.contains((String) c[2]), "problem for '" + c[0] + "': " + e.problem);
            assertTrue(!e.fix.isEmpty(), "fix for '" + c[0] + "'");
        }
    }
}
