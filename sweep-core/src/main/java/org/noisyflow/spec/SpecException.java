package org.noisyflow.spec;

import org.noisyflow.solver.ParameterDef;

/**
 * An invalid sweep file. The message is one paragraph naming the file, the key, the value and
 * the fix, so that a command-line tool can print it as it is.
 */
public final class SpecException extends IllegalArgumentException {
    private final String source;
    private final String key;

    /**
     * @param source the file name or another label of where the spec came from
     * @param key the dotted key path, such as {@code axes.beta}
     * @param value the offending value as read, or {@code null} when the key is missing
     * @param problem what is wrong, as a sentence fragment without a final period
     * @param fix what to change, as a sentence fragment without a final period
     */
    public SpecException(String source, String key, Object value, String problem, String fix) {
        super(compose(source, key, value, problem, fix));
        this.source = source;
        this.key = key;
    }

    public String source() {
        return source;
    }

    /** Returns the dotted key path that the error is about. */
    public String key() {
        return key;
    }

    private static String compose(String source, String key, Object value, String problem,
            String fix) {
        StringBuilder text = new StringBuilder("Invalid sweep file ").append(source).append(": ");
        text.append("key '").append(key).append("'");
        if (value != null) {
            text.append(" with value ").append(ParameterDef.show(value));
        }
        text.append(": ").append(problem).append('.');
        if (fix != null && !fix.isEmpty()) {
            text.append(" Fix: ").append(fix).append('.');
        }
        return text.toString();
    }
}
