"""The differentiation API: seed the inputs with duals, call f once per direction, read the
parts of the result.

Scalars in give floats out; arrays in give ndarrays out. ``f`` is called with Dual or
HyperDual numbers (object arrays of them for array inputs), so it must be written with
operators, dualnum functions or NumPy ufuncs, not ``math``.
"""
import numbers

import numpy as np

from ._scalar import Dual, HyperDual

_DUALS = (Dual, HyperDual)


def _real_input(x):
    """x as a float or a float ndarray; nested derivatives are refused, not mis-computed."""
    if isinstance(x, _DUALS) or (isinstance(x, np.ndarray) and x.dtype == object):
        raise TypeError(
            "dualnum does not nest derivatives (a dual inside a dual): use "
            "second_derivative, derivatives or hessian for second order")
    if isinstance(x, numbers.Real) and not isinstance(x, np.ndarray):
        return float(x)
    arr = np.asarray(x, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def _part(value, part, kind):
    """One part of f's result: a float for a scalar, an ndarray for an array.

    A plain number in the result is a constant: its perturbation parts are 0.
    """
    if type(value) is kind:
        return getattr(value, part)
    if isinstance(value, _DUALS):
        raise TypeError("f returned a %s for %s inputs" % (type(value).__name__, kind.__name__))
    if isinstance(value, numbers.Real) and not isinstance(value, np.ndarray):
        return float(value) if part == "real" else 0.0
    if isinstance(value, (np.ndarray, list, tuple)):
        items = np.asarray(value, dtype=object)
        out = np.array([_part(v, part, kind) for v in items.flat], dtype=np.float64)
        return out.reshape(items.shape)
    raise TypeError("f must return a number, a Dual/HyperDual or an array of them, not %s"
                    % type(value).__name__)


def _like(x, part):
    """An elementwise f's part at an array x has x's shape, even where f ignored x."""
    if isinstance(x, np.ndarray) and np.ndim(part) == 0:
        return np.full(x.shape, part)
    return part


def _seeded(kind, x, *parts):
    """x (float or ndarray) seeded as `kind` with the given perturbation parts (same shape)."""
    if not isinstance(x, np.ndarray):
        return kind(x, *parts)
    return np.frompyfunc(kind, 1 + len(parts), 1)(x, *parts)


def _unit(x, i):
    e = np.zeros(x.shape)
    e.flat[i] = 1.0
    return e


def derivative(f, x):
    """First derivative of a scalar function f at x, exact to rounding.

    x may be an array, for an elementwise f: the result has x's shape.

    >>> import dualnum as dn
    >>> dn.derivative(lambda t: t ** 3 + 2 * t, 2.0)
    14.0
    """
    if type(x) is float:  # the common case, kept short: it is timed against two calls of f
        y = f(Dual(x, 1.0))
        return y.dual if type(y) is Dual else _part(y, "dual", Dual)
    x = _real_input(x)
    one = np.ones(x.shape) if isinstance(x, np.ndarray) else 1.0
    return _like(x, _part(f(_seeded(Dual, x, one)), "dual", Dual))


def second_derivative(f, x):
    """Second derivative of a scalar function f at x, from one hyper-dual evaluation.

    >>> import dualnum as dn
    >>> dn.second_derivative(lambda t: t ** 3, 2.0)
    12.0
    """
    if type(x) is float:
        y = f(HyperDual(x, 1.0, 1.0, 0.0))
        return y.eps1eps2 if type(y) is HyperDual else _part(y, "eps1eps2", HyperDual)
    return derivatives(f, x)[2]


def derivatives(f, x):
    """``(f(x), f'(x), f''(x))`` from one hyper-dual evaluation.

    >>> import dualnum as dn
    >>> dn.derivatives(lambda t: t ** 3, 2.0)
    (8.0, 12.0, 12.0)
    """
    x = _real_input(x)
    one = np.ones(x.shape) if isinstance(x, np.ndarray) else 1.0
    y = f(_seeded(HyperDual, x, one, one, 0.0 * one))
    return tuple(_like(x, _part(y, part, HyperDual)) for part in ("real", "eps1", "eps1eps2"))


def jvp(f, x, v):
    """Jacobian-vector product J(x) v of f at x along v, in one dual evaluation.

    The result has the shape of f's output (a float for a scalar-valued f).

    >>> import dualnum as dn
    >>> dn.jvp(lambda p: p[0] * p[1], [2.0, 3.0], [1.0, 1.0])
    5.0
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    v = np.broadcast_to(np.asarray(v, dtype=np.float64), x.shape)
    return _part(f(_seeded(Dual, x, v)), "dual", Dual)


def jacobian(f, x):
    """Jacobian of f at x: shape ``f(x).shape + x.shape``, one dual evaluation per input.

    >>> import dualnum as dn
    >>> dn.jacobian(lambda p: [p[0] * p[1], p[0] + p[1]], [2.0, 3.0])
    array([[3., 2.],
           [1., 1.]])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    columns = [jvp(f, x, _unit(x, i)) for i in range(x.size)]
    return np.moveaxis(np.asarray(columns, dtype=np.float64), 0, -1).reshape(
        np.shape(columns[0]) + x.shape) if columns else np.zeros(x.shape)


def gradient(f, x):
    """Gradient of a scalar-valued f at x (an array of x's shape).

    >>> import dualnum as dn
    >>> dn.gradient(lambda p: p[0] ** 2 + 3 * p[0] * p[1], [1.0, 2.0])
    array([8., 3.])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    g = jacobian(f, x)
    if g.shape != x.shape:
        raise ValueError("gradient needs a scalar-valued f; use jacobian for f with output "
                         "shape %s" % (g.shape[:g.ndim - x.ndim],))
    return g


def hvp(f, x, v):
    """Hessian-vector product H(x) v of a scalar-valued f, one hyper-dual evaluation per
    input.

    >>> import dualnum as dn
    >>> dn.hvp(lambda p: p[0] ** 2 * p[1], [1.0, 2.0], [1.0, 0.0])
    array([4., 2.])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    v = np.broadcast_to(np.asarray(v, dtype=np.float64), x.shape)
    zero = np.zeros(x.shape)
    out = np.empty(x.shape)
    for i in range(x.size):
        out.flat[i] = _scalar_part(f(_seeded(HyperDual, x, v, _unit(x, i), zero)))
    return out


def hessian(f, x):
    """Hessian of a scalar-valued f at x: shape ``x.shape + x.shape``, one hyper-dual
    evaluation per pair of inputs (symmetry halves the count).

    >>> import dualnum as dn
    >>> dn.hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0])
    array([[4., 2.],
           [2., 0.]])
    """
    x = np.asarray(_real_input(x), dtype=np.float64)
    n = x.size
    zero = np.zeros(x.shape)
    h = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            y = f(_seeded(HyperDual, x, _unit(x, i), _unit(x, j), zero))
            h[i, j] = h[j, i] = _scalar_part(y)
    return h.reshape(x.shape + x.shape)


def _scalar_part(y):
    part = _part(y, "eps1eps2", HyperDual)
    if np.ndim(part) != 0:
        raise ValueError("hessian and hvp need a scalar-valued f; f returned shape %s"
                         % (np.shape(part),))
    return float(part)
