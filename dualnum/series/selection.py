"""NumPy functions that Taylor arrays share with the dual arrays, and the selections and
statistics of Taylor series (NEP 18).

Shared: the array layer's implementations that only move, pick or sum elements part by
part (dualnum.arrays.moving, shape, queries, statistics) serve any array that holds its
elements as parts of its shape; a Taylor array's parts are its coefficient arrays
(TaylorArray._parts), so those implementations are registered for this family as they
are (``SHARED``). Integer and boolean results (argmax, argsort, nonzero, ...) are NumPy's
on the values (coefficient 0).

Taylor's own: selections pick elements by their values; at a tie (equal values) by their
series next to t = 0 on each side, exactly where one series is above (below) on both sides
(t^2 and 2 t^2), and with the rule table's convention at a kink where the sides' orders
differ (the coefficient where they part the mean of the two sides, the higher ones NaN, with
a TaylorWarning), as numpy.maximum and numpy.minimum do for two (src/taylor.h,
dn_taylor_choose); max, min and sort so for any number (:func:`sorted_ties`). max, min,
ptp, sort, cumprod and
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
from .kernels import TaylorWarning, _outside, constant_series, issue_taylor_warning
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
def sorted_ties(block):
    """The series of elements of equal values (``block``: coefficients x elements) in
    their order next to t = 0: ascending for t > 0 (by coefficients 1, 2, ... in turn) and
    for t < 0 (by -c1, c2, -c3, ...). Where the two orders put one series at a rank, it is
    that rank's series, exactly (t^2 below 2 t^2 on both sides); where they differ the
    ranks cross there (a kink of the k-th smallest): coefficients before the first that
    differs are theirs, that one the mean of the two sides (the table's convention at a
    kink), the higher ones NaN. Returns (series by rank, whether a kink was met)."""
    if len(block) == 1:
        return block, False
    keys = block[1:][::-1]   # lexsort's last key is its first
    signs = (-1.0) ** np.arange(1, len(block))[::-1, None]
    right = block[:, np.lexsort(keys)]
    left = block[:, np.lexsort(keys * signs)]
    out = right.copy()
    kinked = False
    for rank in np.flatnonzero(np.any(right != left, axis=0)):
        k = int(np.argmax(right[:, rank] != left[:, rank]))
        out[k, rank] = 0.5 * (right[k, rank] + left[k, rank])
        out[k + 1:, rank] = np.nan
        kinked |= k + 1 < len(block)
    return out, kinked


def _extreme(name, a, axis, out, keepdims, initial, where):
    """max/min along axes: the extreme element's series; where elements tie (equal values),
    the larger (smaller) series next to t = 0 on each side (:func:`sorted_ties`, as for
    sort): exactly that series where one side's and the other's agree (t^2 against 2 t^2),
    and the table's convention at a kink where they part (the coefficient where they differ
    the mean of the two sides', the higher ones NaN, with a TaylorWarning). A NaN value
    makes the whole result NaN, as NumPy's max does."""
    x = taylor(a, name)
    far = -np.inf if name == "max" else np.inf
    axes = normalize_axis(axis, x.ndim)
    if initial is not _NONE and not isinstance(initial, (int, float, np.integer,
                                                         np.floating)):
        refuse(name, "initial=%s" % type(initial).__name__, "it takes a number (a "
               "constant); combine a Taylor series with the result instead (np.maximum, "
               "np.minimum)")
    c = x._c
    if where is not True:   # the elements left out lose to every other
        keep = np.broadcast_to(np.asarray(where, dtype=bool), x.shape)
        if initial is _NONE and not np.all(np.any(keep, axis=axes)):
            raise ValueError("numpy.%s of a Taylor array with where= needs initial= where "
                             "some reduction has no element" % name)
        c = np.where(keep[None], c, constant_series(far, x.order, x.shape))
    # the reduced axes first, as one, and the others flattened: (d + 1, size, columns)
    c = np.moveaxis(c, [i + 1 for i in axes], list(range(1, len(axes) + 1)))
    shape = c.shape[1 + len(axes):]
    size = int(np.prod(c.shape[1:1 + len(axes)], dtype=np.int64))
    if size == 0 and initial is _NONE:
        raise ValueError("zero-size array to reduction operation %s which has no identity"
                         % ("maximum" if name == "max" else "minimum"))
    c = c.reshape((len(c), size, -1))
    if initial is not _NONE:
        c = np.concatenate([c, constant_series(np.full((1, c.shape[2]), float(initial)),
                                               x.order)], axis=1)
    values = c[0]
    best = (np.max if name == "max" else np.min)(values, axis=0)
    tied = values == best
    picked = np.take_along_axis(c, np.argmax(tied, axis=0)[None, None], axis=1)[:, 0]
    kinked = False
    for column in np.flatnonzero(tied.sum(axis=0) > 1):
        ranked, kink = sorted_ties(c[:, tied[:, column], column])
        picked[:, column] = ranked[:, -1 if name == "max" else 0]
        kinked |= kink
    picked[:, np.isnan(best)] = np.nan
    if kinked:
        issue_taylor_warning(TaylorWarning(
            "numpy.%s: NaN put in the Taylor coefficients of a result whose tied elements' "
            "series cross there: the %s has a kink at that point (the coefficient where they "
            "part is the mean of the two sides, the higher ones do not exist). Fix: expand "
            "about another point" % (name, "maximum" if name == "max" else "minimum")),
            _outside())
    result = _wrap(picked.reshape((len(c),) + shape))
    if keepdims:
        result = result.reshape(tuple(1 if i in axes else x.shape[i] for i in range(x.ndim)))
    return write_out(name, scalar_or_array(result), out)


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
    equal values in their order next to t = 0 (:func:`sorted_ties`)."""
    x, axis = _flat_axis(taylor(a, "sort"), axis)
    ranks = np.argsort(x._c[0], axis=axis, kind=kind, order=order, stable=stable)
    c = np.take_along_axis(x._c, ranks[None], axis=normalize_axis(axis, x.ndim)[0] + 1)
    ids = _runs(c[0], axis).reshape(-1)
    counts = np.bincount(ids)
    kinked = False
    if counts.max(initial=0) > 1:
        flat = c.reshape(len(c), -1)
        for run in np.flatnonzero(counts > 1):
            members = ids == run
            flat[:, members], kink = sorted_ties(flat[:, members])
            kinked |= kink
    if kinked:
        issue_taylor_warning(TaylorWarning(
            "numpy.sort: NaN put in the Taylor coefficients of elements of equal values "
            "whose series cross there: the k-th smallest has a kink at that point (the "
            "coefficient where they part is the mean of the two sides, the higher ones do "
            "not exist). Fix: expand about another point"), _outside())
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
