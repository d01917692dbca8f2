#!/usr/bin/python3
"""Print the table of scripts/bench/particle-step: JMH results against the NumPy peer.

Reads JMH's JSON results (-rf json) and the tab-separated output of particle_step_numpy.py. The
Java median is the median of the JMH measurement iterations. The NumPy median is the median of the
peer's batches. Both are per step, in milliseconds. The ratio NumPy/Java is above 1 where Java is
faster. Benchmarks without a peer (the solver runs) are listed after the table.
"""

import argparse
import json
import statistics
import sys

PARTICLE = "org.noisyflow.bench.ParticleStepBenchmark.step"
NOISY_GD = "org.noisyflow.bench.NoisyGdStepBenchmark.step"
# The peer variant that uses the Java algorithm (a backward pass), and the one shown for
# information only (the N x p Jacobian, which the Java code no longer forms).
SAME_ALGORITHM_GD = "tanh-net"
JACOBIAN_GD = "tanh-net-jacobian"
# Cases that must be at least TARGET_SPEED_UP times faster in Java than in NumPy.
TARGET_CASES = [("particle-step", k, s) for k in ("transformer", "heisenberg") for s in ("1000x16", "2000x3")]
TARGET_SPEED_UP = 2.0
TO_MILLISECONDS = {"ns/op": 1e-6, "us/op": 1e-3, "ms/op": 1.0, "s/op": 1e3}


def read_jmh(paths):
    """Return {(benchmark, variant, shape): (median, min, max)} in ms, and the results without a peer."""
    cases, others = {}, []
    for path in paths:
        with open(path) as file:
            results = json.load(file)
        for result in results:
            metric = result["primaryMetric"]
            scale = TO_MILLISECONDS[metric["scoreUnit"]]
            scores = [scale * score for fork in metric["rawData"] for score in fork]
            summary = (statistics.median(scores), min(scores), max(scores))
            params = result.get("params", {})
            if result["benchmark"] == PARTICLE:
                cases[("particle-step", params["kernel"], params["shape"])] = summary
            elif result["benchmark"] == NOISY_GD:
                for variant in (SAME_ALGORITHM_GD, JACOBIAN_GD):
                    cases[("noisy-gd-step", variant, params["shape"])] = summary
            else:
                name = result["benchmark"].rsplit(".", 2)[-2:]
                label = ".".join(name) + "".join(f" {k}={v}" for k, v in sorted(params.items()))
                others.append((label, summary))
    return cases, others


def read_peer(path):
    """Return {(benchmark, variant, shape): (median, min, max)} in ms from the peer's output."""
    cases = {}
    with open(path) as file:
        rows = [line.rstrip("\n").split("\t") for line in file if line.strip() and not line.startswith("#")]
    header = rows[0]
    for row in rows[1:]:
        values = dict(zip(header, row))
        key = (values["benchmark"], values["variant"], values["shape"])
        cases[key] = (float(values["median_ms"]), float(values["min_ms"]), float(values["max_ms"]))
    return cases


def label(key):
    benchmark, variant, shape = key
    if benchmark == "noisy-gd-step":
        peer = "peer: backprop, as Java" if variant == SAME_ALGORITHM_GD else "peer: Jacobian, info only"
        return f"noisy-gd tanh-net {shape} ({peer})"
    return f"{variant} {shape}"


def spread(summary):
    return f"{summary[1]:.4g}-{summary[2]:.4g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jmh", nargs="+", required=True, help="JMH JSON result files")
    parser.add_argument("--peer", required=True, help="output file of particle_step_numpy.py")
    args = parser.parse_args()
    java, others = read_jmh(args.jmh)
    peer = read_peer(args.peer)

    keys = [k for k in java if k in peer] + [k for k in peer if k not in java]
    keys += [k for k in java if k not in peer]
    rows = [("case", "Java median ms", "Java min-max", "NumPy median ms", "NumPy min-max", "NumPy/Java")]
    ratios = {}
    for key in keys:
        j, p = java.get(key), peer.get(key)
        ratio = p[0] / j[0] if j and p else None
        if ratio is not None:
            ratios[key] = ratio
        rows.append((label(key), f"{j[0]:.4g}" if j else "-", spread(j) if j else "-",
                     f"{p[0]:.4g}" if p else "-", spread(p) if p else "-",
                     f"{ratio:.2f}" if ratio is not None else "-"))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[c]) if c == 0 else cell.rjust(widths[c]) for c, cell in enumerate(row)))
        if i == 0:
            print("  ".join("-" * w for w in widths))

    judged = {k: r for k, r in ratios.items() if k[1] != JACOBIAN_GD}
    slower = [label(k) for k, r in judged.items() if r <= 1.0]
    print()
    print(f"Java faster than the peer in {len(judged) - len(slower)} of {len(judged)} measured cases "
          f"(the Jacobian peer rows are not counted): {'yes' if judged and not slower else 'no'}")
    if slower:
        print("  not faster: " + ", ".join(slower))
    measured = [k for k in TARGET_CASES if k in ratios]
    missing = [label(k) for k in TARGET_CASES if k not in ratios]
    short = [k for k in measured if ratios[k] < TARGET_SPEED_UP]
    verdict = "yes" if measured and not short and not missing else "no"
    print(f"transformer and heisenberg at 1000x16 and 2000x3 at least {TARGET_SPEED_UP:g}x faster: {verdict}")
    if short:
        print("  below target: " + ", ".join(f"{label(k)} ({ratios[k]:.2f}x)" for k in short))
    if missing:
        print("  not measured: " + ", ".join(missing))

    if others:
        print()
        print("Benchmarks without a peer (median, min-max, ms per run):")
        for name, summary in others:
            print(f"  {name}: {summary[0]:.4g} ({spread(summary)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
