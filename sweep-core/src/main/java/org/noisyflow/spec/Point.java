package org.noisyflow.spec;

import java.io.Serializable;
import org.noisyflow.solver.Parameters;

/**
 * One point of a sweep.
 *
 * @param index position in the sweep's expansion order, from 0
 * @param id 16 hex digits identifying the point by its solver and parameter values
 * @param idHash the same 64 bits as a number, used to derive random streams
 * @param parameters all resolved parameter values
 */
public record Point(long index, String id, long idHash, Parameters parameters)
        implements Serializable {
}
