#!/usr/bin/env python3
"""Print E|m| of n Heisenberg particles on S^2 in equilibrium, the threshold of
conf/heisenberg-refine.yaml.

The stationary law of the particles is the uniform product law weighted by
exp(beta n |m|^2 / 2), so the radial density of m is g_n(m) exp(beta n m^2 / 2), with g_n the
density of |x_1 + ... + x_n| / n for uniform unit vectors x_i in R^3.

- exact: Rayleigh's density of r = |x_1 + ... + x_n|,
  r / (2^(n-1) (n-2)!) sum_{0 <= k < (n-r)/2} (-1)^k C(n,k) (n - r - 2k)^(n-2),
  in 3300-digit arithmetic (mpmath), because the sum cancels to about 1e-3000.
- saddle point: g_n(m) ~ m^2 exp(-n I(m)) det(Sigma(h))^(-1/2), with I the Cramer function
  I(m) = h m - log(sinh h / h), coth h - 1/h = m, and Sigma(h) the covariance of a unit vector
  tilted by exp(h <e, x>): 1/h^2 - 1/sinh(h)^2 along e and m/h across. Its error is of relative
  order 1/n.

Usage: scripts/refine/heisenberg-threshold.py [n] [beta ...]   (defaults: 1000 and 3.0)
Needs numpy, scipy and mpmath. The exact sum takes about a minute at n = 1000.
"""
import sys

import mpmath as mp
import numpy as np
from scipy.optimize import brentq


def tilt(m):
    """Return h with coth h - 1/h = m."""
    return 3 * m if m < 1e-8 else brentq(lambda h: 1 / np.tanh(h) - 1 / h - m, 1e-10, 1e4)


def saddle_log_density(m, n, beta):
    h = tilt(m)
    if h < 1e-6:
        cramer, along, across = 1.5 * m * m, 1 / 3, 1 / 3
    else:
        cramer = h * m - np.log(np.sinh(h) / h)
        along, across = 1 / h**2 - 1 / np.sinh(h) ** 2, m / h
    return 2 * np.log(m) - n * (cramer - beta * m * m / 2) - 0.5 * np.log(27 * along * across * across)


def saddle_mean(n, beta):
    ms = np.linspace(1e-6, 0.9, 20001)
    log_density = np.array([saddle_log_density(m, n, beta) for m in ms])
    weight = np.exp(log_density - log_density.max())
    return np.trapezoid(ms * weight, ms) / np.trapezoid(weight, ms)


def exact_mean(n, beta, points=500):
    mp.mp.dps = max(50, int(3.3 * n))
    binomials = [mp.binomial(n, k) for k in range(n + 1)]
    scale = 2 ** (n - 1) * mp.factorial(n - 2)
    rs = np.linspace(1, points, points) * n / 1000
    weights = []
    for r in rs:
        total = mp.mpf(0)
        k = 0
        while n - r - 2 * k > 0:
            total += (-1) ** k * binomials[k] * mp.mpf(n - r - 2 * k) ** (n - 2)
            k += 1
        weights.append(float(r * total / scale * mp.e ** (mp.mpf(beta) * r * r / (2 * n))))
    weights = np.array(weights)
    return np.trapezoid(rs / n * weights, rs) / np.trapezoid(weights, rs)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    betas = [float(b) for b in sys.argv[2:]] or [3.0]
    for beta in betas:
        print(f"n = {n}, beta = {beta}: E|m| saddle point {saddle_mean(n, beta):.4f}, "
              f"exact {exact_mean(n, beta):.4f}")


if __name__ == "__main__":
    main()
