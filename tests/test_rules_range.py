"""Every rule of the table over the whole double range, against mpmath.

For each entry of ``dualnum.rules`` (unary: g, g', g''; binary: f and its five partials) the
kernel ``dualnum.ufuncs.jet_NAME`` is evaluated at points spread over the whole double range:
subnormal, tiny, huge and near-overflow arguments of both signs, plus a few edges per rule
(next to domain ends, poles, the overflow and underflow of the value). The scalar types and
the array kernels share these C rule functions, so this covers both; the NumPy twins
(``dualnum._jets``) are swept over the same points.

The reference of every part is the plain mathematical function of ``tests/references.py``
at the exact double point, differentiated by ``mpmath.diff`` at a precision chosen from the
magnitudes involved (enough to resolve a part down to the smallest subnormal). A part whose
true value is

  * a normal double must come out within ULPS ulps (a rule that cannot reach that says why
    in its comment, and BOUNDS holds the bound it does reach);
  * beyond the largest double (a true overflow) must come out as an infinity of its sign,
    or a finite number of the top binade;
  * below the smallest normal double (a true underflow) must come out as 0 or a subnormal
    of its sign, never as NaN or infinity;
  * exactly 0 (a locally constant part) must come out as 0.

Points outside a rule's domain (where the reference is complex or undefined) are skipped.
"""
import functools
import math
import operator

import mpmath
import numpy as np
import pytest
from mpmath import mp, mpf

import dualnum as dn
from dualnum import _jets, rules, ufuncs
from dualnum.arrays.elementwise import EVERY_TWIN
from references import BINARY as REF2
from references import UNARY as REF1

ULPS = 8
TWIN_ULPS = 16   # NumPy's SIMD loops are within 4 ulps; a twin part combines a few of them
DBL_MAX = float(np.finfo(float).max)
DBL_MIN = float(np.finfo(float).tiny)
TOP_BINADE = 2.0 ** 1023

# Magnitudes swept for every rule, with both signs: subnormal, tiny, ordinary, huge, next to
# the overflow of x**2 (1.34e154) and of the double range itself.
MAGNITUDES = (5e-324, 1e-310, 2.3e-308, 1e-300, 1e-160, 1e-20, 0.3, 1.5, 7.25, 1e8, 1e20,
              1.3e154, 1.4e154, 1e300, 1.7e308)
BINARY_MAGNITUDES = (5e-324, 1e-300, 1e-160, 0.7, 3.0, 1e160, 1.7e308)
# logaddexp(2) at huge negative arguments costs mpmath seconds (exp(-1e308) at 2000 bits); its
# partials there are 1/2 or far below the double range (x - y is 0 or > 1e290).
BINARY_MAGNITUDES_OF = {"logaddexp": (5e-324, 1e-300, 0.7, 3.0, 30.0, 750.0, 1e20),
                        "logaddexp2": (5e-324, 1e-300, 0.7, 3.0, 30.0, 1100.0, 1e20),
                        # mpmath's beta at the subnormal and huge magnitudes costs minutes
                        "beta": (1e-5, 0.7, 3.0, 25.5, 1e5),
                        "betaln": (1e-5, 0.7, 3.0, 25.5, 1e5)}

# Extra points per rule: next to the ends of its domain, its poles, the overflow and
# underflow of its value and derivatives.
ONE_MINUS = 1.0 - 2.0 ** -53
ONE_PLUS = 1.0 + 2.0 ** -52
HALF_PI = 1.5707963267948966
EDGES = {
    "sqrt": (DBL_MIN,),
    "reciprocal": (DBL_MIN, 1.0 / DBL_MAX, 1e-103, 1.3e102),
    "exp": (-745.1, -708.5, 709.7, 709.78),
    "exp2": (-1074.5, -1022.5, 1023.9, 1024.2, 1024.5, 1025.03),
    "expm1": (-1e-300, 709.7, 709.78),
    "log": (DBL_MIN, ONE_PLUS, ONE_MINUS),
    "log2": (3e-308, 1e-308, ONE_PLUS, ONE_MINUS),
    "log10": (3e-308, 1e-308, ONE_PLUS, ONE_MINUS),
    "log1p": (-ONE_MINUS, -1.0 + 1e-10, -0.999, -1e-300),
    "tan": (HALF_PI, -HALF_PI, 1e22),
    "arcsin": (ONE_MINUS, -ONE_MINUS, 1.0 - 1e-10),
    "arccos": (ONE_MINUS, -ONE_MINUS, 1.0 - 1e-10),
    "arctan": (1e103, 1e154),
    "sinh": (710.47, 710.475, -710.475),
    "cosh": (710.47, 710.475, -710.475),
    "tanh": (354.0, 355.6, 356.0, 360.0, 380.0, -355.6),
    "arccosh": (ONE_PLUS, 1.0 + 1e-10),
    "arctanh": (ONE_MINUS, -ONE_MINUS, 1.0 - 1e-10),
    "erf": (5.9, 26.5, 26.65, 27.2),
    "erfc": (26.5, 26.55, 26.6, 26.65, 26.7, 27.2, 27.3, -5.9),
    "gamma": (-1.0 + 2.0 ** -52, -1.0 - 2.0 ** -52, -2.0 + 1e-10, -10.0 - 1e-9, -100.5,
              -170.5, -171.3, -171.5, -175.3, -180.0 + 2.0 ** -45, -184.5, -185.0 + 2.0 ** -45,
              171.6, 171.62, 1.4616321449683622),
    "lgamma": (-1.0 + 2.0 ** -52, -2.0 - 1e-10, ONE_PLUS, 2.0 - 2.0 ** -51, -2.457024738220800,
               2.5e305, 1.4616321449683622),
    "digamma": (-1.0 + 2.0 ** -52, -3.0 - 1e-10, -100.25, 1.4616321449683622),
    "sigmoid": (-745.2, -709.0, -36.8, 36.8, 37.5, 710.0, 745.2),
    "softplus": (-745.2, -709.0, -36.8, 36.8, 37.5, 710.0, 745.2),
    # x^(2^53 + 2) with x next to -1: a subnormal value, normal derivatives of either sign
    "power_constant_exponent": (-(1.0 - 7.92e-14), 1.0 - 7.92e-14),
    # the series's end (|x| = 1/2), the zeros of sin(pi x), half-integers, huge x
    "sinc": (0.49999999999999994, 0.5, 0.5000000000000001, 0.25, 1.0, -3.0, 2.5, 1e-8,
             1e15 + 0.5, 4503599627370495.5),
    "gelu": (-37.5, -37.55, -37.6, -37.7, -38.0, -38.5, 1.4142135623730951),
    "ndtr": (-36.2, -36.4, -37.5, -38.5, -40.0, 8.3, 36.4),
    "ndtri": (0.5, 0.5 + 2.0 ** -30, 0.9, 0.999, ONE_MINUS, 1e-290, 3e-308, 1e-320),
    "erfinv": (0.5, 0.5 + 2.0 ** -30, 0.999, 1.0 - 1e-10, ONE_MINUS, -ONE_MINUS),
    "erfcinv": (1e-290, 1e-305, 1e-320, 0.5, ONE_MINUS, 1.0, ONE_PLUS, 1.5, 1.999,
                2.0 - 2.0 ** -51),
    "logit": (0.25, 0.2499, 0.5, 0.5 + 2.0 ** -40, 0.75, ONE_MINUS, 1.0 - 1e-10),
    "log_expit": (-745.2, -709.0, -36.8, 36.8, 37.5, 710.0, 745.2),
    "entr": (0.25, 0.2499, 0.36787944117144233, 0.3679, 0.5, 0.5001, ONE_MINUS, 1.0,
             ONE_PLUS),
    "i0": (1e-5, 2e-5, 709.9, 713.9, 713.98, 714.0, -713.9),
    "i1": (1e-5, 2e-5, 709.9, 713.9, 713.98, 714.0, -713.9),
    # next to the zero of P'' (x = a - 1; at it, where the difference of the reference is
    # not 0, see test_the_second_derivative_of_gammainc_is_0_at_its_zero), x = a + 1 where
    # the series gives way to the continued fraction, the underflow of Q and of the
    # derivatives
    "gammainc": (2.5 + 2.0 ** -40, 49.0 - 2.0 ** -30, 0.5, 1.0, 1.5, 3.5, 4.5, 50.0, 51.0,
                 200.0, 700.0, 745.0, 760.0),
    "gammaincc": (2.5 - 2.0 ** -40, 49.0 - 2.0 ** -30, 0.5, 1.0, 1.5, 3.5, 4.5, 50.0, 51.0,
                  200.0, 700.0, 745.0, 760.0),
    # next to 1 (1 - x exact), the zero of I'' (x = 1/3 for (2, 3), 1/2 for (1/2, 1/2))
    "betainc": (ONE_MINUS, 1.0 - 2.0 ** -52, 1.0 - 1e-10, 0.5, 0.5 + 2.0 ** -40, 1.0 / 3.0,
                0.1, 0.6, 0.9, 0.99, 1e-10, 3e-8),
    # next to the zeros at -1 and -2 and the zero of r'' at 0.30214 (and the ends of its
    # series), the subnormal value of r with normal derivatives past x = 171, x -> 0, poles of
    # Gamma where r overflows and where it is finite though Gamma(1 - x) is not a double
    "rgamma": (-1.0 + 2.0 ** -52, -1.0 - 2.0 ** -52, -2.0 + 1e-10, -0.5, -1.0, -2.0, -3.0,
               0.3021417247147374, 0.15215, 0.4521, 0.999, 1.0, 1.4616321449683622, 2.0,
               171.0, 171.5, 171.62, 172.5, 178.0, 185.0, -170.5, -171.5, -175.3, -180.0,
               -172.0 + 2.0 ** -45, -184.5, -1800.5),
    # the three forms' ends (0, -8), the underflow of phi (37.5) and of log Phi itself, the
    # overflow of x^2
    "log_ndtr": (-7.999999999999999, -8.0, -8.000000000000002, -1e-300, 1e-300, 5.9, 6.1,
                 8.3, 36.4, 37.5, 37.7, 38.6, 40.0, -37.5, -1e154, -1.3407807929942596e154,
                 -1.35e154),
    # next to the switch from the series to the expansion (25, v^2) and the overflow of I_v
    # (714 for v = 0, 727 for v = 10)
    "iv": (1e-5, 2e-5, 24.99, 25.01, 99.9, 100.1, 709.9, 713.9, 714.0, 726.0, 727.0, -713.9),
    # next to the switch from the series to the expansion (x = 25 for |v| <= 5), where the
    # derivatives' terms cancel most in the series; away from the zeros of ive' and ive''
    # (README, Limitations: test_readme_limitation_ive_next_to_the_zeros_of_its_derivatives)
    # the switch from Temme's series to the fraction (x = 2), the underflow of K (705) and of
    # e^-x in long double (11000)
    "kv": (1.99, 2.0, 2.01, 1.12, 700.0, 705.0, 710.0, 745.0, 10999.0, 11001.0),
    # next to the poles, the half-integers (cot's derivatives of odd order are 0 there), the
    # zeros of psi'' at -1.4988 and -2.4994 (a thousandth off: README, Limitations), the
    # switch to the expansion (x = 16 + order), the overflow of psi^(k) ~ k!/x^(k+1) for k = 1
    # to 7, a large negative x
    "polygamma": (-1.0 + 2.0 ** -52, -1.0 - 2.0 ** -52, -3.0 - 1e-10, -2.5, -0.5, -100.25,
                  -1.4973, -2.4969, 16.9, 17.0, 18.0, 21.0, 22.0, 7.5e-155, 2.2e-103,
                  1.35e-77, 4.2e-62, 9.3e-52, 2.35e-44, 8.5e-39, -7.5e-155, -2.2e-103,
                  -1000.25, 1.4616321449683622),
    "ive": (1e-5, 2e-5, 15.0, 20.0, 24.99, 25.01, -24.99, -25.01, 400.0, 1000.0, -1000.0),
}
PARAMETERS = {
    "leaky_relu": (0.01, 0.2),
    "iv": (0.0, 1.0, 2.5, -1.5, 10.0, 3.0, 0.5),
    "ive": (0.0, 1.0, 2.5, -1.5, 10.0, 3.0, 0.5),
    # Temme's series (|mu| <= 1/2) and the recurrence: integer, half-integer, tiny, 0.49/0.51
    # (the two choices of mu), large orders
    "kv": (0.0, 1.0, 0.2, 2.5, -1.5, 0.49, 0.51, 10.0, 1e-10),
    "power_constant_exponent": (2.0, 3.0, 0.5, 1.0 / 3.0, -1.5, 0.1, -0.3, 2.5, 7.0, -2.0,
                                1.0, 0.0, 2.0 ** 53 + 2),
    "power_constant_base": (2.0, 0.5, 10.0, 1e10, 1e300, 1.001, 0.999, 3.0, 1e-300),
    # the orders of jv and yv: integer (J's parity at x < 0), half-integer, negative, large
    "jv": (0.0, 1.0, 2.5, -1.5, 10.0),
    "yv": (0.0, 1.0, 2.5, -1.5, 10.0),
    "gammainc": (0.5, 1.0, 3.5, 50.0),
    "gammaincc": (0.5, 1.0, 3.5, 50.0),
    "betainc": ((0.5, 0.5), (2.0, 3.0), (10.0, 0.7)),
    # digamma's order, the first orders of the Hurwitz zeta, a higher one
    "polygamma": (0.0, 1.0, 2.0, 5.0),
}
BINARY_EDGES = {
    "power": [(ONE_PLUS, 1e300), (ONE_MINUS, 1e300), (2.0, 1024.3), (2.0, -1074.5),
              (10.0, -308.2), (-2.0, 3.0), (-1.5, -7.0), (1e300, 1.02)],
    "divide": [(1e-320, 1e-10), (1e-300, 1e-160), (1e-310, 0.5), (1e-320, 1e-310),
               (-3e-320, 2e-315), (1e-312, -3e-309), (0.0, 1e-200), (-0.0, 3e-310),
               (0.0, -1.7e308)],
    "arctan2": [(1e-300, 1e300), (1e300, 1e-300)],
    "logaddexp": [(709.0, 709.5), (-745.0, 10.0), (1e-300, 2e-300)],
    "fmod": [(7.5, 2.0), (-7.5, 2.0), (7.5, -0.3), (1e20, 3.0), (-1e20, 0.7), (1e-300, 3e-302),
             (1.5e-323, 1e-323), (1e300, 3e250), (2.0 ** 53 + 2.0, 0.7), (1e-10, 3e-40)],
    "logaddexp2": [(1023.0, 1023.5), (-1074.0, 10.0), (1e-300, 2e-300)],
    "xlogy": [(1e-310, 1e-10), (3.0, ONE_PLUS), (3.0, ONE_MINUS), (2.0, 1e-320)],
    "xlog1py": [(2.0, -ONE_MINUS), (2.0, -0.999), (1.5, 1e-300), (1e-310, -1.0 + 1e-10)],
    # a + b at a pole of Gamma (B = 0) and next to one, one argument much smaller than the
    # other, past the range of tgammal (1755), B's overflow and underflow
    "beta": [(-0.5, -0.5), (2.5, -3.5), (-1.5, 0.5 + 2.0 ** -40), (0.7, 1e-10), (1e-10, 30.0),
             (2000.5, 0.7), (0.7, 3000.25), (1e5, 2.5), (171.5, 171.5), (400.0, 600.0),
             (-2.5, 1e-10), (-0.3, 0.3 + 1e-15), (1e-300, 1e-300), (5.5, -2.25)],
    "betaln": [(2.5, -3.5 + 1e-9), (0.7, 1e-10), (1e-10, 30.0), (2000.5, 0.7), (1e5, 2.5),
               (171.5, 171.5), (400.0, 600.0), (1.0, 1.0 + 1e-12), (2.0, 0.5), (5.5, -2.25)],
}
# Bounds other than ULPS, with the reason in the rule's comment: {(name, part): ulps}.
BOUNDS = {("beta", "fxx"): 200, ("beta", "fyy"): 200}
# Rules whose derivatives may overflow where their value does, although they are still
# finite a little further (exp2: ln(2) 2^x up to x = 1024.53), with the reason in the rule's
# comment.
OVERFLOW_WITH_VALUE = {"exp2"}

# ---------------------------------------------------------------- the references
STEP_BITS = 112   # the difference step is 2**-112 of the point's scale
TARGET_BITS = 72  # bits of accuracy asked of every reference part
FLOOR = -1080     # a part below 2**FLOOR is resolved only as that: an underflow, or 0
MAX_BITS = 20000


def _is_real(v):
    return isinstance(v, mpf) and mpmath.isfinite(v)


def _steps(point):
    """Difference steps, one per argument a, small next to the scale on which f varies:
    2**-STEP_BITS of |a| below 1 (so the step stays inside a tiny domain), of 1 above.
    Functions that vary faster than that at a huge argument (exp(-x**2), x**y) are out of
    the double range there, except x**y with x next to 1, where |y| < 2**63 keeps the
    error of the central difference below 2**(2 * (63 - STEP_BITS)) relatively."""
    return [min(abs(a), 1) * mpf(2) ** -STEP_BITS if a else mpf(2) ** -STEP_BITS
            for a in point]


def _evaluate(f, args, bits):
    with mp.workprec(bits):
        try:
            value = f(*args)
        except (ValueError, ZeroDivisionError):   # a pole
            return None
    return value if _is_real(value) else None


def _difference(f, args, steps, order, bits):
    """mpmath.diff of f at args with the given steps, working at about `bits` bits.

    mpmath.diff differentiates in the last variable outermost, at (prec + 20) * (order + 1)
    bits, and rounds each inner derivative to that precision: so `bits` is what the
    outermost difference gets (the inner ones get more)."""
    outer = [o for o in order if o][-1]

    def g(*s):   # f with each argument stretched to its own step
        return f(*[a + h * t for a, h, t in zip(args, steps, s)])
    with mp.workprec(max(bits // (outer + 1), 64)):
        try:
            d = mpmath.diff(g, [mpf(0)] * len(args), order, h=1)
        except (ValueError, ZeroDivisionError):
            return None
        d /= math.prod(h ** o for h, o in zip(steps, order))
    return d if _is_real(d) else None


def _partial(f, args, value, excess, order):
    """The partial derivative `order` (one count per argument) of f at `args`, where f is
    `value`, or None where f is not real around them. The working precision keeps every
    argument plus its step exact, and f's rounding divided by the steps below
    2**-TARGET_BITS of the result, or below 2**FLOOR where the result is smaller; `excess`
    is the precision that f's own evaluation loses to cancellation there."""
    steps = _steps(args)
    total = sum(order)
    scaled = -sum(o * int(mpmath.mag(h)) for h, o in zip(steps, order))
    size = int(mpmath.mag(value)) if value else 0
    # enough for a part of the size value / step**order, the usual case; more if need be
    bits = max(0, *(int(mpmath.mag(a)) for a in args if a)) + STEP_BITS
    bits = max(bits, total * STEP_BITS) + TARGET_BITS + 24 + excess
    while bits <= MAX_BITS:
        d = _difference(f, args, steps, order, bits)
        if d is None:
            return None
        noise = size + excess - bits + scaled + 4  # log2 of the rounding error in d
        if d and mpmath.mag(d) > noise + TARGET_BITS:
            return d
        if noise < FLOOR:
            return d                               # below 2**FLOOR: an underflow, or 0
        if d and mpmath.mag(d) > noise + 8:        # d's size is known: add what is missing
            bits += noise + TARGET_BITS + 16 - int(mpmath.mag(d))
        else:
            bits += min(noise - FLOOR + TARGET_BITS, bits)
    raise ValueError("no reference for order %r at %r within %d bits" % (
        order, [float(a) for a in args], MAX_BITS))


class Beyond:
    """A part too far outside the double range to be worth a reference: where a rule's value
    is beyond 2**(+-ASTRONOMICAL), so is every derivative (the factors that relate them,
    such as y/x or log(x) for x**y, stay within 2**+-4300), and the part must come out as
    an overflow (`big`) or an underflow."""

    def __init__(self, big):
        self.big = big

    def __repr__(self):
        return "beyond the double range (%s)" % ("huge" if self.big else "tiny")


ASTRONOMICAL = 2 ** 13


def _value(f, args):
    """(f at args to 2**-TARGET_BITS relatively, the precision that took), or None: mpmath
    rounds each operation of the reference, so one that cancels (log(exp(x) + exp(y)) next
    to 0) is evaluated at rising precision until two precisions agree; a 0 is checked at a
    precision that resolves anything above 2**FLOOR."""
    bits = TARGET_BITS + 64
    value = _evaluate(f, args, bits)
    while value is not None and bits <= MAX_BITS:
        more = bits * 2 if value else -FLOOR + TARGET_BITS + 64
        again = _evaluate(f, args, more)
        if again is None or abs(again - value) <= abs(again) * mpf(2) ** -TARGET_BITS:
            return again, bits
        value, bits = again, more
    if value is None:
        return None
    raise ValueError("no reference value at %r within %d bits" % (args, MAX_BITS))


def _is_real_around(f, args, order):
    """Whether f stays real when the arguments that `order` differentiates move by a step."""
    steps = _steps(args)
    bits = max(0, *(int(mpmath.mag(a)) for a in args if a)) + STEP_BITS + 64
    with mp.workprec(bits):
        moved = [a + h if o else a for a, h, o in zip(args, steps, order)]
    return _evaluate(f, moved, bits) is not None


def jet_reference(f, point, orders):
    """[the partial derivative of f at `point` for each order], or None outside the
    domain (where f is not a finite real number); None for a part that is not real."""
    args = [mpf(x) for x in point]
    found = _value(f, args)
    if found is None:
        return None
    value, bits = found
    if value and abs(mpmath.mag(value)) > ASTRONOMICAL:
        beyond = Beyond(mpmath.mag(value) > 0)
        return [value if not any(o) else beyond if _is_real_around(f, args, o) else None
                for o in orders]
    excess = bits - (TARGET_BITS + 64)
    return [value if not any(o) else _partial(f, args, value, excess, o) for o in orders]


BINARY_ORDERS = ((0, 0), (1, 0), (0, 1), (2, 0), (1, 1), (0, 2))


UNARY_ORDERS = ((0,), (1,), (2,))


def parameters(p):
    """A sweep's parameters as a tuple: none (None), one number, or a tuple of them."""
    return () if p is None else p if isinstance(p, tuple) else (p,)


def unary_reference(name, x, p):
    ps = [mpf(v) for v in parameters(p)]
    return jet_reference(lambda t: REF1[name](t, *ps), (x,), UNARY_ORDERS)


def binary_reference(name, x, y):
    return jet_reference(REF2[name], (x, y), BINARY_ORDERS)


# ---------------------------------------------------------------- the check
def verdict(got, exact, bound):
    """None if `got` is an acceptable double for the exact value, else what is wrong."""
    if exact is None:
        return None
    if isinstance(exact, Beyond):
        if exact.big:
            return None if abs(got) >= TOP_BINADE else "not an overflow"
        return None if abs(got) <= DBL_MIN else "not an underflow"
    if exact == 0:
        return None if got == 0 else "not 0"
    if math.isnan(got):
        return "NaN"
    size = abs(exact)
    if size > DBL_MAX:
        ok = abs(got) >= TOP_BINADE and (got > 0) == (exact > 0)
        return None if ok else "not an overflow"
    if size < DBL_MIN:
        ok = abs(got) <= DBL_MIN and (got == 0 or (got > 0) == (exact > 0))
        return None if ok else "not an underflow"
    if math.isinf(got) or got == 0:
        return "spurious %r" % got
    ulps = abs(mpf(got) - exact) / math.ulp(float(exact))
    return None if ulps <= bound else "%.3g ulps" % float(ulps)


def _show(exact):
    return mpmath.nstr(exact, 17) if isinstance(exact, mpf) else repr(exact)


BESSEL = {"j0", "j1", "y0", "y1", "jv", "yv"}


def next_to_a_bessel_zero(name, x, exact):
    """A part of J or Y (x >= 20) below 1/8 of their envelope sqrt(2/(pi x)): next to one of
    its zeros, where its error is a few ulps of the envelope, not of itself (README,
    Limitations: test_readme_limitation_bessel_next_to_a_zero)."""
    return (name in BESSEL and isinstance(exact, mpf) and abs(x) >= 20
            and abs(exact) < math.sqrt(2 / (math.pi * abs(x))) / 8)


def failures(name, labels, points, got, expected, twin=False):
    out = []
    for i, point in enumerate(points):
        for k, label in enumerate(labels):
            if next_to_a_bessel_zero(name, point, expected[i][k]):
                continue
            bound = BOUNDS.get((name, label), ULPS) * (TWIN_ULPS / ULPS if twin else 1)
            why = verdict(float(got[k][i]), expected[i][k], bound)
            if why and name in OVERFLOW_WITH_VALUE and math.isinf(got[0][i]) and k:
                why = None if got[k][i] == got[0][i] else why
            if why:
                out.append("%s %s at %r: got %r, exact %s (%s)" % (
                    name, label, point, float(got[k][i]),
                    _show(expected[i][k]), why))
    return out


# Jumps have no derivative: floor, ceil and trunc are swept at non-integers only, rint off
# the half-integers.
ON_A_JUMP = {"floor": float.is_integer, "ceil": float.is_integer,
             "trunc": float.is_integer, "rint": lambda x: x % 1.0 == 0.5}


def unary_points(name):
    points = {s * m for m in MAGNITUDES for s in (1.0, -1.0)} | set(EDGES.get(name, ()))
    return sorted(x for x in points if not ON_A_JUMP.get(name, lambda x: False)(x))


def unary_cases():
    for r in rules.UNARY:
        for p in PARAMETERS.get(r.name, (None,)):
            yield pytest.param(r.name, p, id=r.name if p is None else "%s-%r" % (r.name, p))


@functools.lru_cache(maxsize=None)
def unary_sweep(name, p):
    """(points inside the domain, the reference parts there) for one rule and parameter."""
    points = unary_points(name)
    expected = [unary_reference(name, x, p) for x in points]
    keep = [i for i, e in enumerate(expected) if e is not None]
    return [points[i] for i in keep], [expected[i] for i in keep]


@pytest.mark.parametrize("name, p", list(unary_cases()))
def test_unary_rule_over_the_double_range(name, p):
    points, expected = unary_sweep(name, p)
    x = np.array(points)
    with np.errstate(all="ignore"):   # a true overflow of a part raises NumPy's warning
        got = getattr(ufuncs, "jet_" + name)(x, *parameters(p))
    bad = failures(name, ("f0", "f1", "f2"), points, got, expected)
    if name in _jets.JETS:
        with np.errstate(all="ignore"):
            # (a constant derivative is a number: 0.0 for floor)
            twin = [np.broadcast_to(v, x.shape) for v in _jets.JETS[name][1](x)]
        bad += ["twin: " + b for b in failures(name, ("f0", "f1", "f2"), points, twin,
                                                expected, twin=True)]
    assert not bad, "\n".join(bad)


PUBLIC = [r.name for r in rules.UNARY if r.public]
RULES = {r.name: r for r in rules.UNARY}


@pytest.mark.parametrize("name", PUBLIC)
def test_public_functions_over_the_double_range(name):
    """The same points through the API: scalar Dual and HyperDual numbers, and dual arrays
    long enough to take the NumPy twins where a rule has one."""
    p = PARAMETERS.get(name, (None,))[0]
    points, expected = unary_sweep(name, p)
    f = getattr(dn, name)
    rule = next(r for r in rules.UNARY if r.name == name)
    if rule.scipy and p is not None:   # SciPy's order: the parameters first
        f = functools.partial(f, *parameters(p))
    elif p is not None:
        f = functools.partial(f, **{rule.params[0][0]: p})
    repeat = -(-EVERY_TWIN // len(points))
    x = np.tile(points, repeat)
    with np.errstate(all="ignore"):
        scalar = [[f(t) for t in points],
                  [dn.derivative(f, t) for t in points],
                  [dn.second_derivative(f, t) for t in points]]
        array = [f(x)[:len(points)], dn.derivative(f, x)[:len(points)],
                 dn.second_derivative(f, x)[:len(points)]]
    bad = failures(name, ("f0", "f1", "f2"), points, scalar, expected)
    bad += ["array: " + b for b in failures(name, ("f0", "f1", "f2"), points, array,
                                             expected, twin=name in _jets.JETS)]
    assert not bad, "\n".join(bad)


def _fmod_is_smooth(x, y):
    """fmod jumps where x / y is an integer; and where |x / y| passes 2**100 the difference
    steps (2**-112 of x) come within a few jumps (y apart) of each other, so the reference
    is swept below that ratio (test_arrays_ufuncs_coverage checks the partials beyond it)."""
    q = mpf(x) / mpf(y)
    return abs(q) < 2 ** 100 and q != mpmath.floor(q)


def binary_points(name):
    magnitudes = BINARY_MAGNITUDES_OF.get(name, BINARY_MAGNITUDES)
    values = [s * m for m in magnitudes for s in (1.0, -1.0)]
    pairs = [(x, y) for x in values for y in values]
    if name in ("maximum", "minimum"):   # a tie is a kink: no second derivative
        pairs = [(x, y) for x, y in pairs if x != y]
    if name == "fmod":   # jumps where x / y is an integer
        pairs = [(x, y) for x, y in pairs if _fmod_is_smooth(x, y)]
    return pairs + BINARY_EDGES.get(name, [])


@functools.lru_cache(maxsize=None)
def binary_sweep(name):
    """(points inside the domain, the reference parts there) for one binary rule."""
    points = binary_points(name)
    expected = [binary_reference(name, x, y) for x, y in points]
    keep = [i for i, e in enumerate(expected) if e is not None]
    return [points[i] for i in keep], [expected[i] for i in keep]


BINARY_CASES = [r.name for r in rules.BINARY]


@pytest.mark.parametrize("name", BINARY_CASES)
def test_binary_rule_over_the_double_range(name):
    points, expected = binary_sweep(name)
    x, y = np.array(points).T
    with np.errstate(all="ignore"):
        got = getattr(ufuncs, "jet_" + name)(x, y)
    bad = failures(name, ("f", "fx", "fy", "fxx", "fxy", "fyy"), points, got, expected)
    assert not bad, "\n".join(bad)


# The binary rules as users reach them: operators for the hidden ones.
OPERATORS = {"multiply": operator.mul, "divide": operator.truediv}


# Points outside a partial's domain (power at a negative x) make NaN Hessian entries, for
# which dualnum.hessian warns; the references skip those entries.
@pytest.mark.filterwarnings("ignore:the second derivative is NaN")
@pytest.mark.parametrize("name", BINARY_CASES)
def test_binary_rules_through_gradient_and_hessian(name):
    """The same points through dualnum.gradient and dualnum.hessian of op(v[0], v[1])."""
    points, expected = binary_sweep(name)
    op = OPERATORS.get(name) or getattr(dn, name)

    def f(v):
        return op(v[0], v[1])
    got = [[], [], [], [], [], []]
    with np.errstate(all="ignore"):
        for point in points:
            g = dn.gradient(f, np.array(point))
            h = dn.hessian(f, np.array(point))
            for k, part in enumerate((op(*point), g[0], g[1], h[0, 0], h[0, 1], h[1, 1])):
                got[k].append(part)
    bad = failures(name, ("f", "fx", "fy", "fxx", "fxy", "fyy"), points, got, expected)
    assert not bad, "\n".join(bad)


def test_readme_limitation_a_tangent_times_an_overflowing_factor():
    """README, Functions: the chain rule multiplies a tangent by the rule's factor, so
    dividing by a subnormal constant (1/y overflows) overflows the perturbation, though the
    exact quotient, about 1e10, is finite; the value part is the float quotient."""
    with np.errstate(all="ignore"):
        for q in (dn.Dual(1e-300, 1e-300) / 1e-310,
                  dn.Dual(1e-300, 1e-300) / dn.Dual(1e-310, 0.0)):
            assert q.real == 1e-300 / 1e-310
            assert math.isinf(q.dual)


# Exponents beyond 2^53, where p - 1 and p - 2 round: the signs of x**p's derivatives are
# those of p x^(p-1) and p (p-1) x^(p-2) (an even p: the signs of x and +; an odd p: + and
# the sign of x), also where the parts overflow.
HUGE_EXPONENTS = (1e17, 2.0 ** 53 + 2, 2.0 ** 53 + 1, 2.0 ** 60 + 2.0 ** 8)


@pytest.mark.parametrize("p", HUGE_EXPONENTS)
@pytest.mark.parametrize("x", (1e20, 2.0, 1.001, -1.001, -2.0, -1e20))
def test_huge_exponents_keep_the_signs_of_the_derivatives(x, p):
    odd = p % 2 == 1
    want = (math.copysign(1.0, x) if odd else 1.0, 1.0 if odd else math.copysign(1.0, x),
            math.copysign(1.0, x) if odd else 1.0)
    with np.errstate(all="ignore"):
        routes = [ufuncs.jet_power_constant_exponent(np.array([x]), p),
                  [part for k, part in enumerate(ufuncs.jet_power(np.array([x]), p)) if k in (0, 1, 3)],
                  [np.array([part]) for part in dn.derivatives(lambda t: t ** p, x)]]
    for route in routes:
        assert [math.copysign(1.0, float(part[0])) for part in route] == list(want)


def test_readme_limitation_exp2_overflows_with_its_value():
    """README, Functions: 2^x ln 2 is finite at x = 1024.2, but the derivative overflows
    with the value."""
    assert float(mpmath.power(2, mpf(1024.2)) * mpmath.log(2)) < DBL_MAX
    assert math.isinf(dn.derivative(dn.exp2, 1024.2))
    assert dn.derivative(dn.exp2, 1023.9) == pytest.approx(
        float(mpmath.power(2, mpf(1023.9)) * mpmath.log(2)), rel=1e-15)


@pytest.mark.parametrize("x", [-0.7517915246935645, -0.75, -0.7518])
def test_readme_limitation_gelu_next_to_the_zero_of_its_derivative(x):
    """README, Functions: gelu' = Phi(x) + x phi(x) next to its zero is accurate to a few
    ulps of its terms (Phi(-0.75) = 0.23), not of itself."""
    with mp.workprec(200):
        t = mpf(x)
        exact = mpmath.ncdf(t) + t * mpmath.npdf(t)
        term = mpmath.ncdf(t)
    assert abs(mpf(dn.derivative(dn.gelu, x)) - exact) <= ULPS * math.ulp(float(term))


@pytest.mark.parametrize("x, y", [(-1.0, -0.9999999999999999), (-0.9999999999, -1.0)])
def test_readme_limitation_logaddexp2_next_to_its_zero(x, y):
    """README, Functions: next to 2^x + 2^y = 1 the value is accurate to a few ulps of its
    terms (max(x, y) is about -1), not of itself."""
    with mp.workprec(200):
        exact = mpmath.log(mpmath.power(2, mpf(x)) + mpmath.power(2, mpf(y)), 2)
    assert abs(mpf(dn.logaddexp2(x, y)) - exact) <= ULPS * math.ulp(1.0)


@pytest.mark.parametrize("x, order", [(2.4956029635171934, 2), (2.49561, 2),
                                      (-0.5040830082644554, 1), (-0.504, 1),
                                      (-1.1042146061142737, 2), (-1.1042, 2)])
def test_readme_limitation_rgamma_next_to_the_zeros_of_its_derivatives(x, order):
    """README, Functions: next to the zeros of rgamma'' at x = 2.4956 (terms of the size of
    rgamma psi') and of rgamma' and rgamma'' on the negative axis (terms of the size of
    Gamma(1 - x) cos(pi x) and Gamma(1 - x) pi sin(pi x), reflection) each part is accurate
    to a few ulps of its terms, not of itself."""
    with mp.workprec(200):
        t = mpf(x)
        exact = mpmath.diff(mpmath.rgamma, t, order)
        if x > 0:
            term = mpmath.rgamma(t) * mpmath.psi(1, t)
        else:
            trig = mpmath.cos(mpmath.pi * t) if order == 1 else mpmath.pi * mpmath.sin(
                mpmath.pi * t)
            term = mpmath.gamma(1 - t) * trig
    got = (dn.derivative if order == 1 else dn.second_derivative)(dn.rgamma, x)
    assert abs(mpf(got) - exact) <= ULPS * math.ulp(float(abs(term)))
    assert abs(mpf(got) - exact) > ULPS * math.ulp(float(abs(exact))) or abs(exact) > 1e-6


def _bessel_zero(name, k):
    """The double nearest the k-th positive zero of j0, j1, y0 or y1 (mpmath)."""
    kind, order = name[0], int(name[1])
    zero = mpmath.besseljzero if kind == "j" else mpmath.besselyzero
    with mp.workdps(30):
        return float(zero(order, k))


@pytest.mark.parametrize("name", ["j0", "j1", "y0", "y1"])
@pytest.mark.parametrize("k", [7, 1000, 10 ** 6])
def test_readme_limitation_bessel_next_to_a_zero(name, k):
    """README, Functions: next to a zero of J or Y (x >= 20) the value is accurate to a few
    ulps of the envelope sqrt(2/(pi x)), not of itself (it is below 1e-8 of it there)."""
    x = _bessel_zero(name, k)
    with mp.workprec(400):
        exact = REF1[name](mpf(x))
    envelope = math.sqrt(2 / (math.pi * x))
    got = getattr(ufuncs, "jet_" + name)(np.array([x]))[0][0]
    assert abs(exact) < envelope * 1e-8   # next to the zero, indeed
    assert abs(mpf(float(got)) - exact) <= ULPS * math.ulp(envelope)


@pytest.mark.parametrize("a, b", [(3.0, -0.7), (-25.5, -0.7)])
def test_readme_limitation_beta_second_partial_beside_a_negative_small_argument(a, b):
    """README, Functions: B_aa = B (D_a^2 + T_a) with b in (-1, 0) is a difference (it is
    about b (b + 1) a^(-b-2) B); within 200 ulps, not 8, at these points of the sweep."""
    with mp.workprec(200):
        exact = mpmath.diff(lambda t: mpmath.beta(t, mpf(b)), mpf(a), 2)
    got = ufuncs.jet_beta(np.array([a]), np.array([b]))[3][0]
    error = abs(mpf(float(got)) - exact) / math.ulp(float(exact))
    assert ULPS < error <= BOUNDS[("beta", "fxx")]


@pytest.mark.parametrize("d", [1e-10, 1e-8, 1e-6])
def test_readme_limitation_beta_second_partial_next_to_a_pole_of_the_other(d):
    """README, Functions: B_bb at b = 0.5 with a a distance d above the pole -1: a relative
    error up to about 1e-16/d (the terms B D_b^2 and B T_b grow as 1/d), and more than a
    few ulps (the limitation is real)."""
    a, b = -1.0 + d, 0.5
    with mp.workprec(300):
        exact = mpmath.diff(lambda t: mpmath.beta(mpf(a), t), mpf(b), 2)
    got = ufuncs.jet_beta(np.array([a]), np.array([b]))[5][0]
    error = abs(mpf(float(got)) - exact) / abs(exact)
    assert 8 * 2.0 ** -52 < error <= 1e-16 / d


@pytest.mark.parametrize("name, v, x", [("jv", 60.5, 10.0), ("yv", 60.0, 3.0),
                                        ("jv", 20.0, 25.0), ("yv", 20.5, 30.0)])
def test_readme_limitation_jv_yv_values_from_scipy_where_dualnum_falls_short(name, v, x):
    """README, Functions: |v| > 50 below x = 20, and Hankel's expansion unconverged (v = 20
    at x = 25: its terms reach 300): the value is SciPy's, the derivatives dualnum's
    (DLMF 10.6.2, 10.2.1) from SciPy's values, against mpmath."""
    import scipy.special as sp
    got = [float(part[0]) for part in getattr(ufuncs, "jet_" + name)(np.array([x]), v)]
    assert got[0] == getattr(sp, name)(v, x)
    with mp.workdps(40):
        want = [mpmath.diff(lambda t: REF1[name](t, mpf(v)), mpf(x), m) for m in (1, 2)]
    for g, w in zip(got[1:], want):
        assert abs(mpf(g) - w) <= 1e-13 * abs(w)


@pytest.mark.parametrize("name, sign", [("gammainc", 1.0), ("gammaincc", -1.0)])
@pytest.mark.parametrize("a", [3.5, 50.0, 1.5])
def test_the_second_derivative_of_gammainc_is_0_at_its_zero(name, sign, a):
    """P'' = -Q'' = x^(a-2) e^(-x) (a - 1 - x) / Gamma(a) is exactly 0 at x = a - 1 (the
    sweep's reference there is its difference step's error, 1e-70), and of the sign of
    a - 1 - x beside it."""
    f = getattr(dn, name)
    assert dn.second_derivative(lambda t: f(a, t), a - 1.0) == 0.0
    for x in (a - 1.0 - 2.0 ** -40, a - 1.0 + 2.0 ** -40):
        assert np.sign(dn.second_derivative(lambda t: f(a, t), x)) == sign * np.sign(a - 1 - x)
