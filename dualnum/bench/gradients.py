"""Accuracy of gradients and Hessians: dualnum's against the finite differences of
:mod:`dualnum.fd` (``gradient``, ``hessian``) and the complex step, at the vector functions
of the suite (Rosenbrock's, the two-layer network's loss), against 50-digit references.

The references are mpmath's partial derivatives (``mpmath.diff`` with one order per
coordinate). Errors are normwise, max |approx - exact| / max |exact| over the entries, so that
an entry near 0 does not swamp the rest. Each finite difference comes with the bound its
theory gives, entry by entry, divided by the same max |exact|:

* a gradient entry i and a diagonal Hessian entry (i, i) are the scalar formulas ``central``
  and ``second central`` on the line t -> f(x + (t - x_i) e_i), with the same steps: their
  bounds are :func:`dualnum.bench.accuracy.scheme_bound`'s on that line;
* an entry (i, j) above the diagonal is the four-point formula (f(++) - f(+-) - f(-+)
  + f(--)) / 4 h_i h_j, whose Taylor expansion leaves (h_i^2 f_iiij + h_j^2 f_ijjj) / 6
  (Abramowitz & Stegun 25.3.26), each fourth derivative at its largest over the corners and
  the centre; rounding of f measured at the corners and the formula's own as in
  :mod:`dualnum.bench.accuracy`.

>>> from dualnum.bench.gradients import normwise_error
>>> normwise_error([1.0, 2.0 + 1e-9], [1.0, 2.0]) < 1e-9
True
"""
import numpy as np

import dualnum as dn
from dualnum import fd

from .accuracy import COMPLEX_STEP, DIGITS, EPS, ROUNDING_LEVEL, digits, scheme_bound
from .suite import COMPLEX, DUAL, MATH, Function

COLUMNS = ("dualnum gradient", "fd.gradient", "complex step gradient", "dualnum Hessian",
           "fd.hessian")


def normwise_error(approx, exact):
    """max |approx - exact| / max |exact| over the entries (absolute if exact is all 0)."""
    approx = np.asarray(approx, dtype=float)
    exact = np.asarray([float(e) for e in np.ravel(exact)]).reshape(approx.shape)
    scale = np.max(np.abs(exact)) or 1.0
    return float(np.max(np.abs(approx - exact)) / scale)


def _partial(fn, mp, point, orders):
    """The partial derivative of fn of the given orders (one per coordinate) at point."""
    import mpmath
    return mpmath.diff(lambda *p: fn.f(p, mp), [mpmath.mpf(c) for c in point], orders)


def _orders(n, *coordinates):
    orders = [0] * n
    for i in coordinates:
        orders[i] += 1
    return tuple(orders)


def references(fn, mp):
    """(gradient, Hessian) of fn at its point at 50 digits, as lists of mpmath numbers."""
    import mpmath
    n = len(fn.x)
    with mpmath.workdps(DIGITS):
        grad = [_partial(fn, mp, fn.x, _orders(n, i)) for i in range(n)]
        hess = [[None] * n for _ in range(n)]
        for i in range(n):
            for j in range(i, n):
                hess[i][j] = hess[j][i] = _partial(fn, mp, fn.x, _orders(n, i, j))
    return grad, hess


def line(fn, i):
    """fn along coordinate i: the scalar Function t -> f(x with x_i = t), at t = x_i."""
    def f(t, m):
        return fn.f(fn.x[:i] + (t,) + fn.x[i + 1:], m)
    return Function("%s along x%d" % (fn.name, i), f, fn.x[i], fn.uses)


def _absolute(bound, exact):
    """scheme_bound's relative bound back to an absolute one."""
    return bound * (abs(float(exact)) or 1.0)


def mixed_bound(fn, mp, i, j, exact):
    """The absolute bound on fd.hessian's entry (i, j), i != j, at fn's point."""
    import mpmath
    x = np.asarray(fn.x, dtype=float)
    h = fd._steps(x, None, fd.SECOND_STEP)
    corners = []
    for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        corner = x.copy()
        corner[i], corner[j] = x[i] + si * h[i], x[j] + sj * h[j]
        corners.append(tuple(corner))
    f_float, g, n = fn.bound(MATH), fn.bound(mp), len(x)
    with mpmath.workdps(DIGITS):
        highest = [max(abs(_partial(fn, mp, p, _orders(n, *coordinates)))
                       for p in corners + [fn.x])
                   for coordinates in ((i, i, i, j), (i, j, j, j))]
        truncation = (h[i] ** 2 * highest[0] + h[j] ** 2 * highest[1]) / 6
        values = [(f_float(c), g([mpmath.mpf(v) for v in c])) for c in corners]
        scale = 4 * h[i] * h[j]
        rounding = sum(abs(value - exact_value) for value, exact_value in values) / scale
        arithmetic = (4 * EPS / 2 * sum(abs(value) for value, _ in values) / scale
                      + EPS * abs(exact))
        return float(truncation + rounding + arithmetic)


def _bounds(fn, mp, grad, hess):
    """The finite differences' normwise bounds: (fd.gradient's, fd.hessian's)."""
    n = len(fn.x)
    g_bound = max(_absolute(scheme_bound(line(fn, i), mp, "central", grad[i])[1], grad[i])
                  for i in range(n))
    h_bound = max(_absolute(scheme_bound(line(fn, i), mp, "second central", hess[i][i])[1],
                            hess[i][i]) if i == j else mixed_bound(fn, mp, i, j, hess[i][j])
                  for i in range(n) for j in range(i, n))
    return (g_bound / float(max(abs(g) for g in grad)),
            h_bound / float(max(abs(e) for r in hess for e in r)))


def complex_step_gradient(fn, step=COMPLEX_STEP):
    """Im f(x + ih e_i) / h for each coordinate i (f must run on complex numbers)."""
    out = []
    for i in range(len(fn.x)):
        p = [complex(c) for c in fn.x]
        p[i] = complex(fn.x[i], step)
        out.append(fn.f(p, COMPLEX).imag / step)
    return out


def vector_row(fn, mp):
    """Every method's gradient and Hessian at fn's point, with its normwise error and
    bound; JSON-ready."""
    grad, hess = references(fn, mp)
    g_bound, h_bound = _bounds(fn, mp, grad, hess)
    x = np.array(fn.x)
    methods = {
        "dualnum gradient": (dn.gradient(fn.bound(DUAL), x), grad, ROUNDING_LEVEL),
        "fd.gradient": (fd.gradient(fn.bound(MATH), x), grad, g_bound),
        "dualnum Hessian": (dn.hessian(fn.bound(DUAL), x), hess, ROUNDING_LEVEL),
        "fd.hessian": (fd.hessian(fn.bound(MATH), x), hess, h_bound),
    }
    if fn.runs_on(COMPLEX):
        methods["complex step gradient"] = (complex_step_gradient(fn), grad, ROUNDING_LEVEL)
    row = {"function": fn.name, "x": list(fn.x), "gradient": [digits(g) for g in grad],
           "Hessian": [[digits(e) for e in r] for r in hess]}
    for name, (value, exact, bound) in methods.items():
        row[name] = {"value": np.asarray(value, dtype=float).tolist(),
                     "error": normwise_error(value, exact), "bound": bound}
    return row
