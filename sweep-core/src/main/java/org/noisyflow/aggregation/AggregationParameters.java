package org.noisyflow.aggregation;

import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.noisyflow.solver.InvalidParameterException;
import org.noisyflow.solver.ParameterDef;
import org.noisyflow.solver.Parameters;
import org.noisyflow.sphere.KernelSpectrum;

/**
 * The parameters that the particle and the finite-volume aggregation solvers share, so that
 * their sweeps use the same names and their tables join on them.
 */
final class AggregationParameters {
    static final ParameterDef ATTRACTION = ParameterDef.choice("attraction", "attractive kernel: "
            + "w(t) = -kappa t (dot) or w(t) = -(kappa/gamma) e^{gamma t} (transformer)", "dot", "transformer")
            .withDefault("dot");
    static final ParameterDef KAPPA = ParameterDef.real("kappa", "attraction strength").atLeast(0).atMost(1e6);
    static final ParameterDef GAMMA = ParameterDef.real("gamma", "exponent of the transformer attraction; "
            + "transformer only").greaterThan(0).atMost(50).optional();
    static final ParameterDef REPULSION_STRENGTH = ParameterDef.real("repulsion_strength",
            "c, the integral of the repulsion profile and the porous-medium coefficient of the eps = 0 limit")
            .atLeast(0).atMost(1e6);
    static final ParameterDef EPS = ParameterDef.real("eps", "range of the Gaussian repulsion; 0 is the "
            + "local limit").atLeast(0).atMost(10);
    static final ParameterDef MASS = ParameterDef.real("mass", "total mass M").greaterThan(0).atMost(1e6)
            .withDefault(1.0);
    static final ParameterDef T_END = ParameterDef.real("t_end", "final time").greaterThan(0).atMost(1e6);
    static final ParameterDef INIT = ParameterDef.choice("init", "initial density: uniform, or "
            + "proportional to 1 + cos(theta)/2 about the north pole (tilted)", "uniform", "tilted")
            .withDefault("tilted");

    /** The shared declarations, in column order; each solver puts d and its own parameters around them. */
    static final List<ParameterDef> DEFS = List.of(ATTRACTION, KAPPA, GAMMA, REPULSION_STRENGTH, EPS, MASS);

    private AggregationParameters() {
    }

    /** Returns gamma with the reason when it is given for the dot attraction. */
    static Map<String, String> inapplicable(Parameters p) {
        Map<String, String> out = new TreeMap<>();
        if (p.has("gamma") && !"transformer".equals(p.choice("attraction"))) {
            out.put("gamma", "gamma applies only to attraction 'transformer', not '" + p.choice("attraction") + "'");
        }
        return out;
    }

    /** Rejects a transformer attraction without gamma. */
    static void validate(Parameters p) {
        if ("transformer".equals(p.choice("attraction")) && !p.has("gamma")) {
            throw new InvalidParameterException("gamma", null,
                    "attraction 'transformer' needs gamma, the exponent of w(t) = -(kappa/gamma) e^{gamma t}");
        }
    }

    /** Creates the attraction the parameters name. */
    static Attraction attraction(Parameters p) {
        return "transformer".equals(p.choice("attraction"))
                ? Attraction.transformer(p.real("kappa"), p.real("gamma")) : Attraction.dot(p.real("kappa"));
    }

    /** Creates the repulsion of range eps &gt; 0 the parameters name, in dimension d. */
    static GaussianRepulsion repulsion(Parameters p) {
        return new GaussianRepulsion(p.real("repulsion_strength"), p.real("eps"), p.intValue("d"));
    }

    /**
     * Returns the initial density relative to the uniform one, at cos(theta) = t about the north
     * pole: 1 (uniform) or 1 + t/2 (tilted). Both integrate to the mass because &int; t d&sigma; = 0.
     */
    static double initialShape(String init, double t) {
        return "uniform".equals(init) ? 1.0 : 1.0 + 0.5 * t;
    }

    /** The largest degree searched for the first unstable mode. */
    private static final int THRESHOLD_DEGREE = 30;

    /**
     * Returns kappa_c, where the uniform state loses stability, for the axis kappa. Mode l grows
     * once kappa |w_l| exceeds the repulsion's coefficient R_l (c for every l at eps = 0), where
     * w_l is the attraction's Funk-Hecke coefficient per unit kappa. The dot attraction has only
     * w_1 = -|S^{d-1}|/d, so kappa_c = R_1 d/|S^{d-1}|. The transformer's w_l shrink with l about
     * like e^{-l^2/(2 gamma)} and the Gaussian's R_l like e^{-eps^2 l^2/2}, so a higher mode can go
     * first: kappa_c is the smallest R_l/|w_l| over l &le; 30. For l large against both gamma and
     * 1/eps^2, R_l/|w_l| behaves like (1/(eps^2 gamma))^l, so when eps^2 gamma &gt; 1 fine modes
     * grow at any kappa &gt; 0 and kappa_c is 0.
     */
    static OptionalDouble linearThreshold(String axis, Map<String, Object> slice) {
        if (!"kappa".equals(axis) || slice.get("d") == null || slice.get("eps") == null
                || slice.get("repulsion_strength") == null) {
            return OptionalDouble.empty();
        }
        Parameters p = new Parameters(new LinkedHashMap<>(slice));
        int d = p.intValue("d");
        double eps = p.real("eps");
        double c = p.real("repulsion_strength");
        GaussianRepulsion repulsion = eps > 0 ? new GaussianRepulsion(c, eps, d) : null;
        double area = SphereGeometry.sphereArea(d - 1);
        boolean transformer = "transformer".equals(slice.get("attraction"));
        if (transformer && repulsion != null && eps * eps * p.real("gamma") > 1) {
            return OptionalDouble.of(0.0);
        }
        int degrees = transformer ? THRESHOLD_DEGREE : 1;
        double best = Double.POSITIVE_INFINITY;
        for (int l = 1; l <= degrees; l++) {
            double attraction = transformer ? -area * KernelSpectrum.transformerCoefficient(d, l, p.real("gamma"))
                    : area / d;
            double resistance = repulsion == null ? c : repulsion.coefficient(l);
            if (attraction > 0) {
                best = Math.min(best, resistance / attraction);
            }
        }
        return Double.isFinite(best) ? OptionalDouble.of(best) : OptionalDouble.empty();
    }
}
