"""Write src/bessel_jy_fit.h: the polynomial fits of bessel_jy.h's fast paths (orders 0, 1).

Run by hand (mpmath, about a minute): ``python src/fit_bessel_jy.py``; the header is
committed. Every coefficient is derived here from mpmath's Bessel functions at 50 digits:

  * below x = 20, for each part F of J0, J1, J1', J1'' (and Y0, Y1, Y1', Y1'' from
    x = DN_JY_FIT_Y_MIN) and each interval [a, b] of INTERVALS: the zeros z of F within
    b - a of the interval are factored out, F(x) = prod (x - z) G(x) (z as hi + lo, so that
    F keeps its relative accuracy next to its zeros, as Cephes does for J0), and G is
    interpolated at Chebyshev points of the interval (degree 40), truncated where the
    tail is below 2^-60 of min |G| and rewritten as a polynomial in t = x - c (Horner);
  * from x = 20, Hankel's P_v and Q_v (DLMF 10.17.3) for v = 0, 1, 2 as polynomials in
    w = (20/x)^2 in [0, 1] (P_v, and Q_v x/20), from P = (J cos w + Y sin w)/s and
    Q = (Y cos w - J sin w)/s, s = sqrt(2/(pi x)), w = x - (v/2 + 1/4) pi.
"""
import os

import mpmath
from mpmath import mp, mpf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "bessel_jy_fit.h")
NODES = 41
TAIL = mpf(2) ** -60
Y_MIN = 0.125   # below, Y by its power series (its log and poles at 0)
HANKEL_MIN = 20
# [a, b, c]: interval and the centre of t = x - c; unit intervals from 2 (the index is
# floor(x) there), finer below for Y, whose Taylor radius about c is c
J_INTERVALS = [(0, 1, 0)] + [(k, k + 1, k + 0.5) for k in range(1, 20)]
Y_INTERVALS = sorted([(a, a * 1.5, a * 1.25) for a in (0.125, 0.25, 0.5, 1.0)]
                     + [(a * 1.5, a * 2, a * 1.75) for a in (0.125, 0.25, 0.5, 1.0)]
                     + [(k, k + 1, k + 0.5) for k in range(2, 20)])


def part(kind, n, m):
    f = mpmath.besselj if kind == "J" else mpmath.bessely
    return lambda x: f(n, x, derivative=m) if m else f(n, x)


PARTS = {"J": [part("J", 0, 0), part("J", 1, 0), part("J", 1, 1), part("J", 1, 2)],
         "Y": [part("Y", 0, 0), part("Y", 1, 0), part("Y", 1, 1), part("Y", 1, 2)]}


def zeros(f, lo, hi):
    """The zeros of f in (lo, hi], by sign changes on a grid refined by findroot (and 0,
    where f is odd there)."""
    grid = [lo + (hi - lo) * mpf(i) / 4000 for i in range(4001)]
    out = [mpf(0)] if lo == 0 and abs(f(mpf("1e-30"))) < 1e-20 else []
    for a, b in zip(grid, grid[1:]):
        if a > 0 and f(a) * f(b) < 0:
            out.append(mpmath.findroot(f, (a, b), solver="anderson"))
    return out


def chebyshev(g, a, b):
    """Coefficients of the interpolant of g at NODES Chebyshev points of [a, b], in
    s = (x - m)/h."""
    m, h = (mpf(a) + b) / 2, (mpf(b) - a) / 2
    theta = [mp.pi * (j + mpf(1) / 2) / NODES for j in range(NODES)]
    vals = [g(m + h * mpmath.cos(t)) for t in theta]
    return [2 * sum(v * mpmath.cos(k * t) for v, t in zip(vals, theta)) / NODES
            / (2 if k == 0 else 1) for k in range(NODES)]


def truncate(coef, floor):
    n = len(coef)
    while n > 1 and sum(abs(c) for c in coef[n - 1:]) < floor:
        n -= 1
    return coef[:n + 1] if n < len(coef) else coef


def monomial(coef, a, b, c):
    """The Chebyshev series coef (in s = (x - m)/h) as a polynomial in t = x - c."""
    m, h = (mpf(a) + b) / 2, (mpf(b) - a) / 2
    prev, cur = [mpf(1)], [mpf(0), mpf(1)]
    power = [mpf(0)] * len(coef)
    power[0] = coef[0]
    for k in range(1, len(coef)):
        for i, p in enumerate(cur):
            power[i] += coef[k] * p
        nxt = [mpf(0)] + [2 * p for p in cur]
        for i, p in enumerate(prev):
            nxt[i] -= p
        prev, cur = cur, nxt
    # s = (t + d)/h, d = c - m: expand sum p_k ((t + d)/h)^k in t
    d, out = mpf(c) - m, [mpf(0)] * len(coef)
    for k, p in enumerate(power):
        for i in range(k + 1):
            out[i] += p * mpmath.binomial(k, i) * d ** (k - i) / h ** k
    return out


def split(z):
    hi = float(z)
    return hi, float(z - hi)


def fit_interval(f, a, b, c, zs):
    near = [z for z in zs if a - (b - a) <= z <= b + (b - a)]

    def g(x):
        q = f(x)
        for z in near:
            q /= x - z
        return q

    coef = chebyshev(g, a, b)
    floor = TAIL * min(abs(g(mpf(a) + (b - a) * mpf(i) / 16)) for i in range(1, 16))
    return [split(z) for z in near], [float(p) for p in monomial(truncate(coef, floor),
                                                                   a, b, c)]


def hankel(v):
    """P_v and Q_v x/20 as functions of w = (20/x)^2 on (0, 1], Chebyshev-fitted."""
    def pq(w, which):
        x = HANKEL_MIN / mpmath.sqrt(w)
        ph = x - (mpf(v) / 2 + mpf(1) / 4) * mp.pi
        j, y = mpmath.besselj(v, x), mpmath.bessely(v, x)
        s = mpmath.sqrt(2 / (mp.pi * x))
        if which == "P":
            return (j * mpmath.cos(ph) + y * mpmath.sin(ph)) / s
        return (y * mpmath.cos(ph) - j * mpmath.sin(ph)) / s * x / HANKEL_MIN

    out = []
    for which in "PQ":
        def g(w, which=which):
            return pq(w, which)
        coef = chebyshev(g, 0, 1)
        floor = TAIL * min(abs(g(mpf(i) / 16)) for i in range(1, 17))
        out.append([float(p) for p in monomial(truncate(coef, floor), 0, 1, 0)])
    return out


def c_array(name, values):
    body = ",\n    ".join(", ".join(repr(v) for v in values[i:i + 3])
                          for i in range(0, len(values), 3))
    return "#define %s_N %d\nstatic const double %s[%d] = {\n    %s};\n" % (
        name, len(values), name, len(values), body)


def render():
    lines = ["/* Generated by src/fit_bessel_jy.py (mpmath, 50 digits); do not edit. */",
             "#ifndef DUALNUM_BESSEL_JY_FIT_H", "#define DUALNUM_BESSEL_JY_FIT_H",
             "#define DN_JY_FIT_Y_MIN %r" % Y_MIN, ""]
    for kind, intervals, lo in (("J", J_INTERVALS, 0), ("Y", Y_INTERVALS, Y_MIN)):
        rows, coefs = [], []
        for p, f in enumerate(PARTS[kind]):
            zs = zeros(f, lo, HANKEL_MIN + 1)
            for a, b, c in intervals:
                near, poly = fit_interval(f, a, b, c, zs)
                assert len(near) <= 2, (kind, p, a, near)
                pad = near + [(0.0, 0.0)] * (2 - len(near))
                rows.append("    {%r, %d, {%r, %r}, {%r, %r}, %d, %d}," % (
                    float(c), len(near), pad[0][0], pad[1][0], pad[0][1], pad[1][1],
                    len(poly), len(coefs)))
                coefs += poly
        lines.append("static const dn_jy_piece DN_%s_PIECES[%d] = {" % (kind, len(rows)))
        lines += rows + ["};", "#define DN_%s_PIECES_PER_PART %d" % (kind, len(intervals)),
                         c_array("DN_%s_COEFS" % kind, coefs)]
    for v in range(3):
        p, q = hankel(v)
        lines.append(c_array("DN_HANKEL_P%d" % v, p))
        lines.append(c_array("DN_HANKEL_Q%d" % v, q))
    lines.append("#endif")
    with open(OUT, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    mp.dps = 50
    render()
