package org.noisyflow.spec;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.noisyflow.solver.Parameters;

/**
 * One entry of a sweep file's {@code where} list: two arithmetic expressions over numeric
 * parameters and numbers, compared with {@code ==, !=, <, <=, >} or {@code >=}. A point passes
 * when the comparison holds for its resolved parameter values.
 *
 * <p>Arithmetic is in double precision, so integers compare exactly up to 2^53. A side that is
 * NaN, such as {@code 0 / 0}, fails every comparison, {@code !=} included. Division by zero
 * otherwise gives an infinity, which compares as usual.
 */
public final class Constraint implements Serializable {
    private final String text;
    private final Expression left;
    private final Comparison comparison;
    private final Expression right;

    Constraint(String text, Expression left, Comparison comparison, Expression right) {
        this.text = text;
        this.left = left;
        this.comparison = comparison;
        this.right = right;
    }

    /** Returns the constraint as written. */
    public String text() {
        return text;
    }

    /**
     * Returns the constraint in a fixed spelling: one space around each binary operator and only
     * the parentheses that the precedence needs. Texts that differ only in spacing or redundant
     * parentheses have the same canonical text.
     */
    public String canonicalText() {
        return left.canonical() + " " + comparison.symbol + " " + right.canonical();
    }

    /** Returns the parameter names the constraint uses, each with its position in the text (from 1). */
    public Map<String, Integer> names() {
        Map<String, Integer> names = new LinkedHashMap<>();
        left.collectNames(names);
        right.collectNames(names);
        return names;
    }

    /** Returns whether the point with these resolved parameter values passes. */
    public boolean test(Parameters values) {
        double a = left.evaluate(values);
        double b = right.evaluate(values);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        return comparison.holds(a, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constraint other && other.canonicalText().equals(canonicalText());
    }

    @Override
    public int hashCode() {
        return canonicalText().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** The six comparison operators. */
    enum Comparison {
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double a, double b) {
            return switch (this) {
                case EQUAL -> a == b;
                case NOT_EQUAL -> a != b;
                case LESS -> a < b;
                case LESS_OR_EQUAL -> a <= b;
                case GREATER -> a > b;
                case GREATER_OR_EQUAL -> a >= b;
            };
        }
    }

    /** A node of an arithmetic expression. */
    sealed interface Expression extends Serializable {
        /** Precedence for printing: 1 for + and -, 2 for * and /, 3 for unary minus, 4 for atoms. */
        int precedence();

        double evaluate(Parameters values);

        String canonical();

        default void collectNames(Map<String, Integer> names) {
        }
    }

    /** A number literal. */
    record Literal(double value) implements Expression {
        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public double evaluate(Parameters values) {
            return value;
        }

        @Override
        public String canonical() {
            boolean whole = value == Math.rint(value) && Math.abs(value) < 0x1p53;
            return whole ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /**
     * A parameter's value at the point; NaN where the parameter has none, so that the
     * constraint fails there.
     *
     * @param position the name's first character in the constraint text, from 1
     */
    record Name(String name, int position) implements Expression {
        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public double evaluate(Parameters values) {
            Object value = values.get(name);
            return value instanceof Number number ? number.doubleValue() : Double.NaN;
        }

        @Override
        public String canonical() {
            return name;
        }

        @Override
        public void collectNames(Map<String, Integer> names) {
            names.putIfAbsent(name, position);
        }
    }

    /** Unary minus. */
    record Negation(Expression operand) implements Expression {
        @Override
        public int precedence() {
            return 3;
        }

        @Override
        public double evaluate(Parameters values) {
            return -operand.evaluate(values);
        }

        @Override
        public String canonical() {
            String inner = operand.canonical();
            return operand.precedence() < 4 ? "-(" + inner + ")" : "-" + inner;
        }

        @Override
        public void collectNames(Map<String, Integer> names) {
            operand.collectNames(names);
        }
    }

    /**
     * A binary operation; {@code operator} is one of + - * /. Operators of equal precedence
     * group from the left.
     */
    record Binary(char operator, Expression left, Expression right) implements Expression {
        @Override
        public int precedence() {
            return operator == '+' || operator == '-' ? 1 : 2;
        }

        @Override
        public double evaluate(Parameters values) {
            double a = left.evaluate(values);
            double b = right.evaluate(values);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                default -> throw new IllegalStateException("unknown operator " + operator);
            };
        }

        @Override
        public String canonical() {
            // The right operand needs parentheses at equal precedence too: a - (b - c).
            String a = left.precedence() < precedence() ? "(" + left.canonical() + ")" : left.canonical();
            String b = right.precedence() <= precedence() ? "(" + right.canonical() + ")" : right.canonical();
            return a + " " + operator + " " + b;
        }

        @Override
        public void collectNames(Map<String, Integer> names) {
            left.collectNames(names);
            right.collectNames(names);
        }
    }
}
