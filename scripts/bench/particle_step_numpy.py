#!/usr/bin/python3
"""NumPy peer of the Java particle step and tanh-net noisy-gd step, for scripts/bench/particle-step.

The peer is the step as a NumPy user would write it, vectorised, with the algorithm of the Java
code. Pair kernels build the n x n Gram and coupling matrices. Heisenberg and Maier-Saupe use the
mean-field formula that the Java code uses for them.

Timing: each case warms up, then runs several batches of steps with time.perf_counter. Every
batch restarts from the same positions and noise seed, as the Java benchmarks restart every
iteration. The output is tab-separated, one line per case, after '#' lines that describe NumPy
and its BLAS. Times are per step, in milliseconds.

--check DIR instead compares the drift and the tanh-net gradient with the values that
scripts/bench/DriftReference.java wrote to DIR, and exits with status 1 when one differs by more
than --tolerance relative to the largest magnitude of the Java array.

Run it with /usr/bin/python3, Debian's interpreter, which imports Debian's python3-numpy on
OpenBLAS. The script installs both packages with apt-get when NumPy is missing, and pins every
BLAS thread pool to one thread before it imports NumPy.
"""

import argparse
import contextlib
import io
import math
import os
import statistics
import subprocess
import sys
import time

DEBIAN_PYTHON = "/usr/bin/python3"
PACKAGES = ["python3-numpy", "libopenblas0-pthread"]
THREAD_VARIABLES = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"]

KERNELS = ["heisenberg", "transformer", "maier-saupe", "onsager", "opinion", "gegenbauer"]
PARTICLE_SHAPES = ["1000x16", "2000x3", "4000x64"]
GD_SHAPES = ["256x32x256", "512x64x512"]

# The constants of ParticleStepBenchmark and NoisyGdStepBenchmark.
DT = 0.01
BETA = 5.0
GAMMA = 1.0
RADIUS = 1.0
MODE = 2
STEP_SIZE = 0.01
SIGMA = 0.1
SEED = 20240611
# Pairs whose sine is below this have no defined direction and get coupling 0, as in ZonalKernel.
MIN_SINE = 1e-12


def ensure_debian_numpy():
    """Re-run under Debian's python3, then install NumPy and OpenBLAS with apt-get when missing."""
    if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON):
        print(f"particle_step_numpy: re-running under {DEBIAN_PYTHON} instead of {sys.executable}",
              file=sys.stderr)
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    probe = subprocess.run([DEBIAN_PYTHON, "-c", "import numpy"], capture_output=True)
    if probe.returncode == 0 and openblas_installed():
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends"] + PACKAGES
    if os.geteuid() != 0:
        sys.exit("particle_step_numpy: NumPy or OpenBLAS is missing for " + DEBIAN_PYTHON
                 + "; install them as root: " + " ".join(command))
    print("particle_step_numpy: NumPy or OpenBLAS is missing; running " + " ".join(command), file=sys.stderr)
    if subprocess.run(command).returncode != 0:
        # A machine whose package lists were never fetched finds no candidate until apt-get update.
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(command, check=True)


def openblas_installed():
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "libopenblas0-pthread"],
                            capture_output=True, text=True)
    return status.returncode == 0 and "install ok installed" in status.stdout


ensure_debian_numpy()
import numpy as np  # noqa: E402  (the thread variables must be set before the import)


def describe_numpy():
    """Return '#' lines with the NumPy version, its build configuration and the BLAS it loaded."""
    lines = [f"# python {sys.version.split()[0]} at {sys.executable}", f"# numpy {np.__version__}"]
    for variable in THREAD_VARIABLES:
        lines.append(f"# {variable}={os.environ.get(variable)}")
    probe = np.ones((64, 64))
    probe @ probe
    with open("/proc/self/maps") as maps:
        loaded = sorted({line.split()[-1] for line in maps
                         if "blas" in line.lower() or "lapack" in line.lower()})
    lines += [f"# loaded {os.path.realpath(path)}" for path in loaded]
    config = io.StringIO()
    with contextlib.redirect_stdout(config):
        np.show_config()
    lines += ["# config " + line for line in config.getvalue().splitlines() if line.strip()]
    return lines


def parse_shape(text, count):
    sizes = [int(part) for part in text.split("x")]
    if len(sizes) != count or min(sizes) <= 0:
        raise ValueError(f"invalid shape '{text}': expected {count} positive integers separated by 'x'")
    return sizes


# --- particle step ---------------------------------------------------------------------------

def gegenbauer_derivative(d, k, t):
    """Return P_k'(t) elementwise, by the derivative of the three-term recurrence of Gegenbauer.java."""
    if k == 0:
        return np.zeros_like(t)
    if k == 1:
        return np.ones_like(t)
    # The degree-0 and degree-1 terms stay scalars, which broadcast, so mode 2 allocates no
    # constant matrices.
    previous, current = 1.0, t
    previous_slope, current_slope = 0.0, 1.0
    for j in range(1, k):
        a, b = 2.0 * j + d - 2, j + d - 2.0
        following_slope = (a * (current + t * current_slope) - j * previous_slope) / b
        if j + 1 < k:
            following = (a * t * current - j * previous) / b
            previous, current = current, following
        previous_slope, current_slope = current_slope, following_slope
    return current_slope


def coupling(kernel, gram, d):
    """Return the coupling matrix c(<x_i, x_j>) = -W'(<x_i, x_j>) of a pair-summed kernel."""
    if kernel == "transformer":
        return np.exp(GAMMA * gram)
    if kernel == "gegenbauer":
        return gegenbauer_derivative(d, MODE, gram)
    sine = np.sqrt(np.clip((1.0 - gram) * (1.0 + gram), 0.0, None))
    defined = sine >= MIN_SINE
    if kernel == "onsager":
        return np.divide(gram, sine, out=np.zeros_like(gram), where=defined)
    if kernel == "opinion":
        gap = RADIUS - np.arccos(np.clip(gram, -1.0, 1.0))
        return np.divide(gap, sine, out=np.zeros_like(gram), where=defined & (gap > 0.0))
    raise ValueError(f"kernel '{kernel}' has no pair coupling here; expected one of {KERNELS}")


def drift(kernel, x):
    """Return the drift (1/n) sum_j c(t_ij) P_{x_i} x_j of every particle, as ParticleSystem.computeDrift."""
    n, d = x.shape
    if kernel == "heisenberg":
        m = x.mean(axis=0)
        return m - (x @ m)[:, None] * x
    if kernel == "maier-saupe":
        scale = 2.0 * d / (d - 1.0)
        y = x @ (x.T @ x / n)
        return scale * (y - (y * x).sum(axis=1)[:, None] * x)
    gram = x @ x.T
    c = coupling(kernel, gram, d)
    np.fill_diagonal(c, 0.0)
    return (c @ x - (c * gram).sum(axis=1)[:, None] * x) / n


def particle_case(kernel, n, d):
    """Return (reset, step) closures of the Euler-Maruyama step from seeded uniform positions."""
    start = np.random.default_rng(SEED).standard_normal((n, d))
    start /= np.linalg.norm(start, axis=1, keepdims=True)
    noise_scale = math.sqrt(2.0 * DT / BETA)
    state = {}

    def reset():
        state["x"] = start.copy()
        state["rng"] = np.random.default_rng(SEED + 1)

    def step():
        x = state["x"]
        x += DT * drift(kernel, x) + noise_scale * state["rng"].standard_normal(x.shape)
        x /= np.linalg.norm(x, axis=1, keepdims=True)

    return reset, step


# --- tanh-net noisy-gd step ------------------------------------------------------------------

def tanh_gradient(x, y, a, w, residual_noise=None):
    """Return the gradients of (1/2N) sum_n (f_n - y_n - eta_n)^2 for a and W by backpropagation."""
    t = np.tanh(x @ w.T)
    r = t @ a - y
    if residual_noise is not None:
        r -= residual_noise
    samples = x.shape[0]
    grad_a = t.T @ r / samples
    grad_w = ((r[:, None] * (1.0 - t * t)) * a).T @ x / samples
    return grad_a, grad_w


def tanh_gradient_jacobian(x, y, weights, width, residual_noise=None):
    """Return the gradient J^T r / N through the N x p Jacobian, the algorithm of NoisyStep."""
    samples, features = x.shape
    a = weights[:width]
    w = weights[width:].reshape(width, features)
    t = np.tanh(x @ w.T)
    jacobian = np.empty((samples, width * (1 + features)))
    jacobian[:, :width] = t
    slope = (1.0 - t * t) * a
    jacobian[:, width:] = (slope[:, :, None] * x[:, None, :]).reshape(samples, width * features)
    r = t @ a - y
    if residual_noise is not None:
        r -= residual_noise
    return jacobian.T @ r / samples


def tanh_case(samples, features, width, through_jacobian):
    """Return (reset, step) closures of one label-noise step, with the model's data and start distributions."""
    rng = np.random.default_rng(SEED)
    x = rng.standard_normal((samples, features))
    y = rng.standard_normal(samples)
    start = np.concatenate([rng.standard_normal(width) / math.sqrt(width),
                            rng.standard_normal(width * features) / math.sqrt(features)])
    state = {}

    def reset():
        state["weights"] = start.copy()
        state["rng"] = np.random.default_rng(SEED + 1)

    def step_backprop():
        weights = state["weights"]
        a = weights[:width]
        w = weights[width:].reshape(width, features)
        noise = SIGMA * state["rng"].standard_normal(samples)
        grad_a, grad_w = tanh_gradient(x, y, a, w, noise)
        a -= STEP_SIZE * grad_a
        w -= STEP_SIZE * grad_w

    def step_jacobian():
        weights = state["weights"]
        noise = SIGMA * state["rng"].standard_normal(samples)
        weights -= STEP_SIZE * tanh_gradient_jacobian(x, y, weights, width, noise)

    return reset, step_jacobian if through_jacobian else step_backprop


# --- timing ----------------------------------------------------------------------------------

def time_steps(reset, step, warmup_seconds, batches, batch_seconds):
    """Return the per-step seconds of each batch, after a warm-up; every batch starts from reset()."""
    reset()
    begin = time.perf_counter()
    warmup_steps = 0
    while warmup_steps < 2 or time.perf_counter() - begin < warmup_seconds:
        step()
        warmup_steps += 1
    estimate = (time.perf_counter() - begin) / warmup_steps
    steps_per_batch = max(1, round(batch_seconds / estimate))
    per_step = []
    for _ in range(batches):
        reset()
        begin = time.perf_counter()
        for _ in range(steps_per_batch):
            step()
        per_step.append((time.perf_counter() - begin) / steps_per_batch)
    return per_step, steps_per_batch


def run_timings(args):
    for line in describe_numpy():
        print(line)
    print("benchmark\tvariant\tshape\tmedian_ms\tmin_ms\tmax_ms\tbatches\tsteps_per_batch", flush=True)
    cases = []
    for shape in args.sizes:
        n, d = parse_shape(shape, 2)
        for kernel in args.kernels:
            cases.append(("particle-step", kernel, shape, lambda k=kernel, n=n, d=d: particle_case(k, n, d)))
    for shape in args.gd_sizes:
        samples, features, width = parse_shape(shape, 3)
        for variant, through_jacobian in (("tanh-net", False), ("tanh-net-jacobian", True)):
            cases.append(("noisy-gd-step", variant, shape,
                          lambda s=samples, f=features, w=width, j=through_jacobian: tanh_case(s, f, w, j)))
    for benchmark, variant, shape, make in cases:
        reset, step = make()
        per_step, steps_per_batch = time_steps(reset, step, args.warmup_seconds, args.batches, args.batch_seconds)
        milliseconds = [1e3 * s for s in per_step]
        print(f"{benchmark}\t{variant}\t{shape}\t{statistics.median(milliseconds):.6g}\t{min(milliseconds):.6g}\t"
              f"{max(milliseconds):.6g}\t{len(milliseconds)}\t{steps_per_batch}", flush=True)


# --- check against the Java reference --------------------------------------------------------

def relative_error(peer, java):
    """Return max |peer - java| / max |java|, a norm-wise relative error that no near-zero entry inflates."""
    return float(np.max(np.abs(peer - java)) / np.max(np.abs(java)))


def read_manifest(directory):
    entries = []
    with open(os.path.join(directory, "reference.txt")) as manifest:
        for line in manifest:
            if line.strip():
                entries.append(dict(field.split("=", 1) for field in line.split()))
    return entries


def check_entry(directory, entry):
    """Return (label, relative error) pairs for one reference file."""
    values = np.fromfile(os.path.join(directory, entry["file"]), dtype="<f8")
    if entry["kind"] == "particle":
        if (float(entry["gamma"]), float(entry["radius"]), int(entry["mode"])) != (GAMMA, RADIUS, MODE):
            raise ValueError(f"{entry['file']} was written with other kernel parameters than this script's")
        n, d = int(entry["n"]), int(entry["d"])
        positions, java_drift = values[:n * d].reshape(n, d), values[n * d:].reshape(n, d)
        label = f"drift {entry['kernel']} {n}x{d}"
        return [(label, relative_error(drift(entry["kernel"], positions), java_drift))]
    samples, features, width = int(entry["samples"]), int(entry["features"]), int(entry["width"])
    p = width * (1 + features)
    sizes = [samples * features, samples, p, p]
    x, y, weights, java_gradient = np.split(values, np.cumsum(sizes)[:-1])
    x = x.reshape(samples, features)
    grad_a, grad_w = tanh_gradient(x, y, weights[:width], weights[width:].reshape(width, features))
    backprop = np.concatenate([grad_a, grad_w.ravel()])
    through_jacobian = tanh_gradient_jacobian(x, y, weights, width)
    label = f"gradient tanh-net {samples}x{features}x{width}"
    return [(label + " (backprop)", relative_error(backprop, java_gradient)),
            (label + " (jacobian)", relative_error(through_jacobian, java_gradient))]


def run_check(args):
    failed = 0
    results = []
    for entry in read_manifest(args.check):
        results += check_entry(args.check, entry)
    for label, error in results:
        verdict = "ok" if error <= args.tolerance else "FAILED"
        failed += verdict != "ok"
        print(f"check\t{label}\trelative_error={error:.3g}\t{verdict}")
    print(f"check: {len(results) - failed} passed, {failed} failed (tolerance {args.tolerance:g})")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernels", default=",".join(KERNELS),
                        help="comma-separated kernels of the particle step (default: all six)")
    parser.add_argument("--sizes", default=",".join(PARTICLE_SHAPES),
                        help="comma-separated particle shapes NxD (default: %(default)s)")
    parser.add_argument("--gd-sizes", default=",".join(GD_SHAPES),
                        help="comma-separated tanh-net shapes NxPxW, samples x features x width; "
                             "empty for none (default: %(default)s)")
    parser.add_argument("--warmup-seconds", type=float, default=1.0, help="warm-up time per case, in seconds")
    parser.add_argument("--batches", type=int, default=5, help="timed batches per case")
    parser.add_argument("--batch-seconds", type=float, default=1.0,
                        help="target duration of one batch, in seconds; a batch has at least one step")
    parser.add_argument("--check", metavar="DIR",
                        help="compare with the reference of DriftReference.java in DIR instead of timing")
    parser.add_argument("--tolerance", type=float, default=1e-12, help="largest relative error of --check")
    args = parser.parse_args()
    args.kernels = [k for k in args.kernels.split(",") if k]
    args.sizes = [s for s in args.sizes.split(",") if s]
    args.gd_sizes = [s for s in args.gd_sizes.split(",") if s]
    unknown = [k for k in args.kernels if k not in KERNELS]
    if unknown:
        parser.error(f"unknown kernel(s) {unknown}; expected some of {KERNELS}")
    if args.check:
        return run_check(args)
    run_timings(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
