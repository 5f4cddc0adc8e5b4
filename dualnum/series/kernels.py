"""The compiled kernels of Taylor arithmetic (dualnum._taylor), called on series.

A series of shape S is a float64 array of shape (d + 1,) + S, normalised Taylor coefficient
k (f^(k)(t0) / k!) at [k]. The kernels take series of one shape, C-contiguous; this module
spreads series and constants to a common shape first (NumPy's broadcasting over S), runs a
rule of the table (dualnum.rules) by name, with its parameters as numbers or arrays, and
warns with :class:`TaylorWarning` where the kernel put NaN in coefficients it could not
determine. Nothing here knows TaylorArray.
"""
import contextlib
import sys
import threading

import numpy as np

from .. import _taylor

_FLOAT = np.float64


# The warning of NaN put in coefficients, shared with the scalar type (dualnum.Taylor): an
# element has no Taylor series at its point, or its top coefficients need more orders of the
# input than it has; ``orders`` says how many more.
TaylorWarning = _taylor.TaylorWarning
# warnings.warn of a TaylorWarning, or its record while dualnum.higher evaluates f
# (src/taylor_scalar.pxi says why)
issue_taylor_warning = _taylor.issue_taylor_warning


def lifted(series, ndim):
    """``series`` (shape (d + 1,) + S) with length-1 axes after its first, so that S has
    ``ndim`` axes: NumPy broadcasts it against other series and constants of ndim axes."""
    missing = ndim - (series.ndim - 1)
    if missing <= 0:
        return series
    return series.reshape(series.shape[:1] + (1,) * missing + series.shape[1:])


def _common(a, b):
    """The element shape of two series broadcast against each other."""
    return a.shape[1:] if a.shape == b.shape else np.broadcast_shapes(a.shape[1:], b.shape[1:])


def spread(series, shape):
    """``series`` broadcast to the element shape ``shape``, C-contiguous (a copy where it
    has to be)."""
    target = series.shape[:1] + tuple(shape)
    if series.shape != target:
        series = np.broadcast_to(lifted(series, len(shape)), target)
    return np.ascontiguousarray(series)


def constant_series(value, order, shape=None):
    """The series of a constant (float64 array or number): coefficient 0 the value, every
    other 0; of the element shape ``shape`` (default: the value's)."""
    value = np.asarray(value, dtype=_FLOAT)
    shape = value.shape if shape is None else tuple(shape)
    out = np.zeros((order + 1,) + shape)
    out[0] = value
    return out


def unary(name, series, params=(), what=None):
    """The series of rule ``name`` (dualnum.rules.UNARY) of ``series``, with the rule's
    parameters ``params`` (numbers, or float64 arrays broadcasting against the elements:
    then the result has the broadcast shape, each element computed with its own values).
    Warns (TaylorWarning) naming ``what`` (default: the rule) where NaN was put in
    coefficients."""
    if all(np.ndim(p) == 0 for p in params):
        out, short, broken = _taylor.unary(name, np.ascontiguousarray(series),
                                           *map(float, params))
    else:
        out, short, broken = _per_parameter(name, series, params)
    warn(what or name, short, broken, len(series) - 1, out, (series,), params)
    return out


def _per_parameter(name, series, params):
    """unary for array parameters: the kernel once per distinct combination of parameter
    values, on the elements that have it (each element's coefficients as a single
    element's)."""
    shape = np.broadcast_shapes(series.shape[1:], *(np.shape(p) for p in params))
    flat = spread(series, shape).reshape(len(series), -1)
    values = np.stack([np.broadcast_to(np.asarray(p, dtype=_FLOAT), shape).reshape(-1)
                       for p in params], axis=1)
    out = np.empty_like(flat)
    short, broken = 0, False
    if flat.shape[1]:
        combos, which = np.unique(values, axis=0, return_inverse=True)
        which = which.reshape(-1)
        for i, combo in enumerate(combos):
            at = np.flatnonzero(which == i)
            part, s, b = _taylor.unary(name, np.ascontiguousarray(flat[:, at]),
                                       *map(float, combo))
            out[:, at] = part
            short, broken = max(short, s), broken or b
    return out.reshape(series.shape[:1] + shape), short, broken


def binary(name, a, b, what=None):
    """The series of rule ``name`` (dualnum.rules.BINARY) of the series ``a`` and ``b``
    (of one order; broadcast against each other). Warns as :func:`unary`."""
    shape = _common(a, b)
    a, b = spread(a, shape), spread(b, shape)
    out, short, broken = _taylor.binary(name, a, b)
    warn(what or name, short, broken, len(a) - 1, out, (a, b))
    return out


def product(a, b, what="numpy.multiply"):
    """The series a b (broadcast against each other): the product kernel, whose bits the
    scalar type's products share. Warns as :func:`unary`."""
    shape = _common(a, b)
    a, b = spread(a, shape), spread(b, shape)
    out = _taylor.mul(a, b)
    warn(what, 0, False, len(a) - 1, out, (a, b))
    return out


def quotient(a, b, what="numpy.divide"):
    """The series a / b (broadcast against each other): the quotient kernel, as the scalar
    type's; where b's coefficient 0 is 0, exact where a starts with as many zeros (the top
    coefficients NaN: a shortfall), a pole otherwise (dualnum._taylor.quotient). Warns as
    :func:`unary`."""
    shape = _common(a, b)
    a, b = spread(a, shape), spread(b, shape)
    out, short, broken = _taylor.quotient(a, b)
    warn(what, short, broken, len(a) - 1, out, (a, b))
    return out


# Whether the catch-all scan of each result is off in this thread (unscanned)
_SCAN = threading.local()


@contextlib.contextmanager
def unscanned():
    """Within: no catch-all scan of each kernel's result for NaN. dualnum.higher evaluates
    f so, scans f's result once, and evaluates f again, scanned, where that holds NaN (the
    warnings then name the operation that made it): a pass over every result saved."""
    before = getattr(_SCAN, "off", False)
    _SCAN.off = True
    try:
        yield
    finally:
        _SCAN.off = before


def warn(what, short, broken, order, out=None, inputs=(), params=()):
    """Warn (TaylorWarning) that ``what`` put NaN in coefficients of series of the given
    order: ``short`` > 0 where the top coefficients need that many more input orders,
    ``broken`` where some element has no Taylor series at its point; where neither, but
    the result ``out`` has NaN in an element whose ``inputs`` (series) have none, which
    orders those are (the catch-all: one pass over ``out`` where it has no NaN; the rule's
    ``params``, numbers or arrays of the elements' shape, count as inputs)."""
    if not short and not broken:
        if out is not None and not getattr(_SCAN, "off", False) and _taylor.any_nan(out):
            inputs += tuple(np.asarray(p, dtype=_FLOAT)[None] for p in params)
            orders, at_pole = _taylor.unreported_nan(out, *inputs)
            if orders:
                w = TaylorWarning(_taylor.nan_message(what, orders, at_pole))
                issue_taylor_warning(w, _outside())
        return
    said = []
    if broken:
        said.append("NaN put in the Taylor coefficients of some elements from where their "
                    "series fails: the function has no Taylor series at their point (a kink, "
                    "a jump, a pole or a branch point there). Fix: expand about another "
                    "point, or write the function so that it is smooth there (x * x rather "
                    "than abs(x) ** 2)")
    if short:
        said.append("NaN put in the top %d coefficient(s) of some elements: their input "
                    "series starts with zero coefficients, and they need %d more input "
                    "orders than the %d given. Fix: evaluate with order %d "
                    "(TaylorArray.variable(x, %d)) and keep the coefficients up to order %d "
                    "(its own top %d stay NaN)" % (short, short, order, order + short,
                                                   order + short, order, short))
    w = TaylorWarning("%s: %s" % (what, "; ".join(said)))
    w.orders = int(short)
    issue_taylor_warning(w, _outside())


def _outside():
    """The stacklevel of warnings.warn that names the first caller outside dualnum and
    NumPy."""
    frame, level = sys._getframe(2), 2
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] in (
            "dualnum", "numpy"):
        frame, level = frame.f_back, level + 1
    return level
