"""Discrete calculus on dual arrays: trapezoid, gradient, ediff1d, interp, unwrap.

trapezoid and ediff1d are NumPy's algorithms in the arrays' exact arithmetic (sample points
dual or not); gradient is linear in the samples (for constant spacings) and is NumPy's
gradient of each part; unwrap adds multiples of the period, constants, to the real parts.
interp is differentiated in the sample values (the interpolation weights) and in x (the
slope of the segment); at a sample point, a kink, the derivative in x is the mean of the
one-sided slopes and the second one NaN (dualnum's convention at kinks).
"""
import numpy as np

from ._registry import implements
from ._storage import ArrayBase
from ._util import normalize_axis, refuse
from .elementwise import _real, full_part, one_sided
from .operands import array_type, holds_dual
from .reductions import scalar_or_array


def _operand(x):
    """A dual array as it is; a scalar dual, or a sequence holding scalar duals, as a dual
    array; anything else as a float ndarray."""
    if isinstance(x, ArrayBase):
        return x
    kind = array_type(*np.asarray(x, dtype=object).reshape(-1)) \
        if isinstance(x, (list, tuple)) else array_type(x)
    return np.asarray(x, dtype=float) if kind is None else kind(x)


@implements(np.trapezoid)
def _trapezoid(y, x=None, dx=1.0, axis=-1):
    """sum(d * (y[1:] + y[:-1]) / 2) along axis, d the spacings (diff(x), or dx): NumPy's
    algorithm; y, x and dx may each be dual."""
    y = _operand(y)
    if x is None:
        d = dx
    else:
        x = _operand(x)
        if x.ndim == 1:
            d = np.diff(x)
            shape = [1] * y.ndim
            shape[axis] = d.shape[0]
            d = np.reshape(d, shape)
        else:
            d = np.diff(x, axis=axis)
    nd = y.ndim
    upper, lower = [slice(None)] * nd, [slice(None)] * nd
    upper[axis], lower[axis] = slice(1, None), slice(None, -1)
    return np.sum(d * (y[tuple(upper)] + y[tuple(lower)]) / 2.0, axis=axis)


@implements(np.gradient)
def _gradient(f, *varargs, axis=None, edge_order=1):
    """NumPy's gradient of each part (it is linear in f for constant spacings), along the
    axes of f alone: an array per axis (a tuple for several, as NumPy)."""
    if not isinstance(f, ArrayBase) or any(isinstance(v, ArrayBase) for v in varargs):
        refuse("gradient", "dual spacings (varargs)", "the sample coordinates are constants "
               "here; the derivative in them is not carried")
    axes = normalize_axis(axis, f.ndim)
    if not axes:  # a 0-d f has no axes: no gradients, as NumPy
        return ()
    per_part = []
    for p, c in zip(f._parts, f._dir_ndim):
        g = np.gradient(full_part(p, f.shape, c) if c else p, *varargs, axis=axes,
                        edge_order=edge_order)
        per_part.append(g if len(axes) > 1 else (g,))
    results = [f._with_parts(list(parts)) for parts in zip(*per_part)]
    return tuple(results) if len(axes) > 1 else results[0]


@implements(np.ediff1d)
def _ediff1d(ary, to_end=None, to_begin=None):
    """The differences of the flattened array, between to_begin and to_end (dual or not)."""
    flat = np.ravel(_operand(ary))
    pieces = [flat[1:] - flat[:-1]]
    if to_begin is not None:
        pieces.insert(0, np.ravel(_operand(to_begin)))
    if to_end is not None:
        pieces.append(np.ravel(_operand(to_end)))
    return np.concatenate(pieces) if len(pieces) > 1 else pieces[0]


@implements(np.interp)
def _interp(x, xp, fp, left=None, right=None, period=None):
    """Piecewise linear interpolation, fp[j] + (x - xp[j]) s_j, differentiated in x (the
    slope s_j), in fp (the weights) and in left/right; the values are NumPy's. At a sample
    point x = xp[i] (a kink) the slope is the mean of the slopes on either side (0 outside
    the samples) and the second derivative in x is NaN, but for an x that reaches it with
    no first-order parts (the one-sided slope on the side of its eps1eps2 part). The sample
    points xp are constants (a dual xp is refused); ``period`` is applied as NumPy does.

    >>> import numpy as np, dualnum as dn
    >>> y = np.interp(dn.DualArray([0.5, 1.0], 1.0), [0.0, 1.0, 2.0], [0.0, 2.0, 3.0])
    >>> y.dual.tolist()  # the slope 2; at the sample point 1.0 the mean of 2 and 1
    [2.0, 1.5]
    """
    if holds_dual(xp) or holds_dual(period):
        refuse("interp", "a dual xp or period", "the sample points are constants here (the "
               "derivative in them is not carried); pass their real parts (xp holding a "
               "scalar dual: [v.real for v in xp])")
    real = np.interp(_real(x), xp, _real(fp), _real(left), _real(right), period)
    xp, fp, xr = np.asarray(xp, dtype=float), _operand(fp), np.asarray(_real(x), dtype=float)
    if period is not None:  # NumPy's reduction to one period, with a sample either side
        period = abs(period)
        reduced = np.mod(xr, period)
        x, xr, xp = x - (xr - reduced), reduced, np.mod(xp, period)
        order = np.argsort(xp)
        xp, fp = xp[order], fp[order]
        xp = np.concatenate([xp[-1:] - period, xp, xp[:1] + period])
        fp = np.concatenate([fp[-1:], fp, fp[:1]])
        left = right = None
    slopes = np.concatenate([[0.0], (fp[1:] - fp[:-1]) / np.diff(xp), [0.0]])
    after, before = np.searchsorted(xp, xr, "right"), np.searchsorted(xp, xr, "left")
    slope = (slopes[before] + slopes[after]) / 2.0  # one segment's slope, or a kink's mean
    # at a NaN x every part that a perturbation of x or fp reaches is NaN (not a slope of 0):
    # products with NaN, so that a zero perturbation stays zero (README)
    nan_x = np.where(np.isnan(xr), np.nan, 1.0)
    j = np.clip(after - 1, 0, len(xp) - 1)
    value = (fp[np.atleast_1d(j)].reshape(np.shape(j))  # (fp[j] of a 0-d j: a scalar dual)
             + (x - xp[j]) * (slope * nan_x)) * nan_x
    if left is not None:
        value = np.where(xr < xp[0], left, value)
    if right is not None:
        value = np.where(xr > xp[-1], right, value)
    value = value._with_parts([np.asarray(real, dtype=float)] + list(value._parts[1:]))
    if len(value._parts) == 4 and isinstance(x, ArrayBase):
        value._parts = value._parts[:3] + (_second_at_samples(
            x, xp, xr, _real(slopes), (before, after), value._parts[3]),)
    return scalar_or_array(value)


def _second_at_samples(x, xp, xr, slopes, sides, second):
    """The eps1eps2 part of interp at the sample points x = xp[i] (kinks) and at a NaN x:
    NaN where an eps1 and an eps2 part of x meet (no second derivative); where x has
    neither (b = c = 0) it moves by its eps1eps2 part d alone, to one side, and the slope is
    that side's (slopes: the segments' real slopes; sides: the segments before and after
    each x)."""
    before, after = sides
    at_sample = (xp[np.clip(before, 0, len(xp) - 1)] == xr) | np.isnan(xr)
    at_sample = at_sample[..., None, None]
    b, c = (np.abs(full_part(p, x.shape, 1)) for p in x._parts[1:3])
    b, c = b[..., :, None], c[..., None, :]
    second = np.where(at_sample & (b * c > 0), np.nan, second)
    flat = at_sample & (b + c == 0)
    if not np.any(flat):
        return second
    d = full_part(x._parts[3], x.shape, 2)
    mean = ((slopes[before] + slopes[after]) / 2.0)[..., None, None]
    side = np.where(np.signbit(d), slopes[before][..., None, None], slopes[after][..., None, None])
    return one_sided(x._directional, flat, second + (side - mean) * d, d != 0, second)


@implements(np.unwrap)
def _unwrap(p, discont=None, axis=-1, *, period=2 * np.pi):
    """NumPy's unwrap of the real parts: the multiples of the period it adds are constants,
    so the perturbation parts are p's."""
    if isinstance(discont, ArrayBase) or isinstance(period, ArrayBase):
        refuse("unwrap", "a dual discont or period", "they only choose the multiples of "
               "the period added (constants); pass their real parts")
    real = np.unwrap(p.real, discont, axis, period=period)
    return p._with_parts([real] + [full_part(q, p.shape, c)
                                   for q, c in zip(p._parts[1:], p._dir_ndim[1:])])
