"""Scalar Dual and HyperDual through NumPy's protocols (dualnum.arrays.scalars and the scalar
types' __array_ufunc__/__array_function__): every NumPy function and ufunc that the dual
arrays handle gives on scalar duals what it gives on arrays, a scalar where NumPy's result on
floats is 0-d; a scalar dual beside an ndarray gives a dual array.

References: NumPy on the real parts (values and shapes), central differences of NumPy on
floats along the seed direction (derivatives), the dual arrays (conventions, errors), and the
closed forms of d/de (A + eB)^-1 b, inv and det.
"""
import operator

import numpy as np
import pytest
import scipy.special as sp

import dualnum as dn
from dualnum import Dual, HyperDual, _scalar
from dualnum.arrays import HANDLED_FUNCTIONS, _registry

TYPES = [Dual, HyperDual]
ARRAY = {Dual: dn.DualArray, HyperDual: dn.HyperDualArray}
PARTS = {Dual: ("real", "dual"), HyperDual: ("real", "eps1", "eps2", "eps1eps2")}
PARTS.update({ARRAY[T]: names for T, names in PARTS.items()})
DUALS = tuple(PARTS)
A, B = 0.7, -0.4          # the real parts of the two scalar inputs
DIRECTION = (1.0, 0.5)   # their perturbations: every derivative is along this direction


def seeded(T):
    """x and y of type T, perturbed along DIRECTION (eps1 = eps2 for hyper-duals, so that
    eps1eps2 is the second derivative along it)."""
    return tuple(T(v, d) if T is Dual else T(v, d, d, 0.0) for v, d in zip((A, B), DIRECTION))


def parts(z):
    """The parts of a scalar dual or dual array, as float ndarrays."""
    return [np.asarray(getattr(z, n), dtype=float) for n in PARTS[type(z)]]


def zero_d(z):
    """A scalar dual as a 0-d dual array."""
    return ARRAY[type(z)](*parts(z))


def assert_same(got, want):
    """Equal types and parts, to the last bit (NaN equal to NaN); for other results equal
    values of one dtype (NumPy's bool and Python's alike)."""
    if isinstance(got, DUALS) or isinstance(want, DUALS):
        assert type(got) is type(want), (got, want)
        for g, w in zip(parts(got), parts(want), strict=True):
            np.testing.assert_array_equal(g, w)
    else:
        np.testing.assert_array_equal(got, want)
        assert np.asarray(got).dtype == np.asarray(want).dtype, (got, want)


def outcome(call, *args):
    try:
        return call(*args)
    except Exception as exc:  # noqa: BLE001  (the error is the outcome compared)
        return exc


# ---------------------------------------------------------------- NEP 18: the registry walk
# At least one call per function of HANDLED_FUNCTIONS, with the scalar inputs x and y given as
# arguments, inside lists (of the functions that take sequences) and beside numbers.
CALLS = [
    (np.sum, lambda x, y: np.sum(x)), (np.mean, lambda x, y: np.mean(x)),
    (np.prod, lambda x, y: np.prod(y)), (np.max, lambda x, y: np.max(x)),
    (np.amax, lambda x, y: np.amax(y)), (np.min, lambda x, y: np.min(x)),
    (np.amin, lambda x, y: np.amin(y)), (np.cumsum, lambda x, y: np.cumsum(x)),
    (np.cumprod, lambda x, y: np.cumprod(y)), (np.dot, lambda x, y: np.dot(x, y)),
    (np.dot, lambda x, y: np.dot([x, 2.0], x)), (np.inner, lambda x, y: np.inner(x, y)),
    (np.outer, lambda x, y: np.outer(x, y)), (np.trace, lambda x, y: np.trace(x)),
    (np.diag, lambda x, y: np.diag(x)), (np.where, lambda x, y: np.where(x > y, x, y)),
    (np.where, lambda x, y: np.where(x < y, x, 2.0)),
    (np.where, lambda x, y: np.where(np.array([True, False]), x, y)),
    (np.clip, lambda x, y: np.clip(x, 0.0, 1.0)), (np.clip, lambda x, y: np.clip(x, y, 0.5)),
    (np.clip, lambda x, y: np.clip(0.9, x, None)),
    (np.concatenate, lambda x, y: np.concatenate([x, y])),
    (np.stack, lambda x, y: np.stack([x, y])), (np.stack, lambda x, y: np.stack((y, 1.5, x))),
    (np.hstack, lambda x, y: np.hstack([x, y])),
    (np.hstack, lambda x, y: np.hstack([x, [y, 2.0]])),
    (np.vstack, lambda x, y: np.vstack([x, y])), (np.reshape, lambda x, y: np.reshape(x, (1, 1))),
    (np.ravel, lambda x, y: np.ravel(x)), (np.transpose, lambda x, y: np.transpose(x)),
    (np.moveaxis, lambda x, y: np.moveaxis(x, [], [])),
    (np.swapaxes, lambda x, y: np.swapaxes(x, 0, 0)), (np.squeeze, lambda x, y: np.squeeze(x)),
    (np.expand_dims, lambda x, y: np.expand_dims(x, 0)),
    (np.broadcast_to, lambda x, y: np.broadcast_to(y, (2, 3))),
    (np.diff, lambda x, y: np.diff(x)), (np.atleast_1d, lambda x, y: np.atleast_1d(x)),
    (np.atleast_1d, lambda x, y: np.atleast_1d(x, y)),
    (np.atleast_2d, lambda x, y: np.atleast_2d(y)), (np.shape, lambda x, y: np.shape(x)),
    (np.ndim, lambda x, y: np.ndim(x)), (np.size, lambda x, y: np.size(x)),
    (np.copy, lambda x, y: np.copy(x)), (np.argmax, lambda x, y: np.argmax(x)),
    (np.argmin, lambda x, y: np.argmin(y)), (np.linalg.norm, lambda x, y: np.linalg.norm(y)),
    (np.linalg.solve, lambda x, y: np.linalg.solve(x, y)),
    (np.linalg.inv, lambda x, y: np.linalg.inv(x)), (np.linalg.det, lambda x, y: np.linalg.det(x)),
    # moving, sorting, building, queries
    (np.flip, lambda x, y: np.flip([x, y])), (np.fliplr, lambda x, y: np.fliplr([[x, y]])),
    (np.flipud, lambda x, y: np.flipud([x, y])), (np.roll, lambda x, y: np.roll([x, y, 1.0], 1)),
    (np.rot90, lambda x, y: np.rot90([[x, y]])),
    (np.rollaxis, lambda x, y: np.rollaxis([[x, y]], 1)),
    (np.tile, lambda x, y: np.tile(x, 2)), (np.repeat, lambda x, y: np.repeat([x, y], 2)),
    (np.take, lambda x, y: np.take([x, y], [1, 0, 1])),
    (np.take_along_axis, lambda x, y: np.take_along_axis(np.stack([x, y]), np.array([1, 0]), 0)),
    (np.diagonal, lambda x, y: np.diagonal([[x, y], [y, x]])),
    (np.diagflat, lambda x, y: np.diagflat([x, y])),
    (np.tril, lambda x, y: np.tril([[x, y], [y, x]])),
    (np.triu, lambda x, y: np.triu([[x, y], [y, x]])), (np.split, lambda x, y: np.split([x, y], 2)),
    (np.array_split, lambda x, y: np.array_split([x, y, 1.0], 2)),
    (np.hsplit, lambda x, y: np.hsplit([x, y], 2)),
    (np.vsplit, lambda x, y: np.vsplit([[x], [y]], 2)),
    (np.dsplit, lambda x, y: np.dsplit([[[x, y]]], 2)),
    (np.unstack, lambda x, y: np.unstack([x, y])),
    (np.resize, lambda x, y: np.resize(x, 3)), (np.delete, lambda x, y: np.delete([x, y], 0)),
    (np.matrix_transpose, lambda x, y: np.matrix_transpose([[x, y]])),
    (np.atleast_3d, lambda x, y: np.atleast_3d(x)),
    (np.broadcast_arrays, lambda x, y: np.broadcast_arrays(x, [y, 1.0])),
    (np.meshgrid, lambda x, y: np.meshgrid([x, y], y)),
    (np.lib.stride_tricks.sliding_window_view,
     lambda x, y: np.lib.stride_tricks.sliding_window_view([x, y, 1.0], 2)),
    (np.compress, lambda x, y: np.compress([False, True], [x, y])),
    (np.extract, lambda x, y: np.extract([False, True], [x, y])),
    (np.choose, lambda x, y: np.choose([1, 0], [[x, y], [y, 2.0]])),
    (np.insert, lambda x, y: np.insert([x, 1.0], 1, y)),
    (np.put_along_axis, lambda x, y: np.put_along_axis(np.stack([x, y]), np.array([0]), y, 0)),
    (np.trim_zeros, lambda x, y: np.trim_zeros([0.0, x, y, 0.0])),
    (np.sort, lambda x, y: np.sort([x, y])),
    (np.partition, lambda x, y: np.partition([x, y, 0.0], 1)),
    (np.unique, lambda x, y: np.unique([x, y], return_counts=True)),
    (np.unique_values, lambda x, y: np.unique_values([x, y])),
    (np.unique_counts, lambda x, y: np.unique_counts([x, y])),
    (np.unique_inverse, lambda x, y: np.unique_inverse([x, y])),
    (np.unique_all, lambda x, y: np.unique_all([x, y])),
    (np.union1d, lambda x, y: np.union1d(x, [y, 2.0])),
    (np.intersect1d, lambda x, y: np.intersect1d([x, y], [2.0])),
    (np.setdiff1d, lambda x, y: np.setdiff1d([x, y, 1.0], [1.0])),
    (np.setxor1d, lambda x, y: np.setxor1d([x], [y])),
    (np.pad, lambda x, y: np.pad([x, y], 1, "reflect", reflect_type="odd")),
    (np.vander, lambda x, y: np.vander([x, y], 3)),
    (np.piecewise, lambda x, y: np.piecewise(x, [x > 0.0], [lambda v: v * v, 1.0])),
    (np.apply_along_axis, lambda x, y: np.apply_along_axis(np.cumsum, 0, [x, y])),
    (np.apply_over_axes, lambda x, y: np.apply_over_axes(np.sum, [[x, y]], [0])),
    (np.bincount, lambda x, y: np.bincount([0, 1, 1], np.stack([x, y, x]))),
    (np.histogram, lambda x, y: np.histogram([0.1, 0.6], 2, (0.0, 1.0), weights=[x, y])),
    (np.histogram_bin_edges, lambda x, y: np.histogram_bin_edges([x, y], [0.0, 1.0])),
    (np.argsort, lambda x, y: np.argsort([x, y])),
    (np.argpartition, lambda x, y: np.argpartition([x, y, 0.0], 1)),
    (np.lexsort, lambda x, y: np.lexsort([[x, y]])),
    (np.searchsorted, lambda x, y: np.searchsorted([y, x], 0.0)),
    (np.digitize, lambda x, y: np.digitize(x, [0.0, 1.0])),
    (np.argwhere, lambda x, y: np.argwhere([x, y])), (np.nonzero, lambda x, y: np.nonzero([x, y])),
    (np.flatnonzero, lambda x, y: np.flatnonzero([x, 0.0])),
    (np.count_nonzero, lambda x, y: np.count_nonzero([x, y])),
    (np.isin, lambda x, y: np.isin(x, [y])), (np.isclose, lambda x, y: np.isclose(x, y)),
    (np.allclose, lambda x, y: np.allclose(x, y)),
    (np.array_equal, lambda x, y: np.array_equal([x], [x])),
    (np.array_equiv, lambda x, y: np.array_equiv(x, [x, y])),
    (np.all, lambda x, y: np.all([x, y])), (np.any, lambda x, y: np.any([x, 0.0])),
    (np.diag_indices_from, lambda x, y: np.diag_indices_from(np.stack([[x, y], [y, x]]))),
    (np.tril_indices_from, lambda x, y: np.tril_indices_from(np.stack([[x, y], [y, x]]))),
    (np.triu_indices_from, lambda x, y: np.triu_indices_from(np.stack([[x, y], [y, x]]))),
    (np.ravel_multi_index, lambda x, y: np.ravel_multi_index(np.stack([[x]]), (2,))),
    (np.unravel_index, lambda x, y: np.unravel_index(x, (2,))),
    (np.ix_, lambda x, y: np.ix_(np.stack([x, y]))),
    (np.min_scalar_type, lambda x, y: np.min_scalar_type(x)),
    (np.result_type, lambda x, y: np.result_type(x, y)),
    (np.can_cast, lambda x, y: np.can_cast(np.stack([x]), np.float32)),
    (np.common_type, lambda x, y: np.common_type(np.stack([x, y]))),
    (np.shares_memory, lambda x, y: np.shares_memory(x, y)),
    (np.may_share_memory, lambda x, y: np.may_share_memory(x, y)),
    (np.array2string, lambda x, y: np.array2string(np.stack([x, y])) > ""),
    (np.array_repr, lambda x, y: np.array_repr(np.stack([x, y])) > ""),
    (np.array_str, lambda x, y: np.array_str(np.stack([x, y])) > ""),
    # creation, writing and joining: like= takes a scalar dual (NumPy's floats: like=None)
    (np.zeros_like, lambda x, y: np.zeros_like(x)), (np.ones_like, lambda x, y: np.ones_like(y)),
    (np.empty_like, lambda x, y: np.empty_like(x, shape=(2, 0))),  # (values by chance)
    (np.full_like, lambda x, y: np.full_like(x, y)),
    (np.zeros, lambda x, y: np.zeros(2, like=like(x))),
    (np.ones, lambda x, y: np.ones((2, 1), like=like(y))),
    (np.empty, lambda x, y: np.empty((0, 2), like=like(x))),  # (values by chance)
    (np.full, lambda x, y: np.full(3, y, like=like(x))),
    (np.full, lambda x, y: np.full(2, 1.5, like=like(x))),
    (np.eye, lambda x, y: np.eye(2, like=like(x))),
    (np.identity, lambda x, y: np.identity(2, like=like(x))),
    (np.tri, lambda x, y: np.tri(2, like=like(x))),
    (np.arange, lambda x, y: np.arange(3, like=like(x))),
    (np.fromfunction, lambda x, y: np.fromfunction(lambda i: i * x, (3,), like=like(x))),
    (np.asarray, lambda x, y: np.asarray([x, y], like=like(x))),
    (np.asanyarray, lambda x, y: np.asanyarray([x, 2.0], like=like(x))),
    (np.array, lambda x, y: np.array([[x, y]], like=like(x))),
    (np.ascontiguousarray, lambda x, y: np.ascontiguousarray(y, like=like(y))),
    (np.asfortranarray, lambda x, y: np.asfortranarray([x, y], like=like(x))),
    (np.require, lambda x, y: np.require([x, y], requirements="C", like=like(x))),
    (np.astype, lambda x, y: np.astype(np.stack([x, y]), np.float64)),
    (np.linspace, lambda x, y: np.linspace(x, y, 4)),
    (np.linspace, lambda x, y: np.linspace(2.0, y, 3, endpoint=False)),
    (np.logspace, lambda x, y: np.logspace(0, 2, 3, base=x)),
    (np.geomspace, lambda x, y: np.geomspace(x, 4 * x, 3)),
    (np.copyto, lambda x, y: written(np.copyto, np.zeros(2, like=like(x)), y)),
    (np.place, lambda x, y: written(np.place, np.zeros(2, like=like(x)), [True, False], y)),
    (np.put, lambda x, y: written(np.put, np.zeros(2, like=like(x)), [1], x)),
    (np.putmask, lambda x, y: written(np.putmask, np.zeros(2, like=like(x)), [False, True],
                                      y)),
    (np.fill_diagonal, lambda x, y: written(np.fill_diagonal, np.zeros((2, 2), like=like(x)),
                                            x)),
    (np.dstack, lambda x, y: np.dstack([x, y])),
    (np.column_stack, lambda x, y: np.column_stack([x, y])),
    (np.block, lambda x, y: np.block([x, y, 1.0])),
    (np.append, lambda x, y: np.append(x, [y, 2.0])),
    (np.select, lambda x, y: np.select([x > y, x < y], [x, y * y], 0.5)),
    # numpy.linalg: NumPy dispatches on the operands, not on the items of lists (except the
    # sequence of multi_dot); most refuse 0-d operands, and so do the arrays
    (np.linalg.matmul, lambda x, y: np.linalg.matmul(x, y)),
    (np.linalg.vecdot, lambda x, y: np.linalg.vecdot(x, y)),
    (np.linalg.tensordot, lambda x, y: np.linalg.tensordot(x, y, axes=0)),
    (np.linalg.outer, lambda x, y: np.linalg.outer(x, y)),
    (np.linalg.cross, lambda x, y: np.linalg.cross(x, y)),
    (np.linalg.trace, lambda x, y: np.linalg.trace(x)),
    (np.linalg.diagonal, lambda x, y: np.linalg.diagonal(x)),
    (np.linalg.matrix_transpose, lambda x, y: np.linalg.matrix_transpose(x)),
    (np.linalg.multi_dot, lambda x, y: np.linalg.multi_dot([x, y])),
    (np.linalg.multi_dot, lambda x, y: np.linalg.multi_dot([x, 2.0, y])),
    (np.linalg.matrix_power, lambda x, y: np.linalg.matrix_power(x, 2)),
    (np.linalg.tensorsolve, lambda x, y: np.linalg.tensorsolve(2.0, y)),
    (np.linalg.tensorinv, lambda x, y: np.linalg.tensorinv(x, ind=0)),
    (np.linalg.eigh, lambda x, y: np.linalg.eigh(x)),
    (np.linalg.eigvalsh, lambda x, y: np.linalg.eigvalsh(x)),
    (np.linalg.cholesky, lambda x, y: np.linalg.cholesky(x)),
    (np.linalg.slogdet, lambda x, y: np.linalg.slogdet(x)),
    (np.linalg.svd, lambda x, y: np.linalg.svd(x)),
    (np.linalg.svdvals, lambda x, y: np.linalg.svdvals(x)),
    (np.linalg.qr, lambda x, y: np.linalg.qr(y)), (np.linalg.pinv, lambda x, y: np.linalg.pinv(x)),
    (np.linalg.lstsq, lambda x, y: np.linalg.lstsq(x, y)),
    (np.linalg.cond, lambda x, y: np.linalg.cond(x)),
    (np.linalg.matrix_rank, lambda x, y: np.linalg.matrix_rank(x)),
    (np.linalg.vector_norm, lambda x, y: np.linalg.vector_norm(y)),
    (np.linalg.matrix_norm, lambda x, y: np.linalg.matrix_norm(x)),
    # statistics, order statistics, calculus, polynomials, products
    (np.var, lambda x, y: np.var(x, mean=y)), (np.std, lambda x, y: np.std(x, mean=y)),
    (np.nanvar, lambda x, y: np.nanvar(y, mean=x)), (np.nanstd, lambda x, y: np.nanstd(y)),
    (np.average, lambda x, y: np.average(x, weights=y)),
    (np.average, lambda x, y: np.average(x, weights=y, returned=True)),
    (np.median, lambda x, y: np.median(x)), (np.nanmedian, lambda x, y: np.nanmedian(y)),
    (np.quantile, lambda x, y: np.quantile(x, 0.3)),
    (np.percentile, lambda x, y: np.percentile(y, [10.0, 70.0])),
    (np.nanquantile, lambda x, y: np.nanquantile(x, 0.6)),
    (np.nanpercentile, lambda x, y: np.nanpercentile(y, 60.0)),
    (np.ptp, lambda x, y: np.ptp(x)), (np.nansum, lambda x, y: np.nansum(x)),
    (np.nanmean, lambda x, y: np.nanmean(y)), (np.nanprod, lambda x, y: np.nanprod(x)),
    (np.nanmax, lambda x, y: np.nanmax(x)), (np.nanmin, lambda x, y: np.nanmin(y)),
    (np.nancumsum, lambda x, y: np.nancumsum(x)), (np.nancumprod, lambda x, y: np.nancumprod(y)),
    (np.nanargmax, lambda x, y: np.nanargmax(x)), (np.nanargmin, lambda x, y: np.nanargmin(y)),
    (np.cumulative_sum, lambda x, y: np.cumulative_sum(x)),
    (np.cumulative_prod, lambda x, y: np.cumulative_prod(y, include_initial=True)),
    (np.trapezoid, lambda x, y: np.trapezoid(x)), (np.gradient, lambda x, y: np.gradient(x)),
    (np.ediff1d, lambda x, y: np.ediff1d(x, to_end=y, to_begin=2.0)),
    (np.interp, lambda x, y: np.interp(x, [0.0, 1.0], [1.0, 3.0])),
    (np.unwrap, lambda x, y: np.unwrap(x)),
    (np.convolve, lambda x, y: np.convolve(x, [1.0, 2.0])),
    (np.correlate, lambda x, y: np.correlate([1.0, 2.0], y, "full")),
    (np.polyval, lambda x, y: np.polyval([1.0, 2.0, 0.5], x)),
    (np.poly, lambda x, y: np.poly(x)), (np.polyadd, lambda x, y: np.polyadd(x, y)),
    (np.polysub, lambda x, y: np.polysub(x, [1.0, 2.0])),
    (np.polymul, lambda x, y: np.polymul(x, y)),
    (np.polydiv, lambda x, y: np.polydiv(x, [1.0, 2.0])),
    (np.polyder, lambda x, y: np.polyder(x, 0)), (np.polyint, lambda x, y: np.polyint(x)),
    (np.polyfit, lambda x, y: np.polyfit([0.0], y, 0)), (np.roots, lambda x, y: np.roots(x)),
    (np.cov, lambda x, y: np.cov(x, y, bias=True)),
    (np.corrcoef, lambda x, y: np.corrcoef(x, y)),
    (np.einsum, lambda x, y: np.einsum(",", x, y)),
    (np.einsum_path, lambda x, y: np.einsum_path(",", x, y)),
    (np.tensordot, lambda x, y: np.tensordot(x, y, 0)), (np.kron, lambda x, y: np.kron(x, y)),
    (np.cross, lambda x, y: np.cross(x, y)), (np.vdot, lambda x, y: np.vdot(x, y)),
    # rounding, NaN replacement, the complex family, numpy.lib.scimath (at most linear along
    # the direction: compositions with their inverse functions)
    (np.round, lambda x, y: np.round(x * 10.0, 1)), (np.around, lambda x, y: np.around(y)),
    (np.fix, lambda x, y: np.fix(y * 7.0)), (np.nan_to_num, lambda x, y: np.nan_to_num(x * y)),
    (np.isneginf, lambda x, y: np.isneginf(x)), (np.isposinf, lambda x, y: np.isposinf(y)),
    (np.isreal, lambda x, y: np.isreal(x)), (np.iscomplex, lambda x, y: np.iscomplex(y)),
    (np.isrealobj, lambda x, y: np.isrealobj(x)),
    (np.iscomplexobj, lambda x, y: np.iscomplexobj(y)),
    (np.real, lambda x, y: np.real(x * y)), (np.imag, lambda x, y: np.imag(x)),
    (np.angle, lambda x, y: np.angle(y)), (np.angle, lambda x, y: np.angle(x, deg=True)),
    (np.real_if_close, lambda x, y: np.real_if_close(x + y)),
    (np.emath.sqrt, lambda x, y: np.emath.sqrt(x * x)),
    (np.emath.log, lambda x, y: np.emath.log(np.exp(x))),
    (np.emath.log2, lambda x, y: np.emath.log2(np.exp2(y))),
    (np.emath.log10, lambda x, y: np.emath.log10(10.0 ** x)),
    (np.emath.arccos, lambda x, y: np.emath.arccos(np.cos(x))),
    (np.emath.arcsin, lambda x, y: np.emath.arcsin(np.sin(y))),
    (np.emath.arctanh, lambda x, y: np.emath.arctanh(np.tanh(y))),
    (np.emath.power, lambda x, y: np.emath.power(x, 2)),
    (np.emath.logn, lambda x, y: np.emath.logn(2.0, 2.0 ** y)),
    (np.fft.fftshift, lambda x, y: np.fft.fftshift([x, y, 1.0])),
    (np.fft.ifftshift, lambda x, y: np.fft.ifftshift([x, y, 1.0])),
    (np.polynomial.polynomial.polyval2d,
     lambda x, y: np.polynomial.polynomial.polyval2d(x, y, [[1.0, 2.0], [3.0, 4.0]])),
    (np.polynomial.polynomial.polygrid2d,
     lambda x, y: np.polynomial.polynomial.polygrid2d(x, [y, 1.0], [[1.0, 2.0], [3.0, 4.0]])),
    # at 0, where NumPy's and SciPy's I_0 agree to the bit (1); elsewhere against mpmath in
    # tests/test_special_scipy.py
    (np.i0, lambda x, y: np.i0(x - x)),
    (np.sinc, lambda x, y: np.sinc(x - x)),
]


def like(v):
    """The like= of a creation call: a scalar dual itself, None for NumPy's floats."""
    return v if isinstance(v, DUALS) else None


def written(func, dst, *args):
    """dst after func(dst, *args) (copyto, put, ...: NumPy's return None)."""
    func(dst, *args)
    return dst


def test_the_walk_covers_the_registry():
    # a function registered later needs a scalar case here
    assert {f for f, _ in CALLS} == set(HANDLED_FUNCTIONS)


FD_STEP = 1e-3
EPS = np.finfo(float).eps


def central(call):
    """(first, second) central differences of NumPy's call on floats along DIRECTION, and
    their error bounds. The calls of CALLS are at most quadratic along it (away from kinks),
    so the differences have no truncation error: what remains is the rounding of the
    values, at most 2 eps |f| each, divided by 2h and h^2."""
    def at(t):
        return np.asarray(call(A + DIRECTION[0] * t, B + DIRECTION[1] * t), dtype=float)
    h = FD_STEP
    scale = 2 * EPS * np.max(np.abs([at(-h), at(0.0), at(h)]), initial=1.0)
    return ((at(h) - at(-h)) / (2 * h), (at(h) - 2 * at(0.0) + at(-h)) / (h * h),
            2 * scale / (2 * h), 4 * scale / (h * h))


def assert_matches_numpy(got, call, T):
    """got, from scalar duals, against NumPy's call on the real parts: the same values and
    shape, a scalar where NumPy's result is 0-d (scalars in, scalars out), and derivative
    parts equal to central differences (exact to rounding: the calls are at most quadratic,
    away from kinks)."""
    want = call(A, B)
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for i, (g, w) in enumerate(zip(got, want)):
            assert_matches_numpy(g, lambda a, b, i=i: call(a, b)[i], T)
        return
    if not isinstance(got, DUALS):
        np.testing.assert_array_equal(got, want)  # shapes, sizes, indices, tests
        return
        return
    assert type(got) is (T if np.ndim(want) == 0 else ARRAY[T])
    real, first, *rest = parts(got)
    np.testing.assert_array_equal(real, want)
    d1, d2, bound1, bound2 = central(call)
    np.testing.assert_allclose(first, d1, rtol=0, atol=bound1)
    if T is HyperDual:
        np.testing.assert_array_equal(rest[0], first)  # eps2: the same direction
        np.testing.assert_allclose(rest[1], d2, rtol=0, atol=bound2)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("func, call", CALLS, ids=[f.__name__ for f, _ in CALLS])
def test_numpy_functions_on_scalars(T, func, call):
    x, y = seeded(T)
    got = outcome(call, x, y)
    if isinstance(outcome(call, A, B), Exception):
        # where NumPy refuses floats: the error of 0-d dual arrays (worded as dualnum does)
        on_arrays = outcome(call, zero_d(x), zero_d(y))
        assert isinstance(on_arrays, Exception) and type(got) is type(on_arrays), got
        return
    assert not isinstance(got, Exception), got
    assert_matches_numpy(got, call, T)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("call, name", [
    (np.sort_complex, "sort_complex is not supported on dual arrays: its result is complex"),
    (np.fft.fft, "fft"), (np.packbits, "packbits"),
    (lambda z: np.stack([z, z], dtype=np.float32), "dtype")])
def test_unhandled_functions_and_keywords_raise_naming_them(T, call, name):
    # README: the arrays' refusal, which says why where dualnum refuses the function
    with pytest.raises(TypeError, match=name):
        call(seeded(T)[0])


@pytest.mark.parametrize("T", TYPES)
def test_a_dual_array_among_the_arguments_answers(T):
    """With a dual array among the arguments, its own __array_function__ answers (whichever
    NumPy asks first): a scalar constant joins its directions; a perturbed scalar cannot."""
    eye = np.eye(2)
    p = dn.DualArray([1.0, 2.0], eye, directional=True) if T is Dual else \
        dn.HyperDualArray([1.0, 2.0], eye, eye, np.zeros((2, 2, 2)), directional=True)
    x, _ = seeded(T)
    constant = T(x.real)
    mask = np.array([True, False])
    for got in (np.where(mask, p, constant), np.where(~mask, constant, p)):
        assert type(got) is ARRAY[T] and got.directions == p.directions
        np.testing.assert_array_equal(got.real, [1.0, x.real])
    for call in (lambda: np.where(mask, p, x), lambda: np.where(mask, x, p)):
        with pytest.raises(ValueError, match="carries one direction"):
            call()


@pytest.mark.parametrize("T", TYPES)
def test_a_mix_of_dual_types_is_refused(T):
    other = HyperDual if T is Dual else Dual
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        np.stack([T(1.0, 1.0), other(2.0, 1.0)])
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        np.where(True, T(1.0, 1.0), other(2.0, 1.0))


# ---------------------------------------------------------------- the conventions, by value
@pytest.mark.parametrize("x, slope", [(0.0, 0.5), (1.0, 0.5), (0.5, 1.0), (-2.0, 0.0),
                                      (3.0, 0.0)])
def test_clip_shares_the_derivative_at_a_tie(x, slope):
    """README: kinks take the mean of the one-sided derivatives; np.clip on a scalar as on
    an array (it gave 1.0 at the bounds through NumPy's object loop)."""
    def clipped(t):
        return np.clip(t, 0.0, 1.0)
    got = dn.derivative(clipped, x)
    assert type(got) is float and got == slope
    assert dn.derivative(clipped, np.array([x]))[0] == slope
    if x in (0.0, 1.0):  # a tie with a bound: a kink, with no second derivative
        with pytest.warns(RuntimeWarning, match="no second derivative"):
            assert np.isnan(dn.second_derivative(clipped, x))
    else:
        assert dn.second_derivative(clipped, x) == 0.0


def test_max_and_min_of_stacked_scalars_share_ties():
    # 0.5 t + 0.5 ties t at t = 1: slopes 1 and 1/2 share as 3/4
    assert dn.derivative(lambda t: np.max(np.stack([t, 0.5 * t + 0.5])), 1.0) == 0.75
    assert dn.derivative(lambda t: np.min(np.hstack([t, 0.5 * t + 0.5])), 1.0) == 0.75
    assert dn.derivative(lambda t: np.maximum(t, 1.0), 1.0) == 0.5


@pytest.mark.parametrize("T", TYPES)
def test_select_with_the_dual_only_in_default_is_numpys_object_path(T):
    """README: NumPy's dispatcher of select ignores default=, so a dual only there gives
    NumPy's object array of scalar duals; the workarounds (the dual in choicelist, or
    np.where) give the dual array of the same values."""
    x, _ = seeded(T)
    cond, a = np.array([True, False]), np.array([1.0, 2.0])
    got = np.select([cond], [a], default=x)
    assert type(got) is np.ndarray and got.dtype == object and got[1] is x
    for fixed in (np.select([cond, True], [a, x]), np.where(cond, a, x)):
        assert type(fixed) is ARRAY[T]
        assert parts(fixed[1]) == parts(x) and parts(fixed[0]) == [1.0] + [0.0] * (
            len(PARTS[T]) - 1)


@pytest.mark.parametrize("T", TYPES)
def test_a_dual_norm_order_is_refused_where_dualnum_is_asked(T):
    """README: a dual ord beside a dual array, and beside an ndarray where NumPy raises the
    ndarray to that power, is refused saying why (before: a message about acc += x); at
    the orders NumPy compares (1 here), NumPy's float, without the derivative in ord."""
    x, _ = seeded(T)
    order = x + 2.3  # a dual order near 3
    v = np.array([1.0, -2.0, 0.5])
    for call in (lambda: np.linalg.norm(v, ord=order),
                 lambda: np.linalg.vector_norm(v, ord=order),
                 lambda: np.linalg.norm(ARRAY[T](v), ord=order),
                 lambda: np.linalg.matrix_norm(ARRAY[T](np.eye(2)), ord=order),
                 lambda: np.linalg.cond(ARRAY[T](np.eye(2)), p=order)):
        with pytest.raises(TypeError, match=r"numpy\.linalg\.\w+ with a dual (ord|p): the "
                                            r"order of a norm is a constant.*\.real"):
            call()
    one = np.linalg.norm(v, ord=order - order.real + 1.0)
    assert type(one) is not T and one == 3.5


def test_a_list_argument_is_numpys_object_path():
    """README: NumPy looks for dualnum's protocols only on the arguments themselves (and the
    elements of the sequences that stacking functions take), so np.max([x, c]) compares
    objects: exact away from a tie, one side's derivative at one."""
    assert dn.derivative(lambda t: np.max([t, 0.5]), 2.0) == 1.0
    assert dn.derivative(lambda t: np.max([t, 0.5]), 0.5) in (0.0, 1.0)
    assert dn.derivative(lambda t: np.max(np.stack([t, 0.5])), 0.5) == 0.5


@pytest.mark.parametrize("T", TYPES)
def test_where_of_scalars_gives_a_scalar(T):
    x, y = seeded(T)
    got = np.where(x > y, x * x, y)
    assert type(got) is T and parts(got) == parts(x * x)
    assert dn.derivative(lambda t: np.where(t > 0, t ** 3, -t), 2.0) == 12.0
    assert type(dn.derivative(lambda t: np.where(t > 0, t, 0.0), 2.0)) is float
    assert dn.second_derivative(lambda t: np.where(t > 0, t ** 3, -t), 2.0) == 12.0


# ---------------------------------------------------------------- NEP 13: ufuncs
def _ufuncs():
    """Every ufunc the dual arrays implement (scipy.special's included)."""
    found = [u for u in _registry.UFUNCS if isinstance(u, np.ufunc)]
    special = [sp.erf, sp.erfc, sp.gamma, sp.gammaln, sp.digamma, sp.expit]
    return found + [u for u in special if u not in found]


def _args(ufunc, x, y):
    return [(x,)] if ufunc.nin == 1 else [(x, y), (x, 2.5), (-1.5, y)]


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("ufunc", _ufuncs(), ids=lambda u: u.__name__)
def test_ufuncs_on_scalars_as_on_arrays(T, ufunc):
    """Each ufunc of the arrays on scalar duals gives what it gives on 0-d dual arrays,
    as a scalar; one that the arrays refuse (matmul of scalars) raises the same error."""
    x, y = seeded(T)

    def on_arrays(*args):
        return ufunc(*[zero_d(a) if isinstance(a, T) else a for a in args])
    for args in _args(ufunc, x, y):
        with np.errstate(all="ignore"):
            want = outcome(on_arrays, *args)
            got = outcome(ufunc, *args)
        if isinstance(want, Exception):
            assert type(got) is type(want), got
            continue
        wants, gots = [r if isinstance(r, tuple) else (r,) for r in (want, got)]  # divmod ...
        for g, w in zip(gots, wants, strict=True):
            if isinstance(w, DUALS[2:]):
                assert w.ndim == 0
                w = w[()]
            assert_same(g, w)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("ufunc", [u for u in _ufuncs() if _scalar.scalar_function_for(u)],
                         ids=lambda u: u.__name__)
def test_the_fast_path_of_array_ufunc_equals_the_slow_path(T, ufunc):
    """__array_ufunc__ answers ufunc(x) and ufunc(x, number) itself; its general entry
    (array_ufunc) must give the same, to the last bit, as must the dualnum function."""
    x, y = seeded(T)
    func = _scalar.scalar_function_for(ufunc)
    for args in _args(ufunc, x, y):
        got = ufunc(*args)
        assert_same(got, _scalar.array_ufunc(ufunc, "__call__", args, {}))
        assert_same(got, func(*args))


@pytest.mark.parametrize("T", TYPES)
def test_signbit_reads_the_real_part(T):
    assert np.signbit(T(-0.0, 1.0)) and not np.signbit(T(0.0, -1.0))
    assert type(np.signbit(T(-2.0, 1.0))) is np.bool_


@pytest.mark.parametrize("T", TYPES)
def test_ufunc_keywords_are_honoured_or_refused(T):
    x, y = seeded(T)
    target = np.empty((), dtype=object)
    assert np.sin(x, out=target) is target and parts(target[()]) == parts(np.sin(x))
    target = np.empty(2, dtype=object)
    np.multiply(x, np.array([1.0, 2.0]), out=target, where=np.array([False, True]))
    assert target[0] is None and parts(target[1]) == parts(2.0 * x)
    with pytest.raises(TypeError, match="drop its derivative parts"):
        np.sin(x, out=np.empty(()))  # a float array cannot hold the derivative
    assert [parts(v) for v in np.add(x, np.ones(2), dtype=float)] == \
        [parts(v) for v in np.add(x, np.ones(2))]  # float64: the parts' own type
    with pytest.raises(TypeError, match="numpy.add on dual arrays does not take dtype=float32"):
        np.add(x, np.ones(2), dtype=np.float32)
    assert parts(np.add.outer(x, y)) == parts(x + y)  # outer of two scalars: their sum


# ---------------------------------------------------------------- operators with ndarrays
OPS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow]
COMPARISONS = [operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne]
NDARRAYS = {
    "float64": np.array([0.5, 2.0, 3.25]), "float32": np.array([[1.5], [0.25]], np.float32),
    "int64": np.array([1, 2, 3]), "uint8": np.array([[2, 1], [3, 4]], np.uint8),
    "bool": np.array([True, True]),
}


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("op", OPS + COMPARISONS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("dtype", list(NDARRAYS))
def test_scalar_dual_and_ndarray_give_a_dual_array(T, op, dtype):
    """x op ndarray and ndarray op x: a dual array (a bool ndarray for comparisons) whose
    every element is the scalar operation with that element (it was an object array)."""
    x, _ = seeded(T)
    arr = NDARRAYS[dtype]
    for got, element in [(op(x, arr), lambda v: op(x, v)), (op(arr, x), lambda v: op(v, x))]:
        want = [element(float(v)) for v in arr.flat]
        if op in COMPARISONS:
            assert type(got) is np.ndarray and got.dtype == bool
            assert got.tolist() == np.reshape(want, arr.shape).tolist()
            continue
        assert type(got) is ARRAY[T] and got.shape == arr.shape
        for i, w in enumerate(want):
            assert_same(got.reshape(-1)[i], w)


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("op", OPS, ids=lambda op: op.__name__)
@pytest.mark.parametrize("number", [np.array(2.5), np.float64(2.5), np.float32(2.5),
                                    np.int64(3), np.array(3)], ids=repr)
def test_numpy_scalars_and_0d_arrays_stay_scalars(T, op, number):
    x, _ = seeded(T)
    assert_same(op(x, number), op(x, number.item()))
    assert_same(op(number, x), op(number.item(), x))


@pytest.mark.parametrize("T", TYPES)
@pytest.mark.parametrize("func", [dn.maximum, dn.hypot, dn.arctan2, np.maximum, np.hypot])
def test_two_argument_functions_with_an_ndarray_give_a_dual_array(T, func):
    x, _ = seeded(T)
    arr = np.array([0.5, 0.7, 2.0])
    for got, element in [(func(x, arr), lambda v: func(x, v)), (func(arr, x),
                                                                  lambda v: func(v, x))]:
        assert type(got) is ARRAY[T]
        for g, v in zip(got, arr):
            assert_same(g, element(float(v)))


@pytest.mark.parametrize("T", TYPES)
def test_object_arrays_stay_object_arrays(T):
    x, y = seeded(T)
    objects = np.array([y, 2.0], dtype=object)
    for got, want in [(x * objects, [x * y, x * 2.0]), (objects - x, [y - x, 2.0 - x]),
                      (np.hypot(objects, x), [dn.hypot(y, x), dn.hypot(2.0, x)])]:
        assert type(got) is np.ndarray and got.dtype == object
        for g, w in zip(got, want):
            assert_same(g, w)


@pytest.mark.parametrize("T", TYPES)
def test_complex_ndarrays_are_refused(T):
    with pytest.raises(TypeError):
        seeded(T)[0] * np.array([1j, 2.0])


# ---------------------------------------------------------------- linear algebra of e * B
MATRIX = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
STEP = np.array([[0.5, -1.0, 0.2], [0.3, 0.1, -0.4], [1.0, 0.0, 0.7]])
RHS = np.array([1.0, 2.0, 3.0])
PERTURBED = {"e * B": lambda e: MATRIX + e * STEP, "B * e": lambda e: MATRIX + STEP * e,
             "np.multiply": lambda e: np.add(np.multiply(STEP, e), MATRIX),
             "e ** 1 * B / 1": lambda e: MATRIX - (-STEP) * e ** 1.0 / 1.0}


def _closed_forms():
    """d/de and d2/de2 at e = 0 of (A + eB)^-1 b, (A + eB)^-1 and det(A + eB), with
    M = A^-1 B: -M A^-1 b and 2 M M A^-1 b; -M A^-1 and 2 M M A^-1; det(A) tr M and
    det(A) (tr(M)^2 - tr(M M))."""
    inv = np.linalg.inv(MATRIX)
    m = inv @ STEP
    x = inv @ RHS
    det = np.linalg.det(MATRIX)
    return {
        np.linalg.solve: (lambda a: np.linalg.solve(a, RHS), -m @ x, 2 * m @ m @ x),
        np.linalg.inv: (np.linalg.inv, -m @ inv, 2 * m @ m @ inv),
        np.linalg.det: (np.linalg.det, det * np.trace(m),
                        det * (np.trace(m) ** 2 - np.trace(m @ m))),
    }


@pytest.mark.parametrize("how", list(PERTURBED))
@pytest.mark.parametrize("func", [np.linalg.solve, np.linalg.inv, np.linalg.det],
                         ids=lambda f: f.__name__)
def test_linear_algebra_of_a_scalar_times_a_matrix(how, func):
    """dn.derivative(lambda e: np.linalg.solve(A + e * B, b), 0.0): dual arrays (it failed
    inside NumPy on an object array), first and second derivatives as the closed forms."""
    g, first, second = _closed_forms()[func]
    perturbed = PERTURBED[how]
    assert type(perturbed(Dual(0.0, 1.0))) is dn.DualArray
    assert type(perturbed(HyperDual(0.0, 1.0, 1.0, 0.0))) is dn.HyperDualArray
    np.testing.assert_allclose(dn.derivative(lambda e: g(perturbed(e)), 0.0), first,
                               rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(dn.second_derivative(lambda e: g(perturbed(e)), 0.0), second,
                               rtol=1e-13, atol=1e-14)
