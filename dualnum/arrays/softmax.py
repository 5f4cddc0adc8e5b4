"""logsumexp, softmax and log_softmax of numbers, scalar duals and dual arrays, with
SciPy's signatures (``scipy.special.logsumexp``, ``softmax``, ``log_softmax``).

Each is computed shifted by the largest real part m along the axes (Blanchard, Higham and
Higham, "Accurately computing the log-sum-exp and softmax functions", IMA J. Numer. Anal.
41(4), 2021): ``log sum b exp(a) = m + log sum b exp(a - m)``, so no exp overflows. The
shift is a constant (real parts only): the result does not depend on it, so its derivative
is exact without differentiating the max. Everything else is dual arithmetic that dualnum
differentiates exactly (exp, sum, log, division), so the derivatives are those of the
formula: d logsumexp = sum softmax(a) da (+ exp(a - lse) db with b), d softmax_i =
softmax_i (da_i - sum softmax da).

SciPy's own functions reach a dual array through ``np.asarray`` (object arrays of scalar
duals) and then call ``np.isfinite``, which has no loop for objects: ``scipy.special
.logsumexp`` and ``log_softmax`` cannot run on duals (the refusal names these functions:
``dualnum.arrays.scipy_callers``); ``scipy.special.softmax`` runs on the object array,
exactly but element by element.
"""
import numpy as np

from ._storage import ArrayBase
from ._util import normalize_axis
from .scalars import _operand, _scalar_result


def _array(a):
    """a (numbers, lists, ndarrays, scalar duals, dual arrays) as an ndarray or a dual
    array, and its real parts as a float ndarray."""
    a = _operand(a)
    if isinstance(a, ArrayBase):
        return a, a.real
    a = np.asarray(a, dtype=np.float64)
    return a, a


def _shift(real, axes):
    """The largest real part along ``axes`` (kept as length-1 axes), 0 where it is not
    finite (all -inf: every term is 0; +inf or NaN: the sum is, unshifted)."""
    m = np.max(real, axis=axes, keepdims=True, initial=-np.inf)
    return np.where(np.isfinite(m), m, 0.0)


def _result(x):
    """A 0-d result as a scalar (a float or a scalar dual), as SciPy returns it."""
    if isinstance(x, np.ndarray):
        return x[()] if x.ndim == 0 else x
    return _scalar_result(x)


def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """``log(sum(b * exp(a), axis))`` without overflow, as ``scipy.special.logsumexp``.

    ``a``: numbers, lists, ndarrays, scalar duals or dual arrays; ``b`` (optional): weights
    of any of these kinds broadcast against ``a`` (negative ones subtract; where ``b`` is 0
    an infinite or NaN ``a`` adds nothing, as in SciPy). ``axis``: None (all axes), an int
    or a tuple. The result has a's shape without the axes (kept as length 1 with
    ``keepdims``): a float or scalar dual where it is 0-d. Where the sum is negative the
    result is NaN, unless ``return_sign``: then ``(log|sum|, sign(sum))``, the sign a float
    array (of the real parts). Raises NumPy's AxisError for an axis out of range and
    ValueError for shapes that do not broadcast.

    Derivatives are exact (see the module's docstring for the shift; Blanchard, Higham and
    Higham 2021).

    >>> import numpy as np, dualnum as dn
    >>> x = dn.DualArray([1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
    >>> y = dn.logsumexp(x)
    >>> bool(np.isclose(y.dual, np.exp(1.0) / np.exp([1.0, 2.0, 3.0]).sum()))
    True
    >>> dn.logsumexp([1.0, 2.0], b=[1.0, -1.0], return_sign=True)[1]
    np.float64(-1.0)
    """
    a, real = _array(a)
    if b is not None:
        b, b_real = _array(b)
        shape = np.broadcast_shapes(real.shape, b_real.shape)
        # a zero weight makes its term 0 even where a is infinite or NaN (SciPy's rule)
        a = np.where((b_real == 0) & ~np.isfinite(real), -np.inf, a)
        real = np.broadcast_to(np.where(b_real == 0, -np.inf, real), shape)
    axes = normalize_axis(axis, np.ndim(real))
    m = _shift(real, axes)
    terms = np.exp(a - m) if b is None else b * np.exp(a - m)
    # log 0 = -inf (every term 0); a negative sum: NaN (or its sign), as SciPy, silently
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.sum(terms, axis=axes, keepdims=True)
        sign = np.sign(s.real)
        out = np.log(np.abs(s) if return_sign else s) + m
    if not keepdims:
        out, sign = np.squeeze(out, axis=axes), np.squeeze(sign, axis=axes)
    out = _result(out)
    return (out, _result(sign)) if return_sign else out


def softmax(x, axis=None):
    """``exp(x) / sum(exp(x), axis)`` without overflow, as ``scipy.special.softmax``: x's
    shape (numbers, lists, ndarrays, scalar duals or dual arrays), summing to 1 along
    ``axis`` (None: all axes; an int or a tuple). Exact derivatives (Blanchard, Higham and
    Higham 2021 for the shift).

    >>> import numpy as np, dualnum as dn
    >>> p = dn.softmax(dn.DualArray([0.0, np.log(3.0)], [1.0, 0.0]))
    >>> [round(v, 12) for v in p.real.tolist() + p.dual.tolist()]
    [0.25, 0.75, 0.1875, -0.1875]
    """
    x, real = _array(x)
    axes = normalize_axis(axis, np.ndim(real))
    e = np.exp(x - _shift(real, axes))
    return _result(e / np.sum(e, axis=axes, keepdims=True))


def log_softmax(x, axis=None):
    """``x - logsumexp(x, axis, keepdims=True)``, as ``scipy.special.log_softmax``: x's
    shape, accurate where softmax underflows (``log_softmax([1000.0, 1.0])`` is
    ``[0, -999]``). Arguments and derivatives as in ``softmax``.

    >>> import dualnum as dn
    >>> dn.log_softmax([1000.0, 1.0]).tolist()
    [0.0, -999.0]
    """
    x, real = _array(x)
    axes = normalize_axis(axis, np.ndim(real))
    shifted = x - _shift(real, axes)
    with np.errstate(divide="ignore"):
        return _result(shifted - np.log(np.sum(np.exp(shifted), axis=axes, keepdims=True)))
