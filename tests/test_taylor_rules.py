"""The Taylor kernels of the rule table (dualnum._taylor.unary and binary), every entry at
each of its samples, orders 0 to 20, against the Taylor coefficients of its mpmath reference
(tests/references.py) composed with the input series: the variable x0 + t (for two
arguments x0 + t and y0 + t/2, so that both partials matter) and a general polynomial
x0 + 0.3 t - 0.2 t^2 + 0.1 t^3 (y0 - 0.25 t + 0.15 t^2 + 0.05 t^3), which tests the
composition and not only the derivatives. Then the edge cases of the kernels' contract
(leading zeros of powers, kinks reached at the point, constant series, missing orders) and
the same bits for an element wherever it lies in an array (blocks of 256).

References. g(t) = f(u(t)) is the reference f of tests/references.py, evaluated at 80
digits, of the polynomial u with the same doubles as the kernel's input (mpf(x0) exactly,
the parameters as the same doubles). Its Taylor coefficients come from its interpolant at
Chebyshev points of [-h, h], expanded at 0: spectrally accurate where g is analytic on a
neighbourhood of the interval, with only real evaluations at 80 digits (mpmath.taylor's
finite differences evaluate at (prec + 20)(n + 1) = 4000 bits for order 21: minutes for the
Bessel K and Y functions). h is halved from max(1, |x0|) / (4 |u_1|) until the interpolant has
converged to the working precision with room to spare, which stops short of singularities,
domain ends and kinks; each coefficient carries a bound of its own error (rounding of the
values through the expansion), and must be resolved to 1e-3 of its tolerance.
test_references_agree_with_mpmath_taylor checks the method against mpmath.taylor.

Conditioning. The kernel's input is exact, but it rounds what it computes from it, so that
coefficient k is known to no better than its sensitivity to the input allows. Its condition
number is the componentwise one, with respect to every coefficient u_j of the input series
(a and b for two arguments):

    kappa_k |t_k| = sum_j |u_j| |d t_k / d u_j| = sum_j |u_j| |[t^(k-j)] f'(u(t))|,

for u = x0 + t that is |x0| (k + 1) |t_(k+1)| + k |t_k| (the relative change of t_k per
relative change of x0, from d t_k / d x0 = (k + 1) t_(k+1), and k from the slope);
f'(u(t)) is g'(t) / u'(t), from the same reference coefficients (two arguments: f_y(a, b) of
the reference at b + delta, f_x from g' = f_x a' + f_y b'). Coefficient k is well
conditioned where kappa_k <= 100 and it is not tiny against the series: k = 0 (the value,
which the kernels take from the rule's own function), or |t_k| >= 1e-8 E_k, E_k =
max_j |t_j| r^(j-k) the envelope of the coefficients at the radius r estimated from them
(the median of |t_j / t_(j+1)| over the upper half of the orders): a coefficient below it is
a cancellation that no sum of the terms of its size can give to a relative precision.

Tolerances. Well conditioned: |error| <= 1e-13 |t_k| (a few hundred ulps after 20 orders).
Elsewhere: |error| <= (1e-13 + 8 eps kappa_k) |t_k| (+ 8 eps E_k where t_k is tiny), where
8 eps kappa_k |t_k| is the change of t_k from a relative change of 8 eps of each input
coefficient (the kernel's own rounding of the values it starts from, as a backward error;
it admits rounding in a coefficient that is 0 but whose sensitivity is not), and 8 eps E_k
is the rounding of a sum of terms of the envelope's size, the most a recurrence can promise
for a coefficient that cancels to below 1e-8 of them (or to an exact 0: the tail of a
polynomial). A coefficient beyond the doubles' range must come out inf or NaN.

Known misses of the new kernels are marked xfail(strict=True) in KNOWN with the measured
error; they are the kernels' to fix, not the tolerances'.
"""
import functools
import math

import mpmath
import numpy as np
import pytest
import scipy.special as sc
from mpmath import mp, mpf

import dualnum as dn
from dualnum import _taylor, rules
from references import BINARY as REF2
from references import UNARY as REF1
from rule_calls import parameters

ORDER = 20
REL = 1e-13                   # the target, for well-conditioned coefficients
KAPPA = 1e2                   # the largest condition number judged well conditioned
TINY = 1e-8                   # below TINY * E_k a coefficient is a cancellation
EPS = 2.0 ** -52
DBL_MAX = np.finfo(float).max
WORK = 80                     # digits of the reference evaluations
GENERAL = (0.3, -0.2, 0.1)    # the coefficients 1..3 of the general input series
GENERAL_Y = (-0.25, 0.15, 0.05)

# Parameters, as the generic rule tests take them (tests/test_rules.py): the defaults and
# the first moved to 0.2 (to 2 for polygamma's integer order), the exponents and bases of
# `x ** c` and `c ** x`.
MOVED = {"polygamma": 2.0}
EXPONENTS = (2.0, 0.5, -1.5, 3.0, 0.0, 1.0)
BASES = (2.0, 0.5, 3.0, 1.0, 10.0)


def parameter_sets(rule):
    if rule.name == "power_constant_exponent":
        return [(c,) for c in EXPONENTS]
    if rule.name == "power_constant_base":
        return [(c,) for c in BASES]
    if not rule.params:
        return [()]
    defaults = tuple(float(p) for p in parameters(rule))
    return [defaults, (MOVED.get(rule.name, 0.2),) + defaults[1:]]


UNARY_CASES = [(r.name, ps, x0) for r in rules.UNARY for ps in parameter_sets(r)
               for x0 in r.samples]
BINARY_CASES = [(r.name, x0, y0) for r in rules.BINARY for x0, y0 in r.samples]


def case_id(case):
    name, *rest = case
    return "-".join([name] + [repr(v) for v in rest])


# ---------------------------------------------------------------- the reference series
class Refused(Exception):
    """g has no value at a point of the interval (outside its domain, or not real)."""


@functools.lru_cache(maxsize=None)
def _grid(n):
    """Chebyshev points cos(pi (j + 1/2) / n) and the cosines of the transform."""
    with mp.workdps(WORK):
        s = [mpmath.cospi((mpf(j) + 0.5) / n) for j in range(n)]
        cos = [[mpmath.cospi(k * (mpf(j) + 0.5) / n) for j in range(n)] for k in range(n)]
    return s, cos


@functools.lru_cache(maxsize=None)
def _monomials(n, m):
    """[s^i] T_k(s), the Chebyshev polynomials' coefficients, for k < n and i < m."""
    rows = [[1] + [0] * (m - 1), [0, 1] + [0] * (m - 2)]
    while len(rows) < n:
        a, b = rows[-1], rows[-2]
        rows.append([2 * (a[i - 1] if i else 0) - b[i] for i in range(m)])
    return rows[:n]


def _values(g, h, n, known=None):
    """g at the n Chebyshev points of [-h, h], the ends first (where a domain ends); known:
    its values at the n/3 points, which are among them (j = 3i + 1)."""
    s, _ = _grid(n)
    out = [None] * n
    for i, y in enumerate(known or ()):
        out[3 * i + 1] = y
    for j in sorted(range(n), key=lambda j: -abs(2 * j - n + 1)):
        if out[j] is not None:
            continue
        try:
            y = g(h * s[j])
        except (ValueError, ZeroDivisionError, TypeError) as e:
            raise Refused(str(e)) from None
        if not all(isinstance(v, mpf) and mpmath.isfinite(v) for v in y):
            raise Refused("value %r" % (y,))
        out[j] = y
    return out


def _chebyshev(values, n):
    _, cos = _grid(n)
    c = [2 * mpmath.fsum(v * w for v, w in zip(values, cos[k])) / n for k in range(n)]
    c[0] /= 2
    return c


PROBE, NODES = 24, 72


def reference_taylor(g, m, h, floors):
    """Taylor coefficients 0..m-1 at 0 of each component of g (a function of t returning a
    tuple of mpf) and bounds of their errors, from its interpolant at 72 Chebyshev points of
    [-h, h] expanded at 0. h is halved until the interpolant's coefficients fall below
    floors[i] (relative to the values) by the last 12 of them: their largest there, the
    noise, bounds what the expansion carries into each Taylor coefficient (the sum of the
    Chebyshev polynomials' |monomial coefficients| over those in use). A 24-point probe (its
    points among the 72) first checks the decay that this needs."""
    h = mpf(h)
    with mp.workdps(WORK):
        for _ in range(300):
            try:
                probe = _values(g, h, PROBE)
                if any(max(abs(v) for v in _chebyshev(c, PROBE)[-4:])
                       > 1e-18 * (max(abs(v) for v in c) or 1) for c in zip(*probe)):
                    h /= 2
                    continue
                values = _values(g, h, NODES, probe)
            except Refused:
                h /= 2
                continue
            results = []
            for c, floor in zip(zip(*values), floors):
                cs = _chebyshev(c, NODES)
                noise = max(abs(v) for v in cs[-12:])
                if noise > floor * (max(abs(v) for v in c) or 1):
                    break
                used = max([k + 1 for k in range(NODES) if abs(cs[k]) > 100 * noise] or [1])
                a = _monomials(NODES, m)
                t = [mpmath.fsum(cs[k] * a[k][i] for k in range(used)) / h ** i
                     for i in range(m)]
                e = [100 * noise * sum(abs(a[k][i]) for k in range(min(used + 8, NODES)))
                     / h ** i for i in range(m)]
                # a coefficient within its error bound of 0 is 0 (a polynomial's tail)
                results.append(([0 if abs(x) <= 4 * y else x for x, y in zip(t, e)], e))
            else:
                return results
            h /= 2
    raise Refused("no interval around the point where the reference is analytic")


def _poly(coefficients, t):
    return mpmath.fsum(c * t ** j for j, c in enumerate(coefficients))


def _derivative(series):
    return [(j + 1) * series[j + 1] for j in range(len(series) - 1)]


def _divide(a, b):
    """The series a / b (b_0 != 0), as long as a."""
    q = []
    for k in range(len(a)):
        q.append((a[k] - mpmath.fsum(q[j] * b[k - j] for j in range(k) if k - j < len(b)))
                 / b[0])
    return q


class Reference:
    """The reference coefficients t_0..t_ORDER of f(u(t)), their error bounds and, per
    coefficient, its sensitivity sum_j |u_j| |d t_k / d u_j| and envelope E_k."""

    def __init__(self, t, err, partials, inputs):
        self.t = [float(x) for x in t[:ORDER + 1]]
        self.exact = t[:ORDER + 1]
        self.err = err[:ORDER + 1]
        self.sensitivity = []
        for k in range(ORDER + 1):
            s = 0
            for phi, u in zip(partials, inputs):
                s += mpmath.fsum(abs(u[j]) * abs(phi[k - j]) for j in range(len(u)) if j <= k)
            self.sensitivity.append(s)
        nonzero = [j for j in range(len(t)) if t[j]]
        ratios = [abs(t[j] / t[j + 1]) for j in nonzero if j + 1 in nonzero]
        upper = [abs(t[j] / t[j + 1]) for j in nonzero if j + 1 in nonzero and j >= ORDER // 2]
        r = sorted(upper or ratios or [mpf(1)])[len(upper or ratios or [1]) // 2]
        self.envelope = [max([abs(t[j]) * r ** (j - k) for j in nonzero] or [mpf(0)])
                         for k in range(ORDER + 1)]

    def kappa(self, k):
        return self.sensitivity[k] / abs(self.exact[k]) if self.exact[k] else mpmath.inf

    def tiny(self, k):
        return k > 0 and abs(self.exact[k]) < TINY * self.envelope[k]

    def well_conditioned(self, k):
        t = abs(self.exact[k])
        return t != 0 and self.sensitivity[k] <= KAPPA * t and not self.tiny(k)

    def tolerance(self, k):
        t = abs(self.exact[k])
        if self.well_conditioned(k):
            return REL * t
        return (REL * t + 8 * EPS * self.sensitivity[k]
                + (8 * EPS * self.envelope[k] if self.tiny(k) else 0))


def variable(x0, slope=1.0):
    """The input series x0 + slope t, as a tuple of its coefficients."""
    return (float(x0), slope)


def general(x0, slopes=GENERAL):
    """The general input series x0 + 0.3 t - 0.2 t^2 + 0.1 t^3 (or with other slopes)."""
    return (float(x0),) + slopes


@functools.lru_cache(maxsize=None)
def unary_reference(name, params, u):
    """The Reference of f(u(t)), f the entry's reference with the parameters params, u the
    input's coefficients (a tuple of floats, u_1 != 0)."""
    assert name in REF1, "%s has no reference in tests/references.py" % name
    f, ps, u = REF1[name], [mpf(p) for p in params], [mpf(c) for c in u]
    [(t, err)] = reference_taylor(lambda s: (f(_poly(u, s), *ps),), ORDER + 2,
                                  max(1.0, abs(u[0])) / 4 / abs(u[1]), [1e-60])
    # f'(u(t)) = g'(t) / u'(t)
    phi = _divide(_derivative(t), _derivative(u))
    return Reference(t, err, [phi], [u])


@functools.lru_cache(maxsize=None)
def binary_reference(name, a, b):
    """The Reference of f(a(t), b(t)) (a_1 != 0); f_y(a, b) from the reference at
    b + delta, f_x from g' = f_x a' + f_y b'."""
    assert name in REF2, "%s has no reference in tests/references.py" % name
    f, a, b = REF2[name], [mpf(c) for c in a], [mpf(c) for c in b]
    delta = mpf(10) ** -20 * max(1, abs(b[0]))

    def g(s):
        # the difference at 25 more digits, which it loses
        with mp.workdps(WORK + 25):
            x, y = _poly(a, s), _poly(b, s)
            value = f(x, y)
            slope = (f(x, y + delta) - value) / delta
        return +value, +slope

    (t, err), (fy, _) = reference_taylor(
        g, ORDER + 2, max(1.0, abs(a[0]), abs(b[0])) / 4 / max(abs(a[1]), abs(b[1])),
        [1e-60, 1e-30])
    dg, da, db = _derivative(t), _derivative(a), _derivative(b)
    fyb = [mpmath.fsum(fy[j] * db[k - j] for j in range(k + 1) if k - j < len(db))
           for k in range(len(dg))]
    fx = _divide([p - q for p, q in zip(dg, fyb)], da)
    return Reference(t, err, [fx, fy], [a, b])


# ---------------------------------------------------------------- the kernels' series
def series(coefficients, order=ORDER):
    """A one-element series (shape (order + 1, 1)) with the given leading coefficients."""
    u = np.zeros((order + 1, 1))
    u[:len(coefficients), 0] = coefficients
    return u


@functools.lru_cache(maxsize=None)
def unary_kernel(name, params, u):
    out, short, broken = _taylor.unary(name, series(u), *params)
    return out[:, 0], short, broken


@functools.lru_cache(maxsize=None)
def binary_kernel(name, a, b):
    out, short, broken = _taylor.binary(name, series(a), series(b))
    return out[:, 0], short, broken


def check(got, ref, k, label):
    want, tol = ref.exact[k], ref.tolerance(k)
    assert ref.err[k] <= 1e-3 * tol or not want and ref.err[k] <= 1e-30, (
        "%s, order %d: the reference is not resolved (error %.2g, tolerance %.2g)"
        % (label, k, float(ref.err[k]), float(tol)))
    if abs(want) > DBL_MAX:
        # beyond the doubles (erfcinv next to 0): an overflow, inf or NaN after it
        assert not math.isfinite(got), (label, k, got)
        return
    error = abs(mpf(float(got)) - want) if math.isfinite(got) else mpmath.inf
    assert error <= tol, (
        "%s, order %d: got %r, want %s: error %.3g, relative %.3g, kappa %.3g, %s conditioned"
        % (label, k, float(got), mpmath.nstr(want, 17), float(error),
           float(error / abs(want)) if want else math.inf, float(ref.kappa(k)),
           "well" if ref.well_conditioned(k) else "ill"))


# Known misses of the new kernels: (kind, case), {order: measured relative error, or for an
# exact 0 minus the error in units of eps E_k}, and the cause, from the kernel's taylor field.
WHY = {
    "ive": "below |x0| = 5 the point's power series times e^-x, which cancel more for larger "
           "v (4e-9 at v = 20, x0 = 4.9); from "
           "5 on Cauchy's integral on a circle (taylor_cauchy.h), whose values (SciPy's "
           "complex ive) vary most for large v (2e-11 at v = 20, x0 = 6)",
    "jv": "the Bessel ODE's recurrence past the point's power series (|x0| >= 5): the top "
          "orders lose, most where v > x0 (J_v is then the ODE's smaller solution: 6e-8 at "
          "v = 7, x0 = 5); below 5 the series' alternating terms",
    "j1": "as jv: the recurrence from |x0| = 5 on, the alternating power series below",
    "iv": "the Bessel ODE's recurrence from |x0| = 10 on, at a large order v (20 at 10)",
    "log_ndtr": "Cauchy's integral of log w (taylor_cauchy.h), from Faddeeva's w of SciPy: "
                "a few hundred ulps at the top orders",
    "logaddexp2": "the ODE's exp(ln 2 (x - g)): x - g cancels (g = x + 2.6e-14 at "
                  "(30, -1.3)) and its error doubles per order",
    "power": "exp(y log x): at x0 = 0.4 log's coefficients grow as 2.5^k, and the product "
             "y log x and exp's recurrence sum terms of both signs",
    "rgamma": "below 10, x (x+1) ... (x+n-1) / Gamma(x+n): the polynomial's coefficients and "
              "1/Gamma's at x + n have mixed signs, and their products cancel at the top "
              "orders",
    "sinc": "sin(pi u) / (pi u) by the quotient's recurrence: pi u_0 rounds and the top "
            "orders' terms cancel",
}
KNOWN_MISSES = [
    (('variable', 'jv', (7.0,), 5.0), {
        11: 2e-13, 12: 7.4e-13, 13: 2.9e-12, 14: 8.6e-12, 15: 4.9e-11, 16: 1.3e-10, 17: 1e-09,
        18: 2.6e-09, 19: 2.5e-08, 20: 6.2e-08}, 'jv'),
    (('variable', 'jv', (20.0,), 10.0), {
        12: 2e-13, 13: 1.5e-13, 14: 6e-13, 15: 4.2e-12, 16: 4.2e-12, 17: 2.7e-11, 18: 6.6e-11,
        19: 1.5e-10, 20: 1.1e-08}, 'jv'),
    (('variable', 'iv', (20.0,), 10.0), {
        16: 1.6e-13, 17: 4.5e-13, 18: 1.3e-12, 19: 4e-12, 20: 1.3e-11}, 'iv'),
    (('variable', 'ive', (2.5,), 4.9), {
        6: 2.9e-12, 7: 1e-12, 8: 3e-13, 9: 4.6e-13, 10: 1.4e-12, 11: 2.6e-12, 12: 4.5e-12,
        13: 1.2e-11, 14: 1.3e-10, 15: 8.9e-12, 16: 4.7e-12, 17: 2.5e-12, 18: 1.7e-12,
        19: 7.2e-13, 20: 5.5e-13}, 'ive'),
    (('variable', 'ive', (20.0,), 4.9), {
        10: 4.7e-13, 11: 1.2e-12, 12: 1.5e-10, 13: 1.7e-11, 14: 3.1e-10, 15: 2.1e-10, 16: 4e-09,
        17: 7.2e-10, 18: 2.8e-09, 19: 3.4e-09, 20: 3.7e-09}, 'ive'),
    (('variable', 'sinc', (), 2.01), {
        15: 1.6e-13, 16: 1.4e-13, 17: 1.3e-12, 18: 1.2e-12, 19: 1.4e-11, 20: 1.3e-11}, 'sinc'),
    (('variable', 'log_ndtr', (), -0.5), {20: 4.2e-13}, 'log_ndtr'),
    (('variable', 'j1', (), 4.999), {13: 8.8e-13, 14: 1e-13, 15: 5.9e-13, 17: 2.1e-13}, 'j1'),
    (('variable', 'j1', (), 5.0), {
        17: 6.2e-13, 18: 6.7e-13, 19: 2.6e-11, 20: 2e-11}, 'j1'),
    (('variable', 'j1', (), -5.0), {
        17: 6.2e-13, 18: 6.7e-13, 19: 2.6e-11, 20: 2e-11}, 'j1'),
    (('variable', 'jv', (0.2,), 4.999), {4: 1.2e-13, 6: 1.5e-13}, 'jv'),
    (('variable', 'ive', (0.0,), 4.999), {
        6: 1.4e-13, 9: 1.1e-13, 11: 5.6e-13, 12: 2.5e-13, 13: 3.6e-13, 14: 3.2e-13, 16: 2e-13,
        18: 1.8e-13, 19: 3e-13, 20: 4e-13}, 'ive'),
    (('variable', 'ive', (0.0,), 5.0), {19: 1.1e-13}, 'ive'),
    (('variable', 'ive', (0.2,), 8.0), {
        16: 1.1e-13, 17: 1.4e-13, 18: 2.9e-12, 19: 2.9e-13, 20: 1.5e-13}, 'ive'),
    (('variable', 'ive', (20.0,), 6.0), {17: 1.7e-12, 18: 3.8e-12, 20: 1.9e-11}, 'ive'),
    (('variable', 'ive', (40.0,), 12.0), {3: 3.5e-13, 20: 1.2e-13}, 'ive'),
    (('variable', 'ive', (0.0,), 4.0), {
        7: 1.3e-13, 8: 2.2e-13, 9: 2.5e-13, 10: 2.6e-13, 11: 2.5e-13, 12: 2.8e-13, 13: 2.5e-13,
        14: 3e-13, 15: 2.8e-13, 16: 2.4e-13, 17: 2.6e-13, 18: 3e-13, 19: 2.4e-13, 20: 2.3e-13},
     'ive'),
    (('variable', 'ive', (0.2,), 4.0), {
        5: 1e-13, 6: 1.5e-13, 7: 1.2e-13, 8: 3.5e-13, 9: 7.7e-13, 10: 7.7e-13, 11: 2.3e-13}, 'ive'),
    (('variable', 'jv', (0.0,), 5.5), {
        18: 1.8e-13, 19: 4.6e-13, 20: 2.1e-12}, 'jv'),
    (('variable', 'logaddexp2', 30.0, -1.3), {
        10: 1e-13, 11: 2e-13, 12: 4.1e-13, 13: 8.1e-13, 14: 1.6e-12, 15: 3.2e-12, 16: 6.5e-12,
        17: 1.3e-11, 18: 2.6e-11, 19: 5.2e-11, 20: 1e-10}, 'logaddexp2'),
    (('general', 'power', 0.4, 2.5), {
        12: 8.6e-13, 13: 6.8e-13, 14: 8.7e-13, 15: 1.6e-13, 16: 5.3e-13, 17: 1.1e-12, 18:
        6.3e-13, 19: 2.1e-12, 20: 1.5e-12}, 'power'),
    (('variable', 'power', 0.4, 2.5), {
        10: 1.4e-13, 12: 3.8e-13, 13: 2.3e-13, 14: 5.2e-13, 15: 1.2e-13, 16: 4.7e-13, 17:
        1.6e-13, 18: 1e-12, 19: 8.9e-13, 20: 3.9e-13}, 'power'),
    (('general', 'rgamma', (), 0.3), {
        16: 4.4e-13, 17: 1.1e-13, 20: 1.1e-13}, 'rgamma'),
    (('variable', 'rgamma', (), -2.5), {
        20: 2.1e-13}, 'rgamma'),
    (('variable', 'rgamma', (), 0.3), {
        10: 1.1e-13, 11: 4e-13, 13: 2.5e-13, 14: 4.5e-13, 16: 3.8e-13, 17: 2e-12, 18: 1.6e-13},
     'rgamma'),
    (('variable', 'rgamma', (), 1.7), {
        9: 1.9e-13, 10: 1.3e-11, 12: 2.9e-13, 13: 3.3e-13, 14: 1.3e-13, 15: 1.1e-13, 16: 5e-13,
        18: 1e-13, 19: 1.1e-13}, 'rgamma'),
    (('variable', 'sinc', (), -2.7), {
        20: 4.6e-13}, 'sinc'),
]
KNOWN = {key + (k,): "measured %s %.2g: %s" % (
    "relative error" if e > 0 else "error / (eps E_k)", abs(e), WHY[why])
         for key, errors, why in KNOWN_MISSES for k, e in errors.items()}


def cases_by_order(kind, cases):
    for case in cases:
        for k in range(ORDER + 1):
            reason = KNOWN.get((kind,) + case + (k,))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(*case, k, marks=marks, id="%s-k%d" % (case_id(case), k))


def test_every_entry_has_a_kernel_and_a_reference():
    assert {r.name for r in rules.UNARY} == set(_taylor.UNARY_RULES) <= set(REF1)
    assert {r.name for r in rules.BINARY} == set(_taylor.BINARY_RULES) <= set(REF2)


# ---------------------------------------------------------------- every entry, every order
# The general input at each entry's second sample (each sample costs the reference's
# evaluations again); the variable at every sample.
UNARY_GENERAL = [(r.name, ps, r.samples[1]) for r in rules.UNARY for ps in parameter_sets(r)]


@pytest.mark.parametrize("name, params, x0, k", list(cases_by_order("variable", UNARY_CASES)))
def test_unary_variable(name, params, x0, k):
    got, short, broken = unary_kernel(name, params, variable(x0))
    assert (short, broken) == (0, False)
    check(got[k], unary_reference(name, params, variable(x0)), k,
          "%s%s of x0 + t at %r" % (name, params, x0))


@pytest.mark.parametrize("name, params, x0, k", list(cases_by_order("general", UNARY_GENERAL)))
def test_unary_general(name, params, x0, k):
    got, short, broken = unary_kernel(name, params, general(x0))
    assert (short, broken) == (0, False)
    check(got[k], unary_reference(name, params, general(x0)), k,
          "%s%s of the general series at %r" % (name, params, x0))


@pytest.mark.parametrize("name, x0, y0, k", list(cases_by_order("variable", BINARY_CASES)))
def test_binary_variable(name, x0, y0, k):
    a, b = variable(x0), variable(y0, 0.5)
    got, short, broken = binary_kernel(name, a, b)
    assert (short, broken) == (0, False)
    check(got[k], binary_reference(name, a, b), k,
          "%s of x0 + t, y0 + t/2 at %r, %r" % (name, x0, y0))


@pytest.mark.parametrize("name, x0, y0, k", list(cases_by_order("general", BINARY_CASES)))
def test_binary_general(name, x0, y0, k):
    a, b = general(x0), general(y0, GENERAL_Y)
    got, short, broken = binary_kernel(name, a, b)
    assert (short, broken) == (0, False)
    check(got[k], binary_reference(name, a, b), k,
          "%s of the general series at %r, %r" % (name, x0, y0))


CROSS_CHECKS = [("exp", (), variable(0.5)), ("arctan", (), general(0.8)),
                ("gamma", (), variable(1.7)), ("betainc", (0.2, 1.0), variable(0.3)),
                ("erfinv", (), general(0.5))]


@pytest.mark.parametrize("name, params, u", CROSS_CHECKS)
def test_references_agree_with_mpmath_taylor(name, params, u):
    """The interpolated reference against mpmath.taylor (finite differences at 4000 bits),
    where that is quick: within 1e-3 of the tolerance at every order."""
    ref = unary_reference(name, params, u)
    f, ps, u = REF1[name], [mpf(p) for p in params], [mpf(c) for c in u]
    want = mpmath.taylor(lambda s: f(_poly(u, s), *ps), 0, ORDER)
    for k in range(ORDER + 1):
        assert abs(want[k] - ref.exact[k]) <= 1e-3 * ref.tolerance(k), (name, k)


def test_binary_reference_agrees_with_mpmath_taylor():
    a, b = general(0.4), general(2.5, GENERAL_Y)
    ref = binary_reference("arctan2", a, b)
    a, b = [mpf(c) for c in a], [mpf(c) for c in b]
    want = mpmath.taylor(lambda s: mpmath.atan2(_poly(a, s), _poly(b, s)), 0, ORDER)
    for k in range(ORDER + 1):
        assert abs(want[k] - ref.exact[k]) <= 1e-3 * ref.tolerance(k), k


# ---------------------------------------------------------------- edge cases of the contract
NAN = float("nan")


def unary_edge(name, u, p=0.0, order=ORDER):
    out, short, broken = _taylor.unary(name, series(u, order), p)
    return out[:, 0], short, broken


def same(got, want):
    """Equal coefficients, NaN where want has NaN (bit patterns aside)."""
    want = np.array(want + [0.0] * (len(got) - len(want)))
    assert np.array_equal(got, want, equal_nan=True), (got, want)


@pytest.mark.parametrize("p, want", [(1.0, [0.0, 1.0]), (2.0, [0.0, 0.0, 1.0]),
                                     (3.0, [0.0, 0.0, 0.0, 1.0])])
def test_integer_powers_of_t_are_exact(p, want):
    got, short, broken = unary_edge("power_constant_exponent", (0.0, 1.0), p)
    same(got, want)
    assert (short, broken) == (0, False)


SERIES = (1.5, 0.5, -0.25, 0.125)   # nonzero at the point
INTEGER_POWERS = [("power_constant_exponent", (p,), SERIES) for p in (1.0, 2.0, 3.0, -1.0)]


@pytest.mark.parametrize("name, params, u, k", list(cases_by_order("series", INTEGER_POWERS)))
def test_integer_powers_of_a_series(name, params, u, k):
    """u ** p, p = 1, 2, 3 (polynomials, exactly 0 above degree 3p) and -1."""
    got, short, broken = unary_kernel(name, params, u)
    assert (short, broken) == (0, False)
    check(got[k], unary_reference(name, params, u), k, "u ** %r" % params)


def test_a_power_with_a_taylor_series_at_a_leading_zero():
    """(t^4)^(1/2) = t^2 and (t^4)^(3/2) = t^6: smooth, exact; t^4 known to order d leaves
    (t^4 v)^(1/2) = t^2 v^(1/2) known to order d - 2 only: `short` orders are missing there
    (NaN), and an input longer by `short` orders gives them."""
    got, short, broken = unary_edge("power_constant_exponent", (0.0, 0.0, 0.0, 0.0, 1.0), 1.5)
    same(got, [0.0] * 6 + [1.0])
    assert (short, broken) == (0, False)
    for name in ("power_constant_exponent", "sqrt"):
        got, short, broken = unary_edge(name, (0.0, 0.0, 0.0, 0.0, 1.0), 0.5)
        same(got, [0.0, 0.0, 1.0] + [0.0] * (ORDER - 4) + [NAN, NAN])
        assert (short, broken) == (2, False)
        longer, short, broken = unary_edge(name, (0.0, 0.0, 0.0, 0.0, 1.0), 0.5, ORDER + 2)
        same(longer[:ORDER + 1], [0.0, 0.0, 1.0])
        assert broken is False


@pytest.mark.parametrize("name, p, u", [
    ("power_constant_exponent", 1.5, (0.0, 0.0, 1.0)),        # |t|^3
    ("power_constant_exponent", 0.5, (0.0, 0.0, 1.0)),        # |t|
    ("sqrt", 0.0, (0.0, 0.0, 1.0)),                          # |t|
    ("sqrt", 0.0, (0.0, 0.0, 1.0, 2.0, 1.0)),                # |t (1 + t)|
])
def test_a_power_without_a_taylor_series_is_broken(name, p, u):
    """u = t^2 v, v > 0: u^p = |t|^(2p) v^p has no Taylor series where 2p is not an even
    integer. The coefficients below 2p are 0; that of an odd integer 2p is the mean of the
    sides' (0, the table's convention at a kink); the rest NaN."""
    e = 2 * (p or 0.5)
    got, short, broken = unary_edge(name, u, p)
    assert broken is True and short == 0
    assert np.all(got[:int(e) + 1] == 0.0) and np.all(np.isnan(got[int(e) + 1:])), got


@pytest.mark.parametrize("name, alpha, below, above", [
    ("absolute", 0.0, -1.0, 1.0), ("relu", 0.0, 0.0, 1.0), ("leaky_relu", 0.2, 0.2, 1.0)])
def test_kinks_reached_at_the_point(name, alpha, below, above):
    """-t^2 stays below the kink: one piece, exact. t crosses it: coefficient 1 is the mean
    slope (the table's convention), the higher ones do not exist."""
    got, short, broken = unary_edge(name, (0.0, 0.0, -1.0), alpha)
    same(got, [0.0, 0.0, -below])
    assert (short, broken) == (0, False)
    got, short, broken = unary_edge(name, (0.0, 1.0), alpha)
    same(got, [0.0, (below + above) / 2] + [NAN] * (ORDER - 1))
    assert (short, broken) == (0, True)


def test_maximum_and_minimum_at_a_tie():
    t, square = series((0.0, 1.0)), series((0.0, 0.0, 1.0))
    out, short, broken = _taylor.binary("maximum", square, -square)
    same(out[:, 0], [0.0, 0.0, 1.0])
    assert (short, broken) == (0, False)
    for name in ("maximum", "minimum"):
        out, short, broken = _taylor.binary(name, t, -t)
        same(out[:, 0], [0.0, 0.0] + [NAN] * (ORDER - 1))
        assert (short, broken) == (0, True)


@pytest.mark.parametrize("name, params, x0", [(r.name, ps, r.samples[0]) for r in rules.UNARY
                                              for ps in parameter_sets(r)])
def test_a_constant_series_is_constant(name, params, x0):
    """u = [x0, 0, ...] gives [f(x0), 0, ...]: the value of x0 + t's series, zeros above."""
    got, short, broken = unary_kernel(name, params, (float(x0),))
    assert (short, broken) == (0, False)
    assert got[0] == unary_kernel(name, params, variable(x0))[0][0]
    assert np.all(got[1:] == 0.0), got


@pytest.mark.parametrize("name, x0, y0", [(r.name,) + r.samples[0] for r in rules.BINARY])
def test_constant_series_of_two_arguments(name, x0, y0):
    got, short, broken = binary_kernel(name, (float(x0),), (float(y0),))
    assert (short, broken) == (0, False)
    assert got[0] == binary_kernel(name, variable(x0), variable(y0, 0.5))[0][0]
    assert np.all(got[1:] == 0.0), got


# ---------------------------------------------------------------- the same bits everywhere
def bits(a):
    return np.ascontiguousarray(a).view(np.int64)


SAME_BITS_UNARY = [("sin", ()), ("tan", ()), ("erf", ()), ("gamma", ()), ("kv", (0.2,)),
                   ("jv", (0.0,)), ("betainc", (0.2, 1.0)), ("polygamma", (2.0,)),
                   ("power_constant_exponent", (-1.5,)), ("sqrt", ())]


@pytest.mark.parametrize("name, params", SAME_BITS_UNARY)
def test_an_element_has_the_same_bits_wherever_it_is(name, params):
    """A series of 1000 elements (x0 over the entry's samples, a general series) gives each
    element exactly the bits of its own one-element call: across the kernels' blocks of 256
    and the point-dependent branches (jv's power series below |x0| = 5)."""
    samples = next(r.samples for r in rules.UNARY if r.name == name)
    x0 = np.linspace(min(samples), max(samples), 1000)
    u = np.zeros((ORDER + 1, x0.size))
    u[0], u[1:4] = x0, np.array(GENERAL)[:, None]
    whole = _taylor.unary(name, u, *params)[0]
    for i in range(x0.size):
        alone = _taylor.unary(name, u[:, i:i + 1], *params)[0]
        assert np.array_equal(bits(whole[:, i]), bits(alone[:, 0])), (name, i, x0[i])


@pytest.mark.parametrize("name", ["arctan2", "beta", "power", "logaddexp", "maximum"])
def test_two_argument_elements_have_the_same_bits_wherever_they_are(name):
    samples = next(r.samples for r in rules.BINARY if r.name == name)
    xs, ys = zip(*samples)
    a, b = np.zeros((ORDER + 1, 1000)), np.zeros((ORDER + 1, 1000))
    a[0], b[0] = np.linspace(min(xs), max(xs), 1000), np.linspace(max(ys), min(ys), 1000)
    a[1:4], b[1:4] = np.array(GENERAL)[:, None], np.array(GENERAL_Y)[:, None]
    whole = _taylor.binary(name, a, b)[0]
    for i in range(1000):
        alone = _taylor.binary(name, a[:, i:i + 1], b[:, i:i + 1])[0]
        assert np.array_equal(bits(whole[:, i]), bits(alone[:, 0])), (name, i)


@pytest.mark.parametrize("distance", [1e-9, 1e-6, 1e-3, 1e-2, 0.2499, 0.2501, -1e-6, -0.2499])
def test_beta_next_to_a_zero_of_one_over_gamma_of_the_sum(distance):
    """beta(x, 1.3) with x + 1.3 next to -6: there the ODE in digamma(x + y) met its pole
    (orders 3-5 off by 1e10-1e27 at 1e-9); the series R(x + y) / (R(x) R(y)), R = 1/Gamma,
    within 0.25 of the zero, the ODE beyond (both sides of the hand-over here), against
    mpmath's Taylor coefficients of the same double x0. Coefficient 0 is conditioned by the
    rounding of x0 + 1.3 (its relative error eps |x0| / distance); the others by 1e-13."""
    x0 = -7.3 + distance
    got = dn.taylor(lambda t: sc.beta(t, 1.3), x0, 12)
    with mpmath.workdps(60):
        want = np.array([float(c) for c in mpmath.taylor(
            lambda t: mpmath.beta(t, mpmath.mpf(1.3)), mpmath.mpf(x0), 12)])
    error = np.abs(got - want) / np.abs(want)
    assert error[0] <= 4 * np.finfo(float).eps * 7.3 / abs(distance)
    assert np.all(error[1:] <= 1e-13), error


# ---------------------------------------------------------------- Cauchy's integral
# Where an ODE's recurrence loses digits at each order (taylor_cauchy.h): log_ndtr below
# x0 = 1 and ive from |x0| = 5 take their coefficients past 2 from the circle; next to each
# hand-over, on both sides, and far out; ive's large orders v.
CIRCLE_CASES = [("log_ndtr", (), x0) for x0 in (0.999, 1.001, -1.0, -2.0, -3.0, -5.5, -8.0,
                                                -1e3)] + [
    ("ive", (v,), x0) for v, x0 in ((0.0, 4.999), (0.0, 5.0), (0.2, 8.0), (3.0, -30.0),
                                    (3.0, 5.9), (0.5, 300.0), (20.0, 39.0), (20.0, 6.0),
                                    (40.0, 12.0))]
# And both sides of where the point's expansion hands over to a recurrence (|x0| = 10 for
# I_v, 5 for J_v, 2 for sinc).
# And integer parameters of the incomplete gamma and beta functions, whose integrands are
# polynomials times a series (exp((a - 1) log x) lost x0^-k per order: 1e19 at order 20 for
# betainc(5, 5, t) at 0.1), an integer power beside them; and the measured misses the README
# names (jv, iv and ive at large orders v; sinc just past its hand-over; log_ndtr at -0.5).
PARAMETER_CASES = [("betainc", (5.0, 5.0), 0.1), ("betainc", (2.0, 3.0), 0.9),
                   ("betainc", (2.0, 3.0), 0.01), ("betainc", (2.0, 3.5), 0.05),
                   ("gammainc", (3.0,), 0.1), ("gammainc", (3.0,), 1.0),
                   ("gammaincc", (3.0,), 0.3), ("gammainc", (2.0,), 0.3),
                   ("power_constant_exponent", (3.0,), 0.1),
                   ("jv", (7.0,), 5.0), ("jv", (20.0,), 10.0), ("iv", (20.0,), 10.0),
                   ("ive", (2.5,), 4.9), ("ive", (20.0,), 4.9), ("sinc", (), 2.01),
                   ("log_ndtr", (), -0.5)]
HANDOVER_CASES = [(name, params, x0) for name, params, at in (
    ("i0", (), 10.0), ("i1", (), 10.0), ("iv", (0.2,), 10.0), ("j1", (), 5.0),
    ("jv", (0.2,), 5.0), ("sinc", (), 2.0)) for x0 in (at - 1e-3, at, -at)
    if not params or x0 > 0]   # x >= 0 for a non-integer v


@pytest.mark.parametrize("name, params, x0, k",
                         list(cases_by_order("variable", CIRCLE_CASES + HANDOVER_CASES
                                             + PARAMETER_CASES)))
def test_coefficients_from_the_circle(name, params, x0, k):
    got, short, broken = unary_kernel(name, params, variable(x0))
    assert (short, broken) == (0, False)
    check(got[k], unary_reference(name, params, variable(x0)), k,
          "%s%s of x0 + t at %r" % (name, params, x0))


@pytest.mark.parametrize("name, params, x0", [("log_ndtr", (), -40.0), ("ive", (0.2,), 30.0)])
def test_the_circle_keeps_the_rules_first_coefficients(name, params, x0):
    """Orders 0..2 at order 20 (the circle's series) are the bits of order 2 (the rule's
    chain rule): the circle's own first coefficients are replaced by the rule's."""
    high = unary_kernel(name, params, variable(x0))[0]
    low = _taylor.unary(name, series(variable(x0), 2), *params)[0][:, 0]
    assert np.array_equal(bits(high[:3]), bits(low))
