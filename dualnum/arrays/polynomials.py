"""NumPy's polynomial functions (numpy.poly*, roots) on dual coefficients and points.

Evaluation, arithmetic, derivatives and integrals of coefficient vectors are NumPy's
algorithms in the arrays' exact arithmetic (products are convolutions, :mod:`.products`).
polyfit is linear in y: the same least-squares solve applies to every part. roots
differentiates each simple real root r of p implicitly (p(r) = 0: dr = -dp(r) / p'(r)), by
two Newton steps in dual arithmetic from NumPy's root, exact to second order.
"""
import numpy as np
import numpy.polynomial.polynomial as _power_series

from ._registry import implements
from ._storage import ArrayBase
from ._util import refuse
from .calculus import _operand as _any_operand
from .reductions import scalar_or_array


def _operand(x, ndmin=1):
    """calculus's operand (a dual array or a float ndarray), at least 1-D unless ndmin is 0."""
    x = _any_operand(x)
    return np.atleast_1d(x) if ndmin else x


@implements(np.polyval)
def _polyval(p, x):
    """Horner's scheme, p[0] x**(n-1) + ... + p[n-1], on dual p and/or x (NumPy's loop)."""
    if isinstance(x, ArrayBase) or not isinstance(p, ArrayBase):
        y = 0.0 * x if isinstance(x, ArrayBase) else np.zeros_like(np.asarray(x, float))
    else:
        y = 0.0 * p[0] + np.zeros_like(np.asarray(x, float))
    for coefficient in p:
        y = y * x + coefficient
    return scalar_or_array(y) if isinstance(y, ArrayBase) else y


def _padded(a1, a2):
    """The two coefficient vectors with zeros in front of the shorter."""
    a1, a2 = _operand(a1), _operand(a2)
    diff = len(a2) - len(a1)
    if diff > 0:
        a1 = np.concatenate([np.zeros(diff), a1])
    elif diff < 0:
        a2 = np.concatenate([np.zeros(-diff), a2])
    return a1, a2


@implements(np.polyadd)
def _polyadd(a1, a2):
    a1, a2 = _padded(a1, a2)
    return a1 + a2


@implements(np.polysub)
def _polysub(a1, a2):
    a1, a2 = _padded(a1, a2)
    return a1 - a2


@implements(np.polymul)
def _polymul(a1, a2):
    return np.convolve(_operand(a1), _operand(a2))


@implements(np.poly)
def _poly(seq_of_zeros):
    """The coefficients of prod (x - r) over the roots: repeated convolutions. (A square
    matrix, whose characteristic polynomial NumPy takes from its complex eigenvalues, is
    refused.)"""
    zeros = _operand(seq_of_zeros) if np.ndim(seq_of_zeros) < 2 else seq_of_zeros
    if np.ndim(zeros) == 2 and np.shape(zeros)[0] == np.shape(zeros)[1] != 0:
        refuse("poly", "a square dual matrix", "its characteristic polynomial comes from "
               "eigenvalues, which may be complex (dual numbers are real)")
    if np.ndim(zeros) != 1:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    factors = np.stack([np.ones(len(zeros)), -zeros], axis=1)  # the rows (1, -r)
    a = np.ones(1)
    for factor in factors:
        a = np.convolve(a, factor)
    return a


@implements(np.polydiv)
def _polydiv(u, v):
    """Long division u = q v + r (NumPy's algorithm). The m - n + 1 leading coefficients of
    the remainder, eliminated by construction, are dropped; further leading coefficients
    are dropped, as NumPy does, where they are close to 0, but only where their
    perturbation parts are zero as well (a remainder coefficient that is 0 at this point but
    varies is kept, so NumPy's remainder of the real parts can be shorter)."""
    u, v = _operand(u), _operand(v)
    m, n = len(u) - 1, len(v) - 1
    scale = 1.0 / v[0]
    q = 0.0 * np.zeros(max(m - n + 1, 1)) * (u[0] + v[0])
    r = u + 0.0 * v[0]
    for k in range(0, m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] = r[k:k + n + 1] - d * v
    r = r[max(m - n + 1, 0):] if m >= n else r
    while len(r) > 1 and np.allclose(r.real[0], 0, rtol=1e-14) and \
            not any(np.any(p[0]) for p in r._parts[1:]):
        r = r[1:]
    return q, r


@implements(np.polyder)
def _polyder(p, m=1):
    """The m-th derivative: coefficients times their powers, m times."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    p = _operand(p, 0)
    len(p)  # TypeError for a number, as NumPy's
    for _ in range(m):
        n = len(p) - 1
        p = p[:-1] * np.arange(n, 0, -1) if n > 0 else p[:1] * 0.0
    return p


@implements(np.polyint)
def _polyint(p, m=1, k=None):
    """The m-th antiderivative, the integration constants k (dual or not) appended."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = np.zeros(m)
    k = _operand(k)
    if len(k) == 1 and m > 1:
        k = k[0] * np.ones(m)
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    p = _operand(p, 0)
    for i in range(m):
        p = np.concatenate([p / np.arange(len(p), 0, -1), k[i:i + 1]])
    return p


@implements(np.polyfit)
def _polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """The least-squares coefficients of a dual y: NumPy's solve (scaled Vandermonde matrix,
    lstsq) applied to every part at once, y's perturbations being further right-hand sides.
    x and w are constants (dual ones are refused: the fit is not linear in them); cov=True
    is refused. full=True adds the residual sum of squares (dual) and NumPy's rank, singular
    values and rcond."""
    if isinstance(x, ArrayBase) or isinstance(w, ArrayBase):
        refuse("polyfit", "a dual x or w", "the fit is linear in y alone; pass the real "
               "parts of x and w")
    if cov:
        refuse("polyfit", "cov=True", "the scaled covariance of the coefficients is not "
               "differentiated; compute it from the dual residuals if needed")
    real = np.polyfit(x, y.real, deg, rcond, full, w)  # NumPy's values, checks and warnings
    x = np.asarray(x, dtype=float) + 0.0
    lhs = np.vander(x, int(deg) + 1)
    rows = y
    if w is not None:
        w = np.asarray(w, dtype=float)
        lhs = lhs * w[:, np.newaxis]
        rows = rows * (w if y.ndim == 1 else w[:, np.newaxis])
    scale = np.sqrt(np.square(lhs).sum(axis=0))
    lhs = lhs / scale
    rcond = len(x) * np.finfo(x.dtype).eps if rcond is None else rcond
    parts = [np.linalg.lstsq(lhs, p.reshape(len(x), -1), rcond)[0] for p in rows._parts[1:]]
    coefficients = y._with_parts([real[0] if full else real] + [
        (c / scale[:, None]).reshape((deg + 1,) + p.shape[1:])
        for c, p in zip(parts, rows._parts[1:])])
    if not full:
        return coefficients
    fitted = np.tensordot(np.vander(x, int(deg) + 1), coefficients, 1)
    weighted = (y - fitted) if w is None else (y - fitted) * (
        w if y.ndim == 1 else w[:, np.newaxis])
    residuals = np.atleast_1d(np.sum(weighted * weighted, axis=0)) if len(real[1]) else real[1]
    return (coefficients, residuals) + tuple(real[2:])


@implements(np.roots)
def _roots(p):
    """The real roots of p (NumPy's, in its order), each differentiated implicitly: two
    Newton steps r - p(r) / p'(r) in dual arithmetic from NumPy's root give its first and
    second derivatives exactly (the error of Newton's method is quadratic, and the square
    of a first-order perturbation of a hyper-dual number holds no more than e1e2). Complex
    roots are refused. At a multiple root the derivative does not exist (p'(r) = 0): the
    results there are infinite or NaN."""
    p = _operand(p)
    found = np.roots(p.real)
    if np.iscomplexobj(found) and np.any(found.imag != 0):
        raise TypeError("numpy.roots on dual arrays: the polynomial has complex roots "
                        "(%s); dual numbers are real, and only real roots are differentiated"
                        % ", ".join(str(r) for r in found[found.imag != 0]))
    found = np.real(found)
    slope = np.polyder(p)
    r = found + 0.0 * p[0]
    for _ in range(2):
        r = r - np.polyval(p, r) / np.polyval(slope, r)
    return r._with_parts([found] + list(r._parts[1:]))


def _power_series_values(x, c, tensor):
    """numpy.polynomial.polynomial.polyval(x, c, tensor) by Horner's scheme in dual
    arithmetic: c[0] + c[1] x + ..., the trailing axes of c being further polynomials."""
    x, c = _operand(x, 0), _operand(c)
    if tensor:
        c = c.reshape(c.shape + (1,) * np.ndim(x))
    y = c[-1] + 0.0 * x
    for k in range(2, len(c) + 1):
        y = c[-k] + y * x
    return y


@implements(_power_series.polyval2d)
def _polyval2d(x, y, c):
    """sum_ij c[i, j] x**i y**j at the points (x, y) (of one shape: ValueError otherwise)."""
    if np.shape(x) != np.shape(y):
        raise ValueError("x, y are incompatible")
    values = _power_series_values(y, _power_series_values(x, c, True), False)
    return scalar_or_array(values) if isinstance(values, ArrayBase) else values


@implements(_power_series.polygrid2d)
def _polygrid2d(x, y, c):
    """sum_ij c[i, j] a**i b**j on the Cartesian product of x and y: shape
    x.shape + y.shape."""
    values = _power_series_values(y, _power_series_values(x, c, True), True)
    return scalar_or_array(values) if isinstance(values, ArrayBase) else values
