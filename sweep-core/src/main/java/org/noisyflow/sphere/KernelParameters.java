package org.noisyflow.sphere;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;

/**
 * The kernel parameters that the sphere solvers share: {@code kernel} and the parameter that each
 * kernel with one needs ({@code gamma}, {@code radius}, {@code mode}).
 */
final class KernelParameters {
    /** The parameter each kernel needs, by parameter name. */
    private static final Map<String, String> OWNER =
            Map.of("gamma", "transformer", "radius", "opinion", "mode", "gegenbauer");

    static final ParameterDef KERNEL = ParameterDef.choice("kernel", "interaction kernel W(t) of t = <x,y>",
            ZonalKernel.IDS.toArray(String[]::new));
    static final ParameterDef GAMMA = ParameterDef.real("gamma", "attention parameter of the transformer "
            + "kernel W(t) = -exp(gamma t)/gamma; transformer only").atLeast(1e-6).atMost(700).optional();
    static final ParameterDef RADIUS = ParameterDef.real("radius", "geodesic confidence radius R of the "
            + "opinion kernel W(t) = -(R - arccos t)_+^2 / 2; opinion only").greaterThan(0).atMost(Math.PI).optional();
    static final ParameterDef MODE = ParameterDef.integer("mode", "degree k of the gegenbauer kernel "
            + "W(t) = -P_k(t); gegenbauer only").atLeast(1).atMost(64).optional();

    /** The largest degree searched for the first unstable mode. */
    private static final int THRESHOLD_DEGREE = 30;

    /** The declarations, in column order. */
    static final List<ParameterDef> DEFS = List.of(KERNEL, GAMMA, RADIUS, MODE);

    private KernelParameters() {
    }

    /** Returns the kernel parameters given for another kernel than the chosen one, with reasons. */
    static Map<String, String> inapplicable(Parameters p) {
        Map<String, String> out = new TreeMap<>();
        String kernel = p.choice("kernel");
        for (Map.Entry<String, String> e : OWNER.entrySet()) {
            if (p.has(e.getKey()) && !e.getValue().equals(kernel)) {
                out.put(e.getKey(), e.getKey() + " applies only to kernel '" + e.getValue() + "', not '"
                        + kernel + "'");
            }
        }
        return out;
    }

    /** Rejects a kernel whose own parameter is missing. */
    static void validate(Parameters p) {
        String kernel = p.choice("kernel");
        for (Map.Entry<String, String> e : OWNER.entrySet()) {
            if (e.getValue().equals(kernel) && !p.has(e.getKey())) {
                throw new InvalidParameterException(e.getKey(), null, "kernel '" + kernel + "' needs " + e.getKey());
            }
        }
    }

    /**
     * Returns the linear-stability threshold of the uniform state: beta_k of the first unstable
     * mode k on the axis beta, or 1/beta_k on the axis temperature. It is empty for another axis,
     * for a kernel whose uniform state never loses stability, and for a slice without kernel and d.
     */
    static OptionalDouble linearThreshold(String axis, Map<String, Object> slice) {
        return linearThreshold(axis, slice, DoubleUnaryOperator.identity());
    }

    /**
     * As {@link #linearThreshold(String, Map)}, with the degree-1 threshold passed through
     * {@code degreeOne} when that mode is the first to turn unstable, for equations whose
     * threshold differs from the continuum one in that mode only.
     */
    static OptionalDouble linearThreshold(String axis, Map<String, Object> slice, DoubleUnaryOperator degreeOne) {
        boolean temperature = "temperature".equals(axis);
        if (!"beta".equals(axis) && !temperature || slice.get("kernel") == null || slice.get("d") == null) {
            return OptionalDouble.empty();
        }
        Parameters p = new Parameters(new LinkedHashMap<>(slice));
        int d = p.intValue("d");
        KernelSpectrum spectrum = new KernelSpectrum(kernel(p, d), d, THRESHOLD_DEGREE, KernelSpectrum.DEFAULT_NODES);
        int mode = spectrum.firstUnstableMode();
        if (mode == 0) {
            return OptionalDouble.empty();
        }
        double beta = spectrum.criticalBeta(mode);
        if (mode == 1) {
            beta = degreeOne.applyAsDouble(beta);
            if (!Double.isFinite(beta)) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(temperature ? 1.0 / beta : beta);
    }

    /** Creates the kernel the parameters name, in dimension d. */
    static ZonalKernel kernel(Parameters p, int d) {
        return ZonalKernel.of(p.choice("kernel"), p.has("gamma") ? p.real("gamma") : Double.NaN,
                p.has("radius") ? p.real("radius") : Double.NaN, p.has("mode") ? p.intValue("mode") : 0, d);
    }
}
