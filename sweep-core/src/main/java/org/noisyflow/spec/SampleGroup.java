package org.noisyflow.spec;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.noisyflow.solver.ParameterDef;

/**
 * One entry of a sweep file's {@code groups} list: parameters that take their values together,
 * one tuple per position. A group is one factor of the sweep's Cartesian product, like an axis,
 * and every tuple is computed from its position alone.
 */
public sealed interface SampleGroup extends Serializable permits ZipGroup, SampledDesign {

    /** The key that names the group's form in a sweep file: zip, random, lhs or sobol. */
    String kind();

    /** The parameters the group sets, in the order written. */
    List<ParameterDef> parameters();

    /** The number of tuples. */
    long size();

    /** Puts the canonical value of each of the group's parameters at {@code position} into {@code values}. */
    void putValues(long position, Map<String, Object> values);

    /**
     * Returns, for each parameter, the values it takes: every zip value once, in order, and the
     * bounds [low, high] of a sampled parameter.
     */
    Map<String, List<Object>> parameterValues();

    /** Returns the entry as written in a sweep file, for the resolved spec. */
    Map<String, Object> toYaml();
}
