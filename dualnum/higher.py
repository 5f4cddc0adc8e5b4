"""Derivatives of any order from one evaluation on Taylor numbers: the functions behind
``dn.derivative(f, x, order=n)``, ``dn.derivatives(f, x, order=n)``, ``dn.taylor``,
``dn.directional_derivatives`` and ``dn.derivative_tensor``.

f is evaluated once on the series x(t) = x + t v (or a given series), and the normalised
Taylor coefficients t_k = (d/dt)^k f(x(t)) / k! at t = 0 of its result give every
derivative up to the order: f^(k)(x) = k! t_k (Griewank and Walther, "Evaluating
Derivatives", 2nd ed., SIAM 2008, chapter 13).

Where a power or a square root meets a zero of its argument of order m (sqrt(t**4),
(t**2)**1.5), the kernels need the argument to a higher order than asked to give the top
coefficients; they say how many more (``TaylorWarning.orders``), and the functions here
evaluate f again with that many more, so the result is exact. Where the result has no
Taylor series (|t| at 0), the coefficients that do not exist are NaN, with a warning.
"""
import contextlib
import math
import numbers
import warnings

import numpy as np

from .api import _NOT_ELEMENTWISE, _function, _probe_indices, _real_input
from . import _taylor
from ._threads import each_block, thread_count
from ._taylor import Taylor
from .series import TaylorArray
from .series.kernels import unscanned

# Coefficients per evaluation of an elementwise f over a large array: (d + 1) x block
# float64 numbers (352 KiB) stay in the caches between the operations of f, and the lower
# orders take longer blocks, so fewer calls of f (block_size).
BLOCK_COEFFICIENTS = 45056
# How many times f is evaluated again with more orders where a leading zero needs them.
RETRIES = 4


def block_size(order):
    """Elements per evaluation of an elementwise f at ``order``: BLOCK_COEFFICIENTS / (order
    + 1), a multiple of 256 (the kernels' own block) and at least 256 (order 10: 4096,
    order 2: 14848)."""
    return max(256, BLOCK_COEFFICIENTS // (order + 1) // 256 * 256)


def _order(order):
    """order as a non-negative int (TypeError, ValueError otherwise)."""
    if isinstance(order, bool) or not isinstance(order, numbers.Integral):
        raise TypeError("order must be a non-negative int, not %r" % (order,))
    if order < 0:
        raise ValueError("order must be a non-negative int, not %d" % order)
    return int(order)


def _coefficients(y, order):
    """The (order + 1,) + y.shape normalised coefficients of f's result y: a Taylor number or
    array, or a number or array that does not depend on t (its coefficients beyond 0 are 0)."""
    coefficients = getattr(y, "coefficients", None)
    if coefficients is not None:
        return np.asarray(coefficients)
    if isinstance(y, (numbers.Real, np.ndarray, np.generic)) and not isinstance(y, bool):
        value = np.asarray(y, dtype=np.float64)
        out = np.zeros((order + 1,) + value.shape)
        out[0] = value
        return out
    raise TypeError("f returned %s, not a number, an array or a Taylor number of the "
                    "input's" % type(y).__name__)


@contextlib.contextmanager
def _recorded():
    """Within: the TaylorWarnings of this context (thread, Dask task) are appended to the
    list yielded, as (warning, filename, line number), instead of issued
    (src/taylor_scalar.pxi: TAYLOR_RECORD)."""
    record = []
    token = _taylor.TAYLOR_RECORD.set(record)
    try:
        yield record
    finally:
        _taylor.TAYLOR_RECORD.reset(token)


def _evaluate(f, x, rest, d, scanned):
    """(f(x + rest[0] t + ...) to order d, the TaylorWarnings it gave: (warning, filename,
    line number)); on a Taylor array each operation's result scanned for NaN that no kernel
    reported (series.kernels.unscanned) where ``scanned``."""
    coefficients = np.zeros((d + 1,) + np.shape(x))
    coefficients[0] = x
    for k, c in enumerate(rest[:d], 1):
        coefficients[k] = c
    with _recorded() as caught:
        if not isinstance(x, np.ndarray):
            return f(Taylor(coefficients)), caught
        with contextlib.nullcontext() if scanned else unscanned():
            return f(TaylorArray._wrap(coefficients)), caught


def _series_of(f, x, rest, order):
    """The coefficients of f(x + rest[0] t + rest[1] t^2 + ...) to ``order`` (x an ndarray,
    rest a list of arrays of x's shape; or x a float, rest numbers), evaluated again with
    more orders where the kernels need them (see the module)."""
    extra = 0
    for _ in range(RETRIES + 1):
        d = order + extra
        y, caught = _evaluate(f, x, rest, d, False)
        if isinstance(x, np.ndarray) and _taylor.any_nan(_coefficients(y, d)):
            y, caught = _evaluate(f, x, rest, d, True)   # to name what made the NaN
        short = max((w.orders for w, _, _ in caught), default=0)
        # the coefficients asked for; shortfalls compound along a chain (sqrt(t**4) short by
        # 2, its quotient by 2 more), which the largest alone does not say: NaN left in them
        # asks for another evaluation too
        determined = d - short >= order and not (
            short and _taylor.any_nan(np.ascontiguousarray(_coefficients(y, d)[:order + 1])))
        if determined:
            break
        extra += short
    outer = _taylor.TAYLOR_RECORD.get()   # (the probe's evaluations keep theirs)
    for w, filename, line in caught:   # the last evaluation's, but for the orders it then had
        if determined and w.orders:
            continue
        if outer is not None:
            outer.append((w, filename, line))
        else:
            warnings.warn_explicit(w, type(w), filename, line)
    return _coefficients(y, d)[:order + 1]


def _elementwise(f, x, order, workers):
    """The coefficients (order + 1,) + x.shape of an elementwise f at every element of x,
    in blocks of block_size(order) elements, spread over ``workers`` threads (None: the
    CPUs this process may use; dualnum._threads), each block evaluated as in one thread;
    checked to be elementwise on a few elements evaluated apart, along other directions
    (ValueError otherwise, as for the first derivative)."""
    block = block_size(order)
    if x.size <= block:
        out = _block(f, x, np.ones(x.shape), order)
    else:
        flat = x.reshape(-1)
        out = np.empty((order + 1, flat.size))
        starts = range(0, flat.size, block)

        def store(j):
            piece = flat[starts[j]:starts[j] + block]
            out[:, starts[j]:starts[j] + piece.size] = _block(f, piece, np.ones(piece.shape),
                                                              order)
        each_block(store, len(starts), thread_count(workers, len(starts)),
                   contextlib.nullcontext)
        out = out.reshape((order + 1,) + x.shape)
    if x.size >= 2:
        # the picked elements in another order, along the directions 1, 1/2, 1/4, ...: an
        # elementwise f gives each element's coefficient k times its direction^k (exactly:
        # powers of 2), an f that mixes elements does not
        picks = _probe_indices(x.size)[::-1]
        directions = 0.5 ** (np.arange(picks.size) % 3)
        with _recorded():   # the probe's elements are the array's: their warnings were given
            alone = _block(f, x.reshape(-1)[picks], directions, order)
        have = out.reshape(order + 1, -1)[:, picks] * directions ** np.arange(
            order + 1).reshape(-1, 1)
        with np.errstate(invalid="ignore", over="ignore"):   # inf - inf: compared below
            scale = np.abs(have) + np.abs(alone)
            same = (have == alone) | (np.isnan(have) & np.isnan(alone)) | (
                np.abs(have - alone) <= 1e-9 * scale)
        if not np.all(same):
            raise ValueError(_NOT_ELEMENTWISE % "elements evaluated apart gave other "
                             "Taylor coefficients than in the whole array")
    return out


def _block(f, x, directions, order):
    """The coefficients (order + 1,) + x.shape of f(x + directions t); a result of
    another shape means that f is not elementwise (ValueError), but one that does not
    depend on t (f ignored x) is broadcast."""
    out = _series_of(f, x, [directions], order)
    if out.shape[1:] == x.shape:
        return out
    if out.shape[1:] == () and not np.any(out[1:]):
        return np.broadcast_to(out.reshape((order + 1,) + (1,) * x.ndim),
                               (order + 1,) + x.shape).copy()
    raise ValueError(_NOT_ELEMENTWISE % ("f returned shape %s for an input of shape %s"
                                         % (out.shape[1:], x.shape)))


def _scalar(f, x, order):
    """The coefficients (order + 1,) of f at the float x."""
    out = _series_of(f, x, [1.0], order)
    if out.shape != (order + 1,):
        raise ValueError("f returned shape %s for a number: derivative and derivatives take "
                         "a scalar f of a scalar x; for other functions use taylor, gradient "
                         "or jacobian" % (out.shape[1:],))
    return out


def taylor_coefficients(f, x, order, workers=1):
    """Normalised coefficients of an elementwise f at x (a float or an ndarray); an array's
    blocks on ``workers`` threads (checked by the API: None or a positive int)."""
    order = _order(order)
    if isinstance(x, np.ndarray):
        return _elementwise(f, x, order, workers)
    return _scalar(f, x, order)


# The largest k whose k! a float64 holds (171! overflows).
LARGEST_FACTORIAL = 170


def factorials(order):
    """k! for k = 0..order, as float64 (exact up to 22!, correctly rounded beyond);
    ValueError past LARGEST_FACTORIAL."""
    if order > LARGEST_FACTORIAL:
        raise ValueError("the derivatives of order %d and beyond are k! t_k, and %d! exceeds "
                         "the largest float64: ask for order <= %d, or for the normalised "
                         "coefficients t_k themselves with dn.taylor"
                         % (LARGEST_FACTORIAL + 1, LARGEST_FACTORIAL + 1, LARGEST_FACTORIAL))
    return np.array([float(math.factorial(k)) for k in range(order + 1)])


def derivatives_of(coefficients):
    """f^(k) = k! t_k for the coefficients of shape (d + 1,) + shape."""
    scale = factorials(coefficients.shape[0] - 1)
    return coefficients * scale.reshape((-1,) + (1,) * (coefficients.ndim - 1))


def jet(f, x, order, series):
    """The coefficients (order + 1,) + f's shape of f(x(t)), x(t) = x + sum series[j-1] t^j
    (x an ndarray or a float, series a list of arrays of x's shape)."""
    return _series_of(f, x, series, _order(order))


def polarised(f, x, vectors):
    """D^k f(x)[v_1, ..., v_k] (k = len(vectors)) from 2^(k-1) directional Taylor passes of
    order k by the polarisation identity of symmetric k-linear forms,
        T(v_1, ..., v_k) = 1/(k! 2^(k-1)) sum over e in {-1, 1}^(k-1) of
                           e_2 ... e_k D^k_w f(x),  w = v_1 + e_2 v_2 + ... + e_k v_k,
    with D^k_w f(x) = k! t_k along w (expanding D^k_w f multilinearly, the signs cancel
    every term but the k! that hold each of v_1, ..., v_k once). Each v_i is first scaled
    by a power of 2 to a largest entry near 1 (exact), and the result back by their
    product (the form is k-linear): vectors of unlike sizes would otherwise lose the small
    ones' terms to rounding in the sums w."""
    scales = [_power_of_two(np.max(np.abs(v), initial=0.0)) for v in vectors]
    vectors = [v / s for v, s in zip(vectors, scales)]
    k = len(vectors)
    total = None
    for signs in np.ndindex(*(2,) * (k - 1)):
        e = [1.0] + [1.0 - 2.0 * s for s in signs]
        w = sum(ei * v for ei, v in zip(e, vectors))
        top = jet(f, x, k, [w])[k]
        term = np.prod(e) * top
        total = term if total is None else total + term
    return total / 2.0 ** (k - 1) * math.prod(scales)


def _power_of_two(size):
    """The power of 2 nearest a vector's largest entry (1 for 0, inf or NaN)."""
    return 2.0 ** round(math.log2(size)) if 0.0 < size < math.inf else 1.0


# ---- the API ----

def _input(f, x, args, kwargs):
    """f bound to its further arguments, and x checked (api._real_input)."""
    f = _function(f, args, kwargs)
    return f, _real_input(x)


def _directions(x, v, name):
    """v as a float64 array of x's shape (a number only for a scalar x)."""
    v = _real_input(v, name)
    if np.shape(v) != np.shape(x):
        raise ValueError("%s must have x's shape %s, not %s" % (name, np.shape(x),
                                                                 np.shape(v)))
    return v


def derivative_of_order(f, x, order, args=(), kwargs=None, workers=1):
    """f^(order)(x): see dualnum.derivative."""
    f, x = _input(f, x, args, kwargs)
    order = _order(order)
    scale = factorials(order)[order]
    top = taylor_coefficients(f, x, order, workers)[order] * scale
    return top if isinstance(x, np.ndarray) else float(top)


def derivatives_to_order(f, x, order, args=(), kwargs=None, workers=1):
    """(f, f', ..., f^(order)) at x: see dualnum.derivatives."""
    f, x = _input(f, x, args, kwargs)
    factorials(_order(order))  # (refused before f is evaluated)
    out = derivatives_of(taylor_coefficients(f, x, _order(order), workers))
    return tuple(out) if isinstance(x, np.ndarray) else tuple(float(v) for v in out)


def taylor(f, x, order, *, series=None, args=(), kwargs=None):
    """Normalised Taylor coefficients t_0, ..., t_order of f(x(t)) at t = 0, where
    x(t) = x + t (every element moves with t) or, with ``series``, the series
    x(t) = x + series[0] t + series[1] t^2 + ... (normalised coefficients, as
    ``jax.experimental.jet`` takes an input series, but normalised: t_k = x^(k)(0) / k!).

    Returns an ndarray of shape (order + 1,) + the shape of f's result (a float x and a
    scalar f: shape (order + 1,)); ``t_k = f^(k) / k!``, so ``taylor(...)[k] * k!`` is the
    k-th derivative. For an elementwise f and no series, entry [k][i] is the k-th Taylor
    coefficient of f at x[i]; for any other f the coefficients are those of the curve
    t -> f(x(t)), f evaluated once on the whole array (a Taylor-mode ``jvp`` of any order).

    ``series``: a sequence of at most ``order`` arrays (or numbers) of x's shape; the
    coefficients past it are 0. The normalised recurrences of Griewank and Walther,
    "Evaluating Derivatives", 2nd ed., SIAM 2008, chapter 13 give O(order^2) work per
    operation. Raises TypeError for a non-callable f, a non-int order or an x that is not
    real (as ``derivative``), ValueError for a negative order, a series of another shape
    or longer than the order.

    >>> import numpy as np, dualnum as dn
    >>> c = dn.taylor(lambda t: np.exp(t) * np.cos(t), 0.0, 8)
    >>> round(c[8] * 40320, 12)     # f^(8)(0) of e^x cos x
    16.0

    A Taylor-series integrator step for y' = -y: the coefficients of y(t) from those of
    y' = f(y), one order at a time (y_(k+1) = f(y)_k / (k + 1)):

    >>> y = [1.0]
    >>> for k in range(4):
    ...     y.append(dn.taylor(lambda u: -u, y[0], k, series=y[1:])[k] / (k + 1))
    >>> np.allclose(y, [1, -1, 1/2, -1/6, 1/24])
    True
    """
    f, x = _input(f, x, args, kwargs)
    order = _order(order)
    if series is None:
        if isinstance(x, np.ndarray):
            return _series_of(f, x, [np.ones(x.shape)], order)
        return jet(f, x, order, [1.0])
    if isinstance(series, (str, bytes)) or not isinstance(series, (list, tuple, np.ndarray)):
        raise TypeError("series must be a sequence (list, tuple or array) of the input's "
                        "Taylor coefficients 1, 2, ..., each a number or an array of x's "
                        "shape, not %s" % type(series).__name__)
    series = [_directions(x, s, "series[%d]" % j) for j, s in enumerate(series)]
    if len(series) > order:
        raise ValueError("series has %d coefficients, more than the order %d: a series to "
                         "order d gives f's coefficients to order d" % (len(series), order))
    return jet(f, x, order, series)


def directional_derivatives(f, x, v, order, *, args=(), kwargs=None):
    """The directional derivatives D_v^k f(x) = (d/dt)^k f(x + t v) at t = 0, for
    k = 0, ..., order, from one Taylor evaluation of f: an ndarray of shape
    (order + 1,) + the shape of f's result. f is any function of the array x (not only an
    elementwise one); v has x's shape (ValueError otherwise). ``D_v^2 f = v^T H v``.

    >>> import numpy as np, dualnum as dn
    >>> from scipy.optimize import rosen_hess
    >>> rosen = lambda p: np.sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1 - p[:-1]) ** 2)
    >>> x, v = np.array([0.5, -1.0, 2.0]), np.array([1.0, 2.0, -1.0])
    >>> d = dn.directional_derivatives(rosen, x, v, 3)
    >>> bool(np.isclose(d[2], v @ rosen_hess(x) @ v))
    True
    """
    f, x = _input(f, x, args, kwargs)
    order = _order(order)
    factorials(order)
    return derivatives_of(jet(f, x, order, [_directions(x, v, "v")]))


def derivative_tensor(f, x, *vectors, args=(), kwargs=None):
    """The k-th derivative tensor of f at x contracted with k vectors,
    D^k f(x)[v_1, ..., v_k] = sum over i_1..i_k of d^k f / dx_(i_1) ... dx_(i_k) v_1[i_1]
    ... v_k[i_k], without forming the tensor: 2^(k-1) Taylor evaluations of f of order k
    along v_1 +- v_2 +- ... +- v_k (the polarisation identity of symmetric k-linear
    forms). Any k >= 1 (the cost doubles with each vector); each v_j has x's shape. The
    result has the shape of f's result. With k = 3: the third-derivative tensor of a
    scalar f applied to three vectors; ``derivative_tensor(f, x, u, v, w)`` for unit
    vectors is one entry of it.

    >>> import numpy as np, dualnum as dn
    >>> f = lambda p: p[0] ** 2 * p[1] * p[2]      # d^3 f / dx0 dx0 dx1 = 2 x2
    >>> e = np.eye(3)
    >>> float(dn.derivative_tensor(f, np.array([1.0, 2.0, 3.0]), e[0], e[0], e[1]))
    6.0
    """
    f, x = _input(f, x, args, kwargs)
    if not vectors:
        raise ValueError("derivative_tensor needs one vector at least (k = len(vectors))")
    vectors = [_directions(x, v, "vectors[%d]" % j) for j, v in enumerate(vectors)]
    return polarised(f, x, vectors)
