package org.noisyflow.solver;

/**
 * Thrown when a parameter value is outside its domain or conflicts with another parameter.
 * The spec layer adds the file name and the place in the file to the message.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String key;
    private final transient Object value;

    /**
     * @param key the parameter name
     * @param value the offending value, as given
     * @param problem what is wrong and how to fix it, as one or two sentences
     */
    public InvalidParameterException(String key, Object value, String problem) {
        super(problem);
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public Object value() {
        return value;
    }
}
