"""Statistics of dual arrays: var, std, average, ptp, cov, corrcoef, the cumulative_* functions
and the nan* reductions; the order statistics (median, quantile, percentile and their nan*
forms) are in :mod:`.quantiles`.

Moments are computed with the arrays' own exact arithmetic, as NumPy computes them on floats.
``std`` is the Euclidean norm of the deviations over sqrt(n - ddof): at zero spread (a
constant sample) it has the norm's conventions (first derivatives 0, the mean of the
one-sided ones; second derivatives NaN where the sample is perturbed) and keeps its square,
the variance, so that ``std(x)**2`` is as smooth as ``var(x)``. The nan* functions leave the
elements whose real part is NaN out, with all their parts.
"""
import numpy as np

from ._registry import implements, write_out
from ._storage import ArrayBase
from ._util import float64_only, holds_parts, normalize_axis, refuse
from .elementwise import _real
from .norms import _euclidean
from .reductions import (_NO, _constant, _cumprod, _cumsum, _max, _min, _prod, _sum,
                         scalar_or_array)


def _flag(value):
    """keepdims= of NumPy's newer signatures: not given means False."""
    return False if value is _NO else value


def _selected(a, where):
    """The elements a reduction reads: a bool array of a's shape, or True for all."""
    return True if where is _NO or where is True else np.broadcast_to(where, a.shape)


def _count(a, axes, mask):
    """The number of elements each reduction over ``axes`` reads (with keepdims)."""
    if mask is True:
        return float(np.prod([a.shape[i] for i in axes]))
    return np.sum(mask, axis=axes, keepdims=True).astype(float)


def _deviations(name, a, axis, dtype, ddof, where, mean, correction):
    """(deviations from the mean, zero where ``where`` leaves elements out; n - ddof with
    keepdims; the axes), NumPy's _var up to its last sum."""
    float64_only(name, dtype)
    if correction is not _NO:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    axes = normalize_axis(axis, a.ndim)
    mask = _selected(a, where)
    if mean is _NO:
        mean = np.mean(a, axis=axes, keepdims=True, where=mask)
    deviations = a - mean
    if mask is not True:
        deviations = np.where(mask, deviations, 0.0)
    return deviations, np.maximum(_count(a, axes, mask) - ddof, 0), axes


def _spread(name, root, a, axis, dtype, out, ddof, keepdims, where, mean, correction):
    """var (root False) or std (root True) of numpy.NAME."""
    d, count, axes = _deviations(name, a, axis, dtype, ddof, where, mean, correction)
    if root:
        return write_out(name, _euclidean(d, axes, _flag(keepdims), count), out)
    result = np.sum(d * d, axis=axes, keepdims=True) / count
    if not _flag(keepdims):
        result = np.reshape(result, [n for i, n in enumerate(a.shape) if i not in axes])
    return write_out(name, scalar_or_array(result) if holds_parts(result) else result,
                     out)


@implements(np.var)
def _var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NO, *, where=_NO, mean=_NO,
         correction=_NO):
    """The mean squared deviation, sum((a - mean)**2) / (n - ddof), with NumPy's keywords
    (``mean=`` a precomputed mean with keepdims, dual or not; ``correction=`` for ddof)."""
    return _spread("var", False, a, axis, dtype, out, ddof, keepdims, where, mean, correction)


@implements(np.std)
def _std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NO, *, where=_NO, mean=_NO,
         correction=_NO):
    """sqrt(var), as the Euclidean norm of the deviations over sqrt(n - ddof): at a
    constant sample (zero spread, the norm's cone point) the first derivatives are 0 and
    the second NaN where perturbed, and the result keeps var as its square. Where the sum
    of squared deviations leaves [2^-600, 2^600] (NumPy's std is 0 or inf there) the value
    and parts are the true ones, from scaled deviations (dualnum.arrays.norms._scaled).

    >>> import numpy as np, dualnum as dn
    >>> s = np.std(dn.HyperDualArray([2.0, 2.0], [1.0, -1.0], [1.0, -1.0], 0.0))
    >>> s.eps1, s.eps1eps2, (s**2).eps1eps2   # at zero spread: a kink; its square smooth
    (0.0, nan, 2.0)
    """
    return _spread("std", True, a, axis, dtype, out, ddof, keepdims, where, mean, correction)


@implements(np.average)
def _average(a, axis=None, weights=None, returned=False, *, keepdims=_NO):
    """sum(a * w) / sum(w) along axis (the mean without weights), NumPy's algorithm in the
    arrays' arithmetic: weights dual or not, of a's shape or of its shape along ``axis``."""
    if axis is not None:
        axis = normalize_axis(axis, np.ndim(a))
    keep = {} if keepdims is _NO else {"keepdims": keepdims}
    if weights is None:
        avg = np.mean(a, axis, **keep)
        scale = float(np.size(a) / max(np.size(_real(avg)), 1))
    else:
        wgt = weights if holds_parts(weights) else np.asarray(weights, dtype=float)
        shape = np.shape(a)
        if shape != np.shape(wgt):
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if np.shape(wgt) != tuple(shape[ax] for ax in axis):
                raise ValueError("Shape of weights must be consistent with shape of a along "
                                 "specified axis.")
            wgt = np.transpose(wgt, tuple(np.argsort(axis).tolist()))
            wgt = np.reshape(wgt, tuple(s if ax in axis else 1 for ax, s in enumerate(shape)))
        scale = np.sum(wgt, axis=axis, **keep)
        if np.any(_real(scale) == 0.0):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = np.sum(a * wgt, axis=axis, **keep) / scale
    if not returned:
        return avg
    if np.shape(scale) != np.shape(avg):
        scale = np.broadcast_to(scale, np.shape(avg)).copy()
    return avg, scale


@implements(np.ptp)
def _ptp(a, axis=None, out=None, keepdims=_NO):
    """max - min, with their conventions at ties."""
    keep = _flag(keepdims)
    return write_out("ptp", _max(a, axis, keepdims=keep) - _min(a, axis, keepdims=keep), out)


def _cumulative(name, step, empty, x, axis, dtype, out, include_initial):
    """cumulative_sum / cumulative_prod: NumPy's checks (on the real parts), then the exact
    cumsum / cumprod, after ``empty`` (0 or 1) where include_initial."""
    float64_only(name, dtype)
    getattr(np, name)(x.real, axis=axis, include_initial=include_initial)  # NumPy's checks
    x = np.atleast_1d(x)  # a number is one element, as in NumPy
    if axis is None:
        axis = 0
    result = step(x, axis)
    if include_initial:
        (ax,) = normalize_axis(axis, x.ndim)
        shape = x.shape[:ax] + (1,) + x.shape[ax + 1:]
        result = np.concatenate([np.full(shape, empty), result], axis=ax)
    return write_out(name, result, out)


@implements(np.cumulative_sum)
def _cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    return _cumulative("cumulative_sum", _cumsum, 0.0, x, axis, dtype, out, include_initial)


@implements(np.cumulative_prod)
def _cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    return _cumulative("cumulative_prod", _cumprod, 1.0, x, axis, dtype, out, include_initial)


# ---------------------------------------------------------------- nan* reductions
def _numbers(a, where=_NO):
    """The elements whose real part is not NaN (and that ``where`` selects)."""
    mask = ~np.isnan(a.real)
    return mask if where is _NO or where is True else mask & np.broadcast_to(where, a.shape)


@implements(np.nansum)
def _nansum(a, axis=None, dtype=None, out=None, keepdims=_NO, initial=_NO, where=_NO):
    float64_only("nansum", dtype)
    _constant(initial, "nansum")
    return write_out("nansum", _sum(a, axis, None, None, _flag(keepdims), initial,
                                    _numbers(a, where)), out)


@implements(np.nanprod)
def _nanprod(a, axis=None, dtype=None, out=None, keepdims=_NO, initial=_NO, where=_NO):
    float64_only("nanprod", dtype)
    return write_out("nanprod", _prod(a, axis, None, None, _flag(keepdims), initial,
                                      _numbers(a, where)), out)


@implements(np.nanmean)
def _nanmean(a, axis=None, dtype=None, out=None, keepdims=_NO, *, where=_NO):
    float64_only("nanmean", dtype)
    return write_out("nanmean", np.mean(a, axis, None, None, _flag(keepdims),
                                        where=_numbers(a, where)), out)


@implements(np.nanvar)
def _nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NO, *, where=_NO,
            mean=_NO, correction=_NO):
    return _spread("nanvar", False, a, axis, dtype, out, ddof, keepdims, _numbers(a, where),
                   mean, correction)


@implements(np.nanstd)
def _nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NO, *, where=_NO,
            mean=_NO, correction=_NO):
    return _spread("nanstd", True, a, axis, dtype, out, ddof, keepdims, _numbers(a, where),
                   mean, correction)


def _nan_extreme(name, extreme, fill, a, axis, out, keepdims, initial, where):
    """nanmax / nanmin: NaN elements replaced by -inf / +inf (with zero parts), as NumPy's
    nanmax does; an all-NaN slice is NaN with NaN parts (NumPy's value and warning)."""
    _constant(initial, name)
    real = getattr(np, name)(a.real, axis=axis, keepdims=_flag(keepdims),
                             **({} if initial is _NO else {"initial": initial}),
                             **({} if where is _NO else {"where": where}))
    filled = np.where(np.isnan(a.real), fill, a)
    result = extreme(filled, axis, None, _flag(keepdims), initial,
                     True if where is _NO else where)
    if np.isnan(real).any():  # all-NaN slices: NaN, parts NaN (as max of a NaN)
        result = result * np.where(np.isnan(real), np.nan, 1.0)
    return write_out(name, result, out)


@implements(np.nanmax)
def _nanmax(a, axis=None, out=None, keepdims=_NO, initial=_NO, where=_NO):
    return _nan_extreme("nanmax", _max, -np.inf, a, axis, out, keepdims, initial, where)


@implements(np.nanmin)
def _nanmin(a, axis=None, out=None, keepdims=_NO, initial=_NO, where=_NO):
    return _nan_extreme("nanmin", _min, np.inf, a, axis, out, keepdims, initial, where)


@implements(np.nancumsum)
def _nancumsum(a, axis=None, dtype=None, out=None):
    float64_only("nancumsum", dtype)
    return write_out("nancumsum", _cumsum(np.where(np.isnan(a.real), 0.0, a), axis), out)


@implements(np.nancumprod)
def _nancumprod(a, axis=None, dtype=None, out=None):
    float64_only("nancumprod", dtype)
    return write_out("nancumprod", _cumprod(np.where(np.isnan(a.real), 1.0, a), axis), out)


def _on_the_real_parts(func):
    """Positions of extremes: func on the real parts, with NumPy's arguments."""
    implements(func)(lambda a, *args, **kwargs: func(a.real, *args, **kwargs))


_on_the_real_parts(np.nanargmax)
_on_the_real_parts(np.nanargmin)


# ---------------------------------------------------------------- cov, corrcoef
@implements(np.cov)
def _cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *,
         dtype=None):
    """NumPy's cov in the arrays' arithmetic: the weighted mean removed, (X w) X^T over the
    degrees of freedom; the values (and NumPy's checks and warnings) are NumPy's cov of the
    real parts. Weights are constants (the counts and the weights of observations)."""
    float64_only("cov", dtype)
    for name, w in (("fweights", fweights), ("aweights", aweights)):
        if isinstance(w, ArrayBase):
            refuse("cov", name + "= a dual array", "the weights of observations are "
                   "constants here; pass their real parts")
    real = np.cov(_real(m), None if y is None else _real(y), rowvar, bias, ddof, fweights,
                  aweights)
    x = np.atleast_2d(m)
    if not rowvar and x.shape[0] != 1:
        x = x.T
    if y is not None:
        y = np.atleast_2d(y)
        if not rowvar and y.shape[0] != 1:
            y = y.T
        x = np.concatenate([x, y], axis=0)
    if x.shape[0] == 0:
        return real
    w = None
    for given in (fweights, aweights):
        if given is not None:
            given = np.asarray(given, dtype=float)
            w = given if w is None else w * given
    avg = np.average(x, axis=1, weights=w)
    d = x - avg[:, None]
    c = np.matmul(d, (d if w is None else d * w).T)
    c = c * np.true_divide(1.0, _degrees(x, w, aweights, ddof, bias))  # 1/0: inf, as NumPy
    return _with_real(np.squeeze(c), real)


def _degrees(x, w, aweights, ddof, bias):
    """NumPy's normalisation of cov (0 where it would be <= 0: NumPy warns and divides by 0)."""
    ddof = (0 if bias else 1) if ddof is None else ddof
    if w is None:
        fact = x.shape[1] - ddof
    else:
        w_sum = np.sum(w)
        fact = w_sum if ddof == 0 else w_sum - ddof * (
            1.0 if aweights is None else np.sum(w * np.asarray(aweights, float)) / w_sum)
    return max(fact, 0.0)


def _with_real(x, real):
    """x with NumPy's values ``real`` in place of its real parts (the same numbers, to
    rounding): a scalar dual where 0-d."""
    return scalar_or_array(x._with_parts([np.asarray(real, dtype=float)] + list(x._parts[1:])))


@implements(np.corrcoef)
def _corrcoef(x, y=None, rowvar=True, *, dtype=None):
    """cov / sqrt(outer(diag, diag)); the values are NumPy's (clipped to [-1, 1]), and the
    diagonal, 1 wherever the variance is not 0, has derivative 0."""
    float64_only("corrcoef", dtype)
    real = np.corrcoef(_real(x), None if y is None else _real(y), rowvar)
    c = np.cov(x, y, rowvar)
    if np.ndim(c) == 0:  # one variable: c / c, 1 with derivative 0
        return c / c
    n = c.shape[0]
    d = np.sqrt(c[np.arange(n), np.arange(n)])
    r = c / d[:, None] / d[None, :]
    r[np.arange(n), np.arange(n)] = real.diagonal()
    undefined = np.isnan(real)  # no variance (one observation): NaN, its parts NaN
    return _with_real(r._with_parts([r.real] + [
        np.where(undefined.reshape(undefined.shape + (1,) * c), np.nan, p)
        for p, c in zip(r._parts[1:], r._dir_ndim[1:])]), real)
