"""NumPy functions that Taylor arrays share with the dual arrays, and the selections and
statistics of Taylor series (NEP 18).

Shared: the array layer's implementations that only move, pick or sum elements part by
part (dualnum.arrays.moving, shape, queries, statistics) serve any array that holds its
elements as parts of its shape; a Taylor array's parts are its coefficient arrays
(TaylorArray._parts), so those implementations are registered for this family as they
are (``SHARED``). Integer and boolean results (argmax, argsort, nonzero, ...) are NumPy's
on the values (coefficient 0).

Taylor's own: selections pick elements by their values, and at a tie (equal values) the
tied elements share the mean of their coefficient 1 (the dual arrays' convention at a
kink); the higher coefficients do not exist there (NaN) where the tied series differ, as
the rule table's kinks (src/taylor.h, dn_taylor_choose). max, min, ptp, sort, cumprod and
the statistics var, std, average and linalg.norm are computed with Taylor arithmetic (the
ufuncs on the series), so every coefficient is the Taylor coefficient of the float
function: std is sqrt(var), whose kink at zero spread is the sqrt kernel's.
"""
import numpy as np

from ..arrays import _registry
from ..arrays.reductions import scalar_or_array
from ..arrays.sorting import _flat_axis, _runs
from ..arrays._util import normalize_axis
from .container import FAMILY, TaylorArray
from .linear import _NONE, float64_only, refuse, taylor, write_out

implements = FAMILY.implements
_wrap = TaylorArray._wrap
_UFUNCS = FAMILY.ufuncs

# the dual arrays' implementations that serve Taylor arrays unchanged
SHARED = (
    # moving elements (dualnum.arrays.moving, shape)
    np.fliplr, np.flipud, np.flip, np.roll, np.rot90, np.rollaxis, np.tile, np.repeat,
    np.take_along_axis, np.diagonal, np.diagflat, np.diag, np.tril, np.triu, np.split,
    np.array_split, np.hsplit, np.vsplit, np.dsplit, np.unstack, np.resize, np.delete,
    np.matrix_transpose, np.fft.fftshift, np.fft.ifftshift, np.compress, np.extract,
    np.trim_zeros, np.lib.stride_tricks.sliding_window_view, np.swapaxes, np.trace,
    # integer and boolean results on the values (dualnum.arrays.shape, queries)
    np.argmax, np.argmin, np.argsort, np.argpartition, np.searchsorted, np.digitize,
    np.argwhere, np.nonzero, np.flatnonzero, np.count_nonzero, np.all, np.any, np.isin,
    np.diag_indices_from, np.tril_indices_from, np.triu_indices_from,
    # arithmetic of the family's own ufuncs (dualnum.arrays.statistics)
    np.var, np.average, np.cumulative_sum, np.cumulative_prod,
)
for _func in SHARED:
    FAMILY.implements(_func)(_registry.DUAL.handled[_func])


# ---------------------------------------------------------------- ties
def tied_series(c, tied, axes, keepdims):
    """The series that the elements ``tied`` (a bool array of the shape) share along
    ``axes``: their mean coefficient 1 (all coefficients, where one element is tied), the
    higher coefficients NaN where the tied series differ."""
    spread = tied[None]
    count = np.sum(tied, axis=axes, keepdims=True)[None]
    mean = np.sum(np.where(spread, c, 0.0), axis=tuple(a + 1 for a in axes),
                  keepdims=True) / np.maximum(count, 1)
    if len(c) > 2:
        differ = np.any(spread & (c[1:] != mean[1:]), axis=(0,) + tuple(a + 1 for a in axes),
                        keepdims=True)
        mean[2:] = np.where(differ, np.nan, mean[2:])
    if not keepdims:
        mean = mean.reshape(mean.shape[:1] + tuple(n for i, n in enumerate(mean.shape[1:])
                                                   if i not in axes))
    return mean


def _extreme(name, a, axis, out, keepdims, initial, where):
    """max/min along axes by the values: the extreme element's series; at a tie the tied
    series' (:func:`tied_series`)."""
    x = taylor(a, name)
    pick = np.max if name == "max" else np.min
    axes = normalize_axis(axis, x.ndim)
    options = {}
    if initial is not _NONE:
        if not isinstance(initial, (int, float, np.integer, np.floating)):
            refuse(name, "initial=%s" % type(initial).__name__, "it takes a number (a "
                   "constant); combine a Taylor series with the result instead (np.maximum, "
                   "np.minimum)")
        options["initial"] = initial
    if where is not True:
        options["where"] = where
    best = pick(x._c[0], axis=axes, keepdims=True, **options)
    tied = x._c[0] == best
    if where is not True:
        tied &= np.broadcast_to(where, x.shape)
    c = tied_series(x._c, tied, axes, keepdims)
    value = best if keepdims else best.reshape(c.shape[1:])
    c[0] = value
    if initial is not _NONE:  # the initial value wins alone: a constant series
        alone = np.broadcast_to(~np.any(tied, axis=axes, keepdims=keepdims), c.shape[1:])
        c[1:] = np.where(alone, 0.0, c[1:])
    if np.any(np.isnan(value)):
        c[1:] = np.where(np.isnan(value), np.nan, c[1:])
    return write_out(name, scalar_or_array(_wrap(c)), out)


@implements(np.max, np.amax)
def max_(a, axis=None, out=None, keepdims=False, initial=_NONE, where=True):
    return _extreme("max", a, axis, out, keepdims, initial, where)


@implements(np.min, np.amin)
def min_(a, axis=None, out=None, keepdims=False, initial=_NONE, where=True):
    return _extreme("min", a, axis, out, keepdims, initial, where)


@implements(np.ptp)
def ptp(a, axis=None, out=None, keepdims=False):
    """max - min, with their conventions at ties."""
    return write_out("ptp", max_(a, axis, keepdims=keepdims) - min_(a, axis, keepdims=keepdims),
                     out)


for _ufunc, _function in ((np.maximum, max_), (np.minimum, min_)):
    FAMILY.implements_reduction(_ufunc, "reduce")(
        lambda x, axis, _function=_function, **keywords: _function(x, axis, **keywords))


@implements(np.sort)
def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """The elements sorted by their values along ``axis`` (None: flattened); elements of
    equal values share their series (:func:`tied_series`)."""
    x, axis = _flat_axis(taylor(a, "sort"), axis)
    ranks = np.argsort(x._c[0], axis=axis, kind=kind, order=order, stable=stable)
    c = np.take_along_axis(x._c, ranks[None], axis=normalize_axis(axis, x.ndim)[0] + 1)
    ids = _runs(c[0], axis).reshape(-1)
    counts = np.bincount(ids)
    if counts.max(initial=0) > 1:
        flat = c.reshape(len(c), -1)
        for run in np.flatnonzero(counts > 1):
            members = ids == run
            shared = tied_series(flat[:, members], np.ones(members.sum(), bool), (0,), False)
            flat[:, members] = shared[:, None]
    return _wrap(c)


# ---------------------------------------------------------------- arithmetic reductions
@implements(np.cumprod)
def cumprod(a, axis=None, dtype=None, out=None):
    """Prefix products by doubling steps (Hillis-Steele): log2(n) passes of the product
    kernel, as ``*``."""
    float64_only("cumprod", dtype)
    x = taylor(a, "cumprod")
    if axis is None:
        x, axis = x.ravel(), 0
    (ax,) = normalize_axis(axis, x.ndim)
    x = np.moveaxis(x, ax, 0)
    step = 1
    while step < len(x):
        x = np.concatenate([x[:step], x[step:] * x[:-step]])
        step *= 2
    return write_out("cumprod", np.moveaxis(x, 0, ax), out)


FAMILY.implements_reduction(np.multiply, "accumulate")(lambda x, axis: cumprod(x, axis))


@implements(np.std)
def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True,
        mean=_NONE, correction=_NONE):
    """sqrt(var): at zero spread (a constant sample) the sqrt kernel's kink at 0."""
    options = {} if mean is _NONE else {"mean": mean}
    if correction is not _NONE:
        options["correction"] = correction
    var = np.var(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where,
                 **options)
    return write_out("std", scalar_or_array(_UFUNCS[np.sqrt](taylor(var, "std"))), out)


@implements(np.linalg.norm)
def norm(x, ord=None, axis=None, keepdims=False):
    result = _norm(x, ord, axis, keepdims)
    return scalar_or_array(result) if isinstance(result, TaylorArray) else result


def _norm(x, ord, axis, keepdims):
    """The vector norms (ord None or 2, 1, inf, -inf, any p) along one axis or of the
    flattened array, and the Frobenius norm (ord None or 'fro') of matrices, in Taylor
    arithmetic: at a zero vector the kernels' kinks (sqrt, absolute). Matrix norms of
    other orders (spectral, nuclear, 1, inf) are refused."""
    a = taylor(x, "linalg.norm")
    if axis is None:
        if ord is None or (ord == "fro" and a.ndim == 2):
            flat = np.ravel(a)
            result = _UFUNCS[np.sqrt](np.sum(flat * flat))
            return result.reshape((1,) * a.ndim) if keepdims else result
        if a.ndim != 1:
            refuse("linalg.norm", "ord=%r of a matrix" % (ord,), "Taylor arrays take the "
                   "Frobenius norm (ord=None or 'fro') and vector norms (axis=an int)")
        axis = 0
    axes = normalize_axis(axis, a.ndim)
    if len(axes) == 2:
        if ord not in (None, "fro"):
            refuse("linalg.norm", "ord=%r of a matrix" % (ord,), "Taylor arrays take the "
                   "Frobenius norm (ord=None or 'fro') and vector norms (axis=an int)")
        return _UFUNCS[np.sqrt](np.sum(a * a, axis=axes, keepdims=keepdims))
    if isinstance(ord, str):
        raise ValueError("Invalid norm order '%s' for vectors" % ord)
    magnitude = abs(a)
    if ord is None or ord == 2:
        return _UFUNCS[np.sqrt](np.sum(a * a, axis=axes, keepdims=keepdims))
    if ord == np.inf:
        return max_(magnitude, axes, keepdims=keepdims)
    if ord == -np.inf:
        return min_(magnitude, axes, keepdims=keepdims)
    if ord == 1:
        return np.sum(magnitude, axis=axes, keepdims=keepdims)
    if ord == 0:
        return np.sum(magnitude.real != 0, axis=axes, keepdims=keepdims).astype(float)
    return np.sum(magnitude ** ord, axis=axes, keepdims=keepdims) ** (1.0 / ord)


def _at_least(ndim, arys):
    """numpy.atleast_1d/2d/3d: length-1 axes added as NumPy adds them, on the values'
    positions."""
    func = {1: np.atleast_1d, 2: np.atleast_2d, 3: np.atleast_3d}[ndim]
    out = [taylor(a, func.__name__).reshape(func(np.empty(np.shape(a), bool)).shape)
           for a in arys]
    return out[0] if len(out) == 1 else out


@implements(np.atleast_1d)
def atleast_1d(*arys):
    return _at_least(1, arys)


@implements(np.atleast_2d)
def atleast_2d(*arys):
    return _at_least(2, arys)


@implements(np.atleast_3d)
def atleast_3d(*arys):
    return _at_least(3, arys)


@implements(np.sinc)
def sinc(x):
    """numpy.sinc(x): sin(pi x)/(pi x), 1 at 0, elementwise (the ``sinc`` rule)."""
    return TaylorArray._apply_rule(taylor(x, "sinc"), "sinc")
