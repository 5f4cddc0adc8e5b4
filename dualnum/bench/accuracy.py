"""Accuracy: dualnum's derivatives and the finite differences against 50-digit references.

For each scalar function of the suite at its point x: the reference values of f and of its
derivatives up to the fifth come from mpmath at 50 digits (``mpmath.diff``, which works at
the extra precision it needs); dualnum's f' and f'' come from one hyper-dual evaluation
(``dn.derivatives``); the finite differences are :mod:`dualnum.fd`'s with their standard
steps, and the complex step Im f(x + ih)/h (Squire & Trapp, 1998) with h = 1e-20 where f runs
on complex numbers.

Errors are relative, |approx - exact| / |exact| (absolute where the exact value is 0). Each
finite difference comes with the bound its theory gives at the step it took:

* truncation, from Taylor's theorem with the remainder in mean-value form: forward
  h/2 |f''|, central h^2/6 |f'''|, five-point h^4/30 |f^(5)|, second central h^2/12 |f^(4)|,
  each derivative at its largest over the stencil's points;
* rounding of f: the sum over the stencil of |weight| times the measured error of the float
  evaluation of f at that point (against mpmath; the points x +- kh are exact, the steps are
  rounded so);
* rounding of the formula's own arithmetic (Higham 2002, ch. 3: a sum of k terms errs by at
  most (k - 1) u times the sum of their magnitudes, u = eps/2): k u sum |weight f| / h^order
  for the weighted sum and eps |result| for the division.

The complex step has no subtraction: its bound is the rounding level of dual numbers'
(below 1e-14 relative), which the report checks for both.
"""
import numpy as np

import dualnum as dn
from dualnum import fd

from .suite import COMPLEX, DUAL, MATH

EPS = np.finfo(np.float64).eps
DIGITS = 50
COMPLEX_STEP = 1e-20
ROUNDING_LEVEL = 1e-14   # dualnum's and the complex step's errors stay below this

# name: (formula, default step, derivative order, stencil offsets (in steps) and weights (the
# formula's coefficients times h^order), truncation coefficient, derivative order in it)
SCHEMES = {
    "forward": (fd.forward, fd.FORWARD_STEP, 1, ((0, -1.0), (1, 1.0)), 1 / 2, 2),
    "central": (fd.central, fd.CENTRAL_STEP, 1, ((-1, -0.5), (1, 0.5)), 1 / 6, 3),
    "five-point": (fd.five_point, fd.FIVE_POINT_STEP, 1,
                   ((-2, 1 / 12), (-1, -8 / 12), (1, 8 / 12), (2, -1 / 12)), 1 / 30, 5),
    "second central": (fd.second_central, fd.SECOND_STEP, 2,
                       ((-1, 1.0), (0, -2.0), (1, 1.0)), 1 / 12, 4),
}


def complex_step(f, x, step=COMPLEX_STEP):
    """Im f(x + ih) / h: f' without a subtraction (f must run on complex numbers)."""
    return f(complex(x, step)).imag / step


def relative_error(approx, exact):
    """|approx - exact| / |exact|, the absolute error where exact is 0; a float."""
    exact = float(exact) if not hasattr(exact, "real") else exact
    scale = abs(exact) if exact != 0 else 1
    return float(abs(approx - exact) / scale)


def digits(value):
    """An mpmath number written with all its 50 digits (str() would round it to the
    context's 15)."""
    import mpmath
    return mpmath.nstr(value, DIGITS, min_fixed=-1, max_fixed=-1)


def references(fn, mp, orders=5):
    """[f(x), f'(x), ..., f^(orders)(x)] at 50 digits, as mpmath numbers."""
    import mpmath
    with mpmath.workdps(DIGITS):
        g = fn.bound(mp)
        return [mpmath.diff(g, mpmath.mpf(fn.x), n) for n in range(orders + 1)]


def scheme_bound(fn, mp, name, exact):
    """(step, the theory's bound on the scheme's error, relative) at fn's point."""
    import mpmath
    _, default, order, stencil, coefficient, derivative = SCHEMES[name]
    h = fd._step(fn.x, None, default)
    g, f_float = fn.bound(mp), fn.bound(MATH)
    with mpmath.workdps(DIGITS):
        points = [fn.x + k * h for k, _ in stencil] + [fn.x]
        highest = max(abs(mpmath.diff(g, mpmath.mpf(p), derivative)) for p in points)
        truncation = coefficient * h ** (derivative - order) * highest
        values = [(abs(w), f_float(fn.x + k * h), g(mpmath.mpf(fn.x + k * h)))
                  for k, w in stencil]
        rounding = sum(w * abs(value - f) for w, value, f in values) / h ** order
        arithmetic = (len(stencil) * EPS / 2 * sum(w * abs(value) for w, value, _ in values)
                      / h ** order + EPS * abs(exact))
        bound = truncation + rounding + arithmetic
    return h, relative_error(exact + bound, exact)


def scalar_row(fn, mp):
    """Every scheme's f' or f'' at fn's point, its relative error and bound; JSON-ready."""
    exact = references(fn, mp)
    _, d1, d2 = dn.derivatives(fn.bound(DUAL), fn.x)
    row = {"function": fn.name, "x": fn.x, "f'": digits(exact[1]), "f''": digits(exact[2]),
           "dualnum f'": {"value": d1, "error": relative_error(d1, exact[1]),
                          "bound": ROUNDING_LEVEL},
           "dualnum f''": {"value": d2, "error": relative_error(d2, exact[2]),
                           "bound": ROUNDING_LEVEL}}
    for name, (formula, _, order, *_rest) in SCHEMES.items():
        value = formula(fn.bound(MATH), fn.x)
        step, bound = scheme_bound(fn, mp, name, exact[order])
        row[name] = {"value": value, "error": relative_error(value, exact[order]),
                     "bound": bound, "step": step}
    if fn.runs_on(COMPLEX):
        value = complex_step(fn.bound(COMPLEX), fn.x)
        row["complex step"] = {"value": value, "error": relative_error(value, exact[1]),
                               "bound": ROUNDING_LEVEL, "step": COMPLEX_STEP}
    return row


COLUMNS = ("dualnum f'", "forward", "central", "five-point", "complex step", "dualnum f''",
           "second central")
