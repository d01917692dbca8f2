#!/usr/bin/python3
"""Print how far each kernel step of scripts/bench/particle-step is from this core's limit.

The limit of a step is the time its unavoidable work takes at the core's peak rates, measured by
PeakRatesBenchmark (jmh-peak.json): fused multiply-adds at full vector width, and the costs of one
vector exp, one vector tanh and one normal draw. The work counted per step is:

- pair kernels (transformer, onsager, opinion, gegenbauer): P = n(n-1)/2 pairs, each with a
  d-term dot product, two d-term accumulations and two tangential terms, (3d + 2) P multiply-adds;
  plus P exponentials for the transformer kernel. Square roots, divisions and the opinion kernel's
  angles are left out, so for onsager and opinion the limit is a lower bound.
- heisenberg: the mean field, 3nd multiply-adds;  maier-saupe: X^T X and X M, 2nd^2 multiply-adds.
- every particle step: nd normal draws for the noise.
- tanh-net (samples N, features P, width H): the two products, 2NPH multiply-adds, and NH tanh.

Usage: limits.py DIR [--peak PEAKDIR], where DIR contains jmh-particle.json and jmh-noisy-gd.json,
and jmh-peak.json unless --peak names another results directory of the same machine to take it from
(for a run whose peak benchmark was disturbed by other load: its scores then vary between iterations).
"""

import json
import os
import statistics
import sys

PAIR_KERNELS = ("transformer", "onsager", "opinion", "gegenbauer")


def medians(path):
    """Return {(benchmark method, params tuple): median score} from a JMH JSON file."""
    out = {}
    with open(path) as file:
        for result in json.load(file):
            scores = [s for fork in result["primaryMetric"]["rawData"] for s in fork]
            params = tuple(sorted(result.get("params", {}).items()))
            out[(result["benchmark"].rsplit(".", 1)[1], params)] = (statistics.median(scores),
                                                                    result["primaryMetric"]["scoreUnit"])
    return out


def main():
    args = sys.argv[1:]
    peak_directory = None
    if "--peak" in args:
        at = args.index("--peak")
        if at + 1 >= len(args):
            sys.exit("limits.py: --peak needs a results directory that contains jmh-peak.json")
        peak_directory = args[at + 1]
        del args[at:at + 2]
    directory = args[0] if args else "runs/bench-particle-step"
    peak_path = os.path.join(peak_directory or directory, "jmh-peak.json")
    peak = {name: score for (name, _), (score, _) in medians(peak_path).items()}
    fma_ns, exp_ns, tanh_ns, normal_ns = peak["fma"], peak["exp"], peak["tanh"], peak["normal"]
    print(f"peak ({peak_path}): {1 / fma_ns:.1f} G multiply-adds/s ({2 / fma_ns:.1f} Gflop/s), exp {exp_ns:.2f} ns, "
          f"tanh {tanh_ns:.2f} ns, normal draw {normal_ns:.2f} ns")
    rows = [("case", "measured ms", "limit ms", "limit/measured")]

    particle = medians(os.path.join(directory, "jmh-particle.json"))
    for (_, params), (score, unit) in sorted(particle.items()):
        p = dict(params)
        n, d = (int(v) for v in p["shape"].split("x"))
        kernel = p["kernel"]
        pairs = n * (n - 1) / 2
        if kernel in PAIR_KERNELS:
            ns = (3 * d + 2) * pairs * fma_ns + (pairs * exp_ns if kernel == "transformer" else 0.0)
        elif kernel == "heisenberg":
            ns = 3 * n * d * fma_ns
        else:
            ns = 2 * n * d * d * fma_ns
        ns += n * d * normal_ns
        measured = score if unit == "ms/op" else score / 1000.0
        rows.append((f"{kernel} {p['shape']}", f"{measured:.4g}", f"{ns / 1e6:.4g}", f"{ns / 1e6 / measured:.2f}"))

    gd_path = os.path.join(directory, "jmh-noisy-gd.json")
    if os.path.exists(gd_path):
        for (_, params), (score, unit) in sorted(medians(gd_path).items()):
            samples, features, width = (int(v) for v in dict(params)["shape"].split("x"))
            ns = 2 * samples * features * width * fma_ns + samples * width * tanh_ns
            measured = score if unit == "ms/op" else score / 1000.0
            rows.append((f"tanh-net {dict(params)['shape']}", f"{measured:.4g}", f"{ns / 1e6:.4g}",
                         f"{ns / 1e6 / measured:.2f}"))

    widths = [max(len(row[c]) for row in rows) for c in range(4)]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[c]) if c == 0 else cell.rjust(widths[c]) for c, cell in enumerate(row)))
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
