package org.noisyflow.spec;

import org.noisyflow.spec.Constraint.Binary;
import org.noisyflow.spec.Constraint.Comparison;
import org.noisyflow.spec.Constraint.Expression;
import org.noisyflow.spec.Constraint.Literal;
import org.noisyflow.spec.Constraint.Name;
import org.noisyflow.spec.Constraint.Negation;

/**
 * A recursive-descent parser for the text of one {@link Constraint}. The grammar, with the usual
 * precedence and left-to-right grouping:
 *
 * <pre>
 * constraint = sum comparison sum
 * comparison = "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * sum        = product { ("+" | "-") product }
 * product    = unary { ("*" | "/") unary }
 * unary      = ("-" | "+") unary | primary
 * primary    = number | name | "(" sum ")"
 * number     = digits [ "." digits ] [ ("e" | "E") [ "+" | "-" ] digits ], or "." digits ...
 * name       = letter or "_", then letters, digits or "_"
 * </pre>
 *
 * Spaces may stand between any two tokens. The parser checks only the syntax; the caller checks
 * that each name is a numeric parameter.
 */
final class ConstraintParser {
    private final String text;
    private int position;

    /** A syntax error at a position of the text (from 1), with the fix. */
    static final class SyntaxException extends Exception {
        final int position;
        final String problem;
        final String fix;

        SyntaxException(int position, String problem, String fix) {
            super(problem + " at position " + position);
            this.position = position;
            this.problem = problem;
            this.fix = fix;
        }
    }

    private ConstraintParser(String text) {
        this.text = text;
    }

    /** Parses one constraint, such as {@code n >= 10 * d}. */
    static Constraint parse(String text) throws SyntaxException {
        return new ConstraintParser(text).constraint();
    }

    private Constraint constraint() throws SyntaxException {
        skipSpaces();
        if (atEnd()) {
            throw error("the constraint is empty", "write a comparison such as 'n >= 10 * d'");
        }
        Expression left = sum();
        skipSpaces();
        int operatorAt = position;
        Comparison comparison = comparison();
        if (comparison == null) {
            throw atEnd()
                    ? error("the comparison operator is missing",
                            "compare two sides with ==, !=, <, <=, > or >=")
                    : unexpected("an operator");
        }
        Expression right = sum();
        skipSpaces();
        if (!atEnd()) {
            int extraAt = position;
            if (comparison() != null) {
                position = extraAt;
                throw error("a constraint has one comparison, but a second one follows the one at position "
                        + (operatorAt + 1), "split a chain such as 'a < b < c' into two entries, 'a < b' and 'b < c'");
            }
            throw unexpected("an operator or the end of the constraint");
        }
        return new Constraint(text, left, comparison, right);
    }

    /** Reads a comparison operator, or returns null and leaves the position where it was. */
    private Comparison comparison() throws SyntaxException {
        int start = position;
        if (atEnd()) {
            return null;
        }
        char c = text.charAt(position);
        boolean equalsFollows = position + 1 < text.length() && text.charAt(position + 1) == '=';
        switch (c) {
            case '=':
                if (!equalsFollows) {
                    throw error("'=' alone is not an operator", "write '==' to compare for equality");
                }
                position += 2;
                return Comparison.EQUAL;
            case '!':
                if (!equalsFollows) {
                    throw error("'!' alone is not an operator", "write '!=' to compare for inequality");
                }
                position += 2;
                return Comparison.NOT_EQUAL;
            case '<':
                position += equalsFollows ? 2 : 1;
                return equalsFollows ? Comparison.LESS_OR_EQUAL : Comparison.LESS;
            case '>':
                position += equalsFollows ? 2 : 1;
                return equalsFollows ? Comparison.GREATER_OR_EQUAL : Comparison.GREATER;
            default:
                position = start;
                return null;
        }
    }

    private Expression sum() throws SyntaxException {
        return leftAssociative('+', '-', this::product);
    }

    private Expression product() throws SyntaxException {
        return leftAssociative('*', '/', this::unary);
    }

    /** The rule of the operand that one precedence level combines. */
    private interface Operand {
        Expression parse() throws SyntaxException;
    }

    /** Parses operands joined by either operator, grouping from the left: a - b - c is (a - b) - c. */
    private Expression leftAssociative(char first, char second, Operand operand) throws SyntaxException {
        Expression result = operand.parse();
        while (true) {
            skipSpaces();
            if (!peek(first) && !peek(second)) {
                return result;
            }
            char operator = text.charAt(position++);
            result = new Binary(operator, result, operand.parse());
        }
    }

    private Expression unary() throws SyntaxException {
        skipSpaces();
        if (peek('-')) {
            position++;
            return new Negation(unary());
        }
        if (peek('+')) {
            position++;
            return unary();
        }
        return primary();
    }

    private Expression primary() throws SyntaxException {
        skipSpaces();
        if (atEnd()) {
            throw error("the constraint ends where a number, a parameter or '(' is expected",
                    "complete the expression");
        }
        char c = text.charAt(position);
        if (c == '(') {
            int open = position;
            position++;
            Expression inner = sum();
            skipSpaces();
            if (!peek(')')) {
                if (atEnd()) {
                    throw error("the parenthesis opened at position " + (open + 1) + " is not closed",
                            "add ')'");
                }
                throw unexpected("')' to close the parenthesis at position " + (open + 1));
            }
            position++;
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = position;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            return new Name(text.substring(start, position), start + 1);
        }
        throw unexpected("a number, a parameter or '('");
    }

    private Expression number() throws SyntaxException {
        int start = position;
        int digits = skipDigits();
        if (peek('.')) {
            position++;
            digits += skipDigits();
        }
        if (digits == 0) {
            position = start;
            throw unexpected("a number, a parameter or '('");
        }
        if (peek('e') || peek('E')) {
            position++;
            if (peek('+') || peek('-')) {
                position++;
            }
            if (skipDigits() == 0) {
                throw error("the exponent of the number starting at position " + (start + 1) + " has no digits",
                        "write the number as, for example, 1e-3");
            }
        }
        double value = Double.parseDouble(text.substring(start, position));
        if (Double.isInfinite(value)) {
            int end = position;
            position = start;
            throw error("the number " + text.substring(start, end) + " is too large for a double",
                    "use a number below 1.7e308");
        }
        return new Literal(value);
    }

    private int skipDigits() {
        int start = position;
        while (!atEnd() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position - start;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(position) == c;
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private SyntaxException unexpected(String expected) {
        if (atEnd()) {
            return error("the constraint ends where " + expected + " is expected", "complete the expression");
        }
        return error("unexpected '" + text.charAt(position) + "' where " + expected + " is expected",
                "use numbers, parameter names, + - * / and parentheses on each side of one comparison");
    }

    private SyntaxException error(String problem, String fix) {
        return new SyntaxException(position + 1, problem, fix);
    }
}
