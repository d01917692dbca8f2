package org.noisyflow.spec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;

/**
 * Point ids: the first 64 bits of SHA-256 over a canonical text of the solver id and the
 * parameter values.
 *
 * <p>The canonical text lists parameters sorted by name, skips derived parameters (temperature
 * is 1/beta) and parameters without a value, and writes a real as the hex of its IEEE-754 bits
 * with -0.0 folded to 0.0. The id therefore depends on the full-precision values only: not on
 * key order in the file, on how a value was written, or on float formatting.
 */
public final class PointIds {
    private PointIds() {
    }

    /** Returns the canonical text that {@link #digest} hashes. */
    public static String canonicalText(String solverId, List<ParameterDef> defs, Parameters values) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (ParameterDef def : defs) {
            Object v = values.get(def.name());
            if (def.isDerived() || v == null) {
                continue;
            }
            sorted.put(def.name(), encode(v));
        }
        StringBuilder text = new StringBuilder("solver=").append(solverId).append('\n');
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return text.toString();
    }

    /** Returns the first 8 bytes of SHA-256 of {@code text} as a long (big-endian). */
    public static long digest(String text) {
        byte[] hash = sha256(text.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash, 0, 8).getLong();
    }

    /** Formats a 64-bit id as 16 lower-case hex digits. */
    public static String hex(long id) {
        return HexFormat.of().toHexDigits(id);
    }

    /** Returns the full SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String encode(Object v) {
        if (v instanceof Double d) {
            double canonical = d == 0.0 ? 0.0 : d;
            return "r:" + HexFormat.of().toHexDigits(Double.doubleToLongBits(canonical));
        }
        if (v instanceof Long l) {
            return "i:" + l;
        }
        if (v instanceof String s) {
            return "s:" + s.length() + ":" + s;
        }
        throw new IllegalArgumentException("no canonical encoding for " + v.getClass());
    }
}
