"""Tags (src/tags.pxi): every dual number and dual array belongs to one derivative
computation, and an operation on two that carry perturbations of different computations is
refused (perturbation confusion), never silently summed.

Here the number types and arrays on their own: every operator, rule, ufunc and NumPy
function keeps its operand's tag; a constant (zero perturbation parts) takes the other
operand's tag; perturbations of two tags raise TypeError. The API's nesting is in
tests/test_api_nesting.py.
"""
import copy
import math
import operator
import pickle

import numpy as np
import pytest
import scipy.special  # noqa: F401  (its ufuncs join dualnum.arrays' table once imported)

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR
from rule_calls import module_function
from dualnum import _scalar, rules
from dualnum.arrays import HANDLED_FUNCTIONS, _registry, operands, queries

CONFUSION = "perturbation confusion"
A, B = 101, 202  # two computations
TAGGED = {dn.Dual: _scalar.tagged_dual, dn.HyperDual: _scalar.tagged_hyper}
PERTURBATIONS = {dn.Dual: (0.7,), dn.HyperDual: (0.7, -1.1, 0.45)}
UNARY = [r for r in rules.UNARY if r.public]
BINARY = [r for r in rules.BINARY if r.public]


def scalar(T, tag, real=0.6, moving=True):
    """A scalar dual of computation ``tag``: with perturbations, or a constant."""
    return TAGGED[T](tag, real, *(PERTURBATIONS[T] if moving else (0.0,) * len(PERTURBATIONS[T])))


def parts(z):
    return tuple(getattr(z, n) for n in NAMES[dn.DualArray if type(z) is dn.Dual
                                              else dn.HyperDualArray])


# ---------------------------------------------------------------- scalars
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_numbers_built_by_hand_have_tag_zero_and_seeds_fresh_tags(T):
    assert T(1.5, 1.0)._tag == 0
    assert scalar(T, A)._tag == A
    seed = _scalar.seed_dual if T is dn.Dual else _scalar.seed_hyper
    tags = [seed(1.0, 1.0)._tag for _ in range(3)] + [_scalar.new_tag()]
    assert tags == sorted(set(tags)) and tags[0] > 0
    with pytest.raises(AttributeError):
        scalar(T, A)._tag = B  # a number's computation is fixed


SCALAR_OPERATIONS = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "**": operator.pow, "//": operator.floordiv, "%": operator.mod,
    "divmod quotient": lambda x, y: divmod(x, y)[0],
    "divmod remainder": lambda x, y: divmod(x, y)[1],
    **{r.name: getattr(dn, r.name) for r in BINARY},
}


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_two_scalars_of_one_computation_or_with_a_number_keep_its_tag(T, name):
    op = SCALAR_OPERATIONS[name]
    x, y = scalar(T, A), scalar(T, A, real=1.7)
    for result in (op(x, y), op(y, x), op(x, 0.8), op(1.9, x)):
        assert type(result) is T and result._tag == A


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_a_constant_of_another_computation_takes_the_tag_of_the_other_operand(T, name):
    """Its perturbation parts are zero, so it belongs to any computation: the result, in
    either order, is that of the same constant with the other operand's tag."""
    op = SCALAR_OPERATIONS[name]
    x = scalar(T, A)
    for c in (scalar(T, B, real=1.7, moving=False), T(1.7)):
        same = scalar(T, A, real=1.7, moving=False)
        for got, want in ((op(x, c), op(x, same)), (op(c, x), op(same, x))):
            assert got._tag == A
            np.testing.assert_array_equal(parts(got), parts(want))
    both_constant = op(scalar(T, A, moving=False), scalar(T, B, real=1.7, moving=False))
    assert not any(parts(both_constant)[1:])  # no perturbation to confuse


@pytest.mark.parametrize("name", list(SCALAR_OPERATIONS))
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_perturbations_of_two_computations_raise(T, name):
    op = SCALAR_OPERATIONS[name]
    x, y = scalar(T, A), scalar(T, B, real=1.7)
    for a, b in ((x, y), (y, x), (x, dn.Dual(1.7, 1.0) if T is dn.Dual else
                                  dn.HyperDual(1.7, 0.0, 0.0, 1.0))):
        with pytest.raises(TypeError, match=CONFUSION):
            op(a, b)


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_every_perturbation_part_counts_and_nan_is_not_zero(T):
    n = len(PERTURBATIONS[T])
    for i in range(n):
        for value in (1e-300, math.nan):
            one = [0.0] * n
            one[i] = value
            with pytest.raises(TypeError, match=CONFUSION):
                scalar(T, A) + TAGGED[T](B, 1.0, *one)


def test_confusion_names_the_cause_and_the_remedies():
    with pytest.raises(TypeError) as info:
        scalar(dn.Dual, A) * scalar(dn.Dual, B)
    text = str(info.value)
    for phrase in ("closure", "outer call", "second_derivative", "hessian", "hvp",
                   "outside the function"):
        assert phrase in text
    assert "built by hand" not in text
    with pytest.raises(TypeError, match="built by hand"):
        scalar(dn.Dual, A) * dn.Dual(1.0, 1.0)


@pytest.mark.parametrize("rule", UNARY, ids=lambda r: r.name)
@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_every_rule_keeps_the_tag(T, rule):
    x = scalar(T, A, real=1.3)  # NaN outside a domain (arcsin), and still tagged
    results = [module_function(rule)(x), getattr(x, rule.name)()]
    if rule.numpy:
        results.append(getattr(np, rule.numpy)(x))
    for result in results:
        assert type(result) is T and result._tag == A


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_unary_operators_copies_and_pickles_keep_the_tag(T):
    x = scalar(T, A)
    kept = [-x, +x, abs(x), math.floor(x), math.ceil(x), copy.copy(x), copy.deepcopy(x)]
    kept += [pickle.loads(pickle.dumps(x, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
    assert [z._tag for z in kept] == [A] * len(kept)
    assert parts(kept[-1]) == parts(x)


def test_dual_beside_hyperdual_of_another_computation_is_confusion():
    """The inner call's Dual beside an outer hessian's HyperDual: the cause is the nesting,
    not the choice of types; within one computation the types are mixed by hand."""
    for a, b in ((scalar(dn.Dual, A), scalar(dn.HyperDual, B)),
                 (scalar(dn.HyperDual, A), scalar(dn.Dual, B))):
        for op in (operator.mul, operator.lt, dn.hypot):
            with pytest.raises(TypeError, match=CONFUSION):
                op(a, b)
            with pytest.raises(TypeError, match=CONFUSION):
                op(b, a)
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        dn.Dual(1.0, 1.0) * dn.HyperDual(1.0, 1.0)


# ---------------------------------------------------------------- arrays
def tagged(T, tag, shape=(3, 3), start=0.3, directional=False, moving=True):
    """A dual array of computation ``tag`` (a well-conditioned square matrix by default)."""
    i = np.arange(int(np.prod(shape)), dtype=float)
    real = (start + 0.11 * i).reshape(shape)
    if len(shape) == 2 and shape[0] == shape[1]:
        real = real + 2.0 * np.eye(shape[0])
    k = 2 if directional else 1
    pert = [(np.sin(1.7 * (j + 1) + 0.9 * i)[:, None] * np.arange(1, k + 1) * moving)
            .reshape(shape + (k,)) for j in range(len(NAMES[T]) - 1)]
    if T is dn.HyperDualArray:
        pert[2] = pert[0][..., :, None] * pert[1][..., None, :]
    return T._wrap([real] + pert, directional, tag)


def assert_tag(result, tag):
    """Every dual in result (an array, a scalar, or a tuple/list of them) carries tag."""
    if isinstance(result, (tuple, list)):
        for r in result:
            assert_tag(r, tag)
        return
    assert isinstance(result, (dn.DualArray, dn.HyperDualArray, dn.Dual, dn.HyperDual)), result
    assert result._tag == tag


def test_arrays_built_by_hand_have_tag_zero():
    assert dn.DualArray([1.0, 2.0], 1.0)._tag == 0
    assert dn.HyperDualArray(np.ones(2), 1.0, 1.0, 0.0, directional=False)._tag == 0


# NumPy function -> a call of it on the matrix a and the vector v of one computation
FUNCTION_CALLS = {
    np.sum: lambda a, v: np.sum(a, axis=0), np.mean: lambda a, v: np.mean(a),
    np.prod: lambda a, v: np.prod(a, axis=1), np.max: lambda a, v: np.max(a, axis=0),
    np.amax: lambda a, v: np.amax(v), np.min: lambda a, v: np.min(a),
    np.amin: lambda a, v: np.amin(a, axis=1), np.cumsum: lambda a, v: np.cumsum(a, axis=1),
    np.cumprod: lambda a, v: np.cumprod(v), np.dot: lambda a, v: np.dot(a, v),
    np.inner: lambda a, v: np.inner(v, v), np.outer: lambda a, v: np.outer(v, v),
    np.trace: lambda a, v: np.trace(a), np.diag: lambda a, v: np.diag(v),
    np.where: lambda a, v: np.where(v.real > 1.0, v, 0.5),
    np.clip: lambda a, v: np.clip(a, 0.5, 2.0),
    np.concatenate: lambda a, v: np.concatenate([a, v[None]]),
    np.stack: lambda a, v: np.stack([v, 2.0 * v]), np.hstack: lambda a, v: np.hstack([v, v]),
    np.vstack: lambda a, v: np.vstack([a, v]), np.reshape: lambda a, v: np.reshape(a, (9,)),
    np.ravel: lambda a, v: np.ravel(a), np.transpose: lambda a, v: np.transpose(a),
    np.moveaxis: lambda a, v: np.moveaxis(a, 0, 1),
    np.swapaxes: lambda a, v: np.swapaxes(a, 0, 1),
    np.squeeze: lambda a, v: np.squeeze(v[None]),
    np.expand_dims: lambda a, v: np.expand_dims(v, 0),
    np.broadcast_to: lambda a, v: np.broadcast_to(v, (2, 3)), np.diff: lambda a, v: np.diff(a),
    np.atleast_1d: lambda a, v: np.atleast_1d(v), np.atleast_2d: lambda a, v: np.atleast_2d(v),
    np.copy: lambda a, v: np.copy(a), np.linalg.norm: lambda a, v: np.linalg.norm(v),
    np.linalg.solve: lambda a, v: np.linalg.solve(a, v),
    np.linalg.inv: lambda a, v: np.linalg.inv(a), np.linalg.det: lambda a, v: np.linalg.det(a),
    # moving, sorting, building
    np.flip: lambda a, v: np.flip(a, 1), np.fliplr: lambda a, v: np.fliplr(a),
    np.flipud: lambda a, v: np.flipud(a), np.roll: lambda a, v: np.roll(a, 1, axis=0),
    np.rot90: lambda a, v: np.rot90(a), np.rollaxis: lambda a, v: np.rollaxis(a, 1),
    np.tile: lambda a, v: np.tile(v, 2), np.repeat: lambda a, v: np.repeat(a, 2, axis=1),
    np.take: lambda a, v: np.take(a, [2, 0], axis=1),
    np.take_along_axis: lambda a, v: np.take_along_axis(a, np.array([[2], [0], [1]]), 1),
    np.diagonal: lambda a, v: np.diagonal(a), np.diagflat: lambda a, v: np.diagflat(v),
    np.tril: lambda a, v: np.tril(a), np.triu: lambda a, v: np.triu(a, 1),
    np.split: lambda a, v: np.split(a, 3), np.array_split: lambda a, v: np.array_split(v, 2),
    np.hsplit: lambda a, v: np.hsplit(a, 3), np.vsplit: lambda a, v: np.vsplit(a, [1]),
    np.dsplit: lambda a, v: np.dsplit(a[None], 3), np.unstack: lambda a, v: np.unstack(a),
    np.resize: lambda a, v: np.resize(v, 5), np.delete: lambda a, v: np.delete(a, 1, axis=0),
    np.matrix_transpose: lambda a, v: np.matrix_transpose(a),
    np.atleast_3d: lambda a, v: np.atleast_3d(v),
    np.broadcast_arrays: lambda a, v: np.broadcast_arrays(a, v),
    np.meshgrid: lambda a, v: np.meshgrid(v, [1.0, 2.0]),
    np.lib.stride_tricks.sliding_window_view:
        lambda a, v: np.lib.stride_tricks.sliding_window_view(a, (2, 2)),
    np.compress: lambda a, v: np.compress([True, False, True], a, axis=0),
    np.extract: lambda a, v: np.extract(a.real > 1.0, a),
    np.choose: lambda a, v: np.choose([0, 1, 0], [v, 2.0 * v]),
    np.insert: lambda a, v: np.insert(v, 1, 0.5), np.put_along_axis: lambda a, v: put(a, v),
    np.trim_zeros: lambda a, v: np.trim_zeros(v), np.sort: lambda a, v: np.sort(a[::-1], axis=0),
    np.partition: lambda a, v: np.partition(v, 1), np.unique: lambda a, v: np.unique(a),
    np.unique_values: lambda a, v: np.unique_values(a),
    np.unique_counts: lambda a, v: np.unique_counts(a).values,
    np.unique_inverse: lambda a, v: np.unique_inverse(a).values,
    np.unique_all: lambda a, v: np.unique_all(a).values,
    np.union1d: lambda a, v: np.union1d(v, [0.1]),
    np.intersect1d: lambda a, v: np.intersect1d(v, a),
    np.setdiff1d: lambda a, v: np.setdiff1d(a, v), np.setxor1d: lambda a, v: np.setxor1d(a, v),
    np.pad: lambda a, v: np.pad(a, 1, "edge"), np.vander: lambda a, v: np.vander(v),
    np.piecewise: lambda a, v: np.piecewise(v, [v.real > 2.0], [np.sin, 0.5]),
    np.apply_along_axis: lambda a, v: np.apply_along_axis(np.sum, 0, a),
    np.apply_over_axes: lambda a, v: np.apply_over_axes(np.sum, a, [0]),
    np.bincount: lambda a, v: np.bincount([0, 2, 1], v),
    np.histogram: lambda a, v: np.histogram([0.2, 0.3, 0.9], 2, (0.0, 1.0), weights=v)[0],
    # creation, writing and joining: a new array takes like='s tag
    np.zeros_like: lambda a, v: np.zeros_like(a), np.ones_like: lambda a, v: np.ones_like(v),
    np.empty_like: lambda a, v: np.empty_like(a), np.full_like: lambda a, v: np.full_like(a, 2.0),
    np.zeros: lambda a, v: np.zeros(2, like=a), np.ones: lambda a, v: np.ones(2, like=v),
    np.empty: lambda a, v: np.empty(2, like=a), np.full: lambda a, v: np.full(3, v, like=a),
    np.eye: lambda a, v: np.eye(3, like=a), np.identity: lambda a, v: np.identity(3, like=a),
    np.tri: lambda a, v: np.tri(3, like=a), np.arange: lambda a, v: np.arange(3, like=a),
    np.fromfunction: lambda a, v: np.fromfunction(lambda i: i * v, (3,), like=a),
    np.asarray: lambda a, v: np.asarray([1.0, 2.0], like=a),
    np.asanyarray: lambda a, v: np.asanyarray(v, like=a),
    np.array: lambda a, v: np.array([v, 2.0 * v], like=a),
    np.ascontiguousarray: lambda a, v: np.ascontiguousarray(a.T, like=a),
    np.asfortranarray: lambda a, v: np.asfortranarray(a, like=a),
    np.require: lambda a, v: np.require(a, requirements="FW", like=a),
    np.astype: lambda a, v: np.astype(a, np.float64),
    np.linspace: lambda a, v: np.linspace(v, 2.0, 4),
    np.logspace: lambda a, v: np.logspace(v, 1.0, 3),
    np.geomspace: lambda a, v: np.geomspace(v, 2.0 * v, 3),
    np.copyto: lambda a, v: written(np.copyto, np.zeros(3, like=a), v),
    np.place: lambda a, v: written(np.place, np.zeros(3, like=a), [True, False, True], v),
    np.put: lambda a, v: written(np.put, np.zeros(3, like=a), [0, 2], v),
    np.putmask: lambda a, v: written(np.putmask, np.zeros(3, like=a), [True, False, True], v),
    np.fill_diagonal: lambda a, v: written(np.fill_diagonal, np.zeros((3, 3), like=a), v),
    np.dstack: lambda a, v: np.dstack([a, a]),
    np.column_stack: lambda a, v: np.column_stack([v, a]),
    np.block: lambda a, v: np.block([[a, np.ones((3, 1))]]),
    np.append: lambda a, v: np.append(a, [1.0, 2.0]),
    np.select: lambda a, v: np.select([v.real > 2.0], [v], 0.5),
    # numpy.linalg (a @ a.T + 3 I: symmetric positive definite)
    np.linalg.matmul: lambda a, v: np.linalg.matmul(a, v),
    np.linalg.vecdot: lambda a, v: np.linalg.vecdot(a, v),
    np.linalg.tensordot: lambda a, v: np.linalg.tensordot(a, v, axes=1),
    np.linalg.outer: lambda a, v: np.linalg.outer(v, [1.0, 2.0]),
    np.linalg.cross: lambda a, v: np.linalg.cross(a, [1.0, 2.0, 0.5]),
    np.linalg.trace: lambda a, v: np.linalg.trace(a),
    np.linalg.diagonal: lambda a, v: np.linalg.diagonal(a),
    np.linalg.matrix_transpose: lambda a, v: np.linalg.matrix_transpose(a),
    np.linalg.multi_dot: lambda a, v: np.linalg.multi_dot([v, a, a]),
    np.linalg.matrix_power: lambda a, v: np.linalg.matrix_power(a, -2),
    np.linalg.tensorsolve: lambda a, v: np.linalg.tensorsolve(a, v),
    np.linalg.tensorinv: lambda a, v: np.linalg.tensorinv(a, ind=1),
    np.linalg.eigh: lambda a, v: np.linalg.eigh(a @ a.T + 3 * np.eye(3)),
    np.linalg.eigvalsh: lambda a, v: np.linalg.eigvalsh(a @ a.T + 3 * np.eye(3)),
    np.linalg.cholesky: lambda a, v: np.linalg.cholesky(a @ a.T + 3 * np.eye(3)),
    np.linalg.slogdet: lambda a, v: np.linalg.slogdet(a)[1],
    np.linalg.svd: lambda a, v: np.linalg.svd(a),
    np.linalg.svdvals: lambda a, v: np.linalg.svdvals(a),
    np.linalg.qr: lambda a, v: np.linalg.qr(a), np.linalg.pinv: lambda a, v: np.linalg.pinv(a),
    np.linalg.lstsq: lambda a, v: np.linalg.lstsq(a[:, :2], v)[0],
    np.linalg.cond: lambda a, v: np.linalg.cond(a),
    np.linalg.vector_norm: lambda a, v: np.linalg.vector_norm(a, ord=3),
    np.linalg.matrix_norm: lambda a, v: np.linalg.matrix_norm(a, ord="nuc"),
    # statistics, order statistics, calculus, polynomials, products
    np.var: lambda a, v: np.var(a, axis=0), np.std: lambda a, v: np.std(v),
    np.nanvar: lambda a, v: np.nanvar(a), np.nanstd: lambda a, v: np.nanstd(a, axis=1),
    np.average: lambda a, v: np.average(a, axis=0, weights=v),
    np.median: lambda a, v: np.median(a, axis=0), np.nanmedian: lambda a, v: np.nanmedian(v),
    np.quantile: lambda a, v: np.quantile(a, [0.2, 0.7]),
    np.percentile: lambda a, v: np.percentile(v, 30.0),
    np.nanquantile: lambda a, v: np.nanquantile(a, 0.4, axis=1),
    np.nanpercentile: lambda a, v: np.nanpercentile(a, 40.0),
    np.ptp: lambda a, v: np.ptp(a, axis=1), np.nansum: lambda a, v: np.nansum(a),
    np.nanmean: lambda a, v: np.nanmean(v), np.nanprod: lambda a, v: np.nanprod(a, axis=0),
    np.nanmax: lambda a, v: np.nanmax(a), np.nanmin: lambda a, v: np.nanmin(a, axis=1),
    np.nancumsum: lambda a, v: np.nancumsum(v), np.nancumprod: lambda a, v: np.nancumprod(a),
    np.cumulative_sum: lambda a, v: np.cumulative_sum(a, axis=0),
    np.cumulative_prod: lambda a, v: np.cumulative_prod(v),
    np.trapezoid: lambda a, v: np.trapezoid(a, x=v), np.gradient: lambda a, v: np.gradient(v),
    np.ediff1d: lambda a, v: np.ediff1d(a, to_begin=v),
    np.interp: lambda a, v: np.interp(a, [0.0, 1.0, 3.0], v), np.unwrap: lambda a, v:
    np.unwrap(a), np.convolve: lambda a, v: np.convolve(v, [1.0, 2.0]),
    np.correlate: lambda a, v: np.correlate(v, v, "full"),
    np.polyval: lambda a, v: np.polyval(v, a), np.poly: lambda a, v: np.poly(v),
    np.polyadd: lambda a, v: np.polyadd(v, [1.0]), np.polysub: lambda a, v: np.polysub(v, v),
    np.polymul: lambda a, v: np.polymul([2.0, 1.0], v),
    np.polydiv: lambda a, v: np.polydiv(v, [1.0, 2.0])[0], np.polyder: lambda a, v:
    np.polyder(v), np.polyint: lambda a, v: np.polyint(v),
    np.polyfit: lambda a, v: np.polyfit([0.0, 1.0, 2.0], v, 1),
    np.roots: lambda a, v: np.roots(np.poly(v)),
    np.cov: lambda a, v: np.cov(a), np.corrcoef: lambda a, v: np.corrcoef(a),
    np.einsum: lambda a, v: np.einsum("ij,j->i", a, v),
    np.tensordot: lambda a, v: np.tensordot(a, v, 1), np.kron: lambda a, v: np.kron(a, v),
    np.cross: lambda a, v: np.cross(a, v), np.vdot: lambda a, v: np.vdot(v, v),
    # rounding, NaN replacement, the complex family, numpy.lib.scimath
    np.round: lambda a, v: np.round(a, 1), np.around: lambda a, v: np.around(v),
    np.fix: lambda a, v: np.fix(a), np.nan_to_num: lambda a, v: np.nan_to_num(a),
    np.real: lambda a, v: np.real(a), np.imag: lambda a, v: np.imag(v),
    np.angle: lambda a, v: np.angle(-a), np.real_if_close: lambda a, v: np.real_if_close(a),
    **{getattr(np.emath, n): lambda a, v, n=n: getattr(np.emath, n)(a) for n in (
        "sqrt", "log", "log2", "log10")},
    **{getattr(np.emath, n): lambda a, v, n=n: getattr(np.emath, n)(v / 4) for n in (
        "arccos", "arcsin", "arctanh")},
    np.emath.power: lambda a, v: np.emath.power(a, v),
    np.emath.logn: lambda a, v: np.emath.logn(v, a),
    np.fft.fftshift: lambda a, v: np.fft.fftshift(a),
    np.fft.ifftshift: lambda a, v: np.fft.ifftshift(v),
    np.polynomial.polynomial.polyval2d:
        lambda a, v: np.polynomial.polynomial.polyval2d(v, v, a),
    np.polynomial.polynomial.polygrid2d:
        lambda a, v: np.polynomial.polynomial.polygrid2d(v, v, a),
    np.i0: lambda a, v: np.i0(a), np.sinc: lambda a, v: np.sinc(a),
    # the review's fixes
    np.ix_: lambda a, v: np.ix_(v, a[1])[1],
}


def written(func, dst, *args):
    """dst after func(dst, *args) (copyto, put, ...: NumPy's return None)."""
    func(dst, *args)
    return dst
# functions whose results hold no derivative parts
NOT_DUAL = {np.shape, np.ndim, np.size, np.argmax, np.argmin, np.linalg.matrix_rank,
            np.nanargmax, np.nanargmin, np.einsum_path,
            np.isneginf, np.isposinf, np.isreal, np.iscomplex, np.isrealobj, np.iscomplexobj,
            # moving, sorting, building, queries
            np.histogram_bin_edges, np.shares_memory, np.may_share_memory, np.array2string,
            np.array_repr, np.array_str, *queries.ON_THE_REAL_PARTS}


def put(a, v):
    """put_along_axis writes into a copy of a, which it returns."""
    a = a.copy()
    np.put_along_axis(a, np.array([[0], [1], [2]]), v[:, None], 1)
    return a


def test_the_function_table_covers_the_registry():
    assert set(FUNCTION_CALLS) | NOT_DUAL == set(HANDLED_FUNCTIONS)


@pytest.mark.parametrize("func", list(FUNCTION_CALLS), ids=lambda f: f.__name__)
@pytest.mark.parametrize("directional", [False, True], ids=["plain", "directions"])
@pytest.mark.parametrize("T", KINDS)
def test_every_numpy_function_keeps_the_tag(T, directional, func):
    a = tagged(T, A, directional=directional)
    assert_tag(FUNCTION_CALLS[func](a, a[0]), A)


GUFUNCS = (np.matmul, np.matvec, np.vecmat, np.vecdot)  # no 0-d operands


def _ufunc_calls():
    _registry.ufunc_call(np.sin)  # moves the scipy.special ufuncs into the table
    return sorted(_registry.UFUNCS.items(), key=lambda item: item[0].__name__)


# ufuncs whose operands are not all duals or numbers: their calls on a, b of one computation
UFUNC_CALLS = {
    "ldexp": lambda u, a, b: [u(a, 3), u(a, np.full((3, 3), -2))],  # an integer exponent
    "clip": lambda u, a, b: [u(a, b, 0.9), u(0.5, a, b), u(a, 0.3, np.full((3, 3), 0.8))],
}


@pytest.mark.parametrize("ufunc", [u for u, _ in _ufunc_calls()], ids=lambda u: u.__name__)
@pytest.mark.parametrize("T", KINDS)
def test_every_ufunc_keeps_the_tag(T, ufunc):
    a, b = tagged(T, A, start=0.4), tagged(T, A, start=0.2)
    constants = [np.full((3, 3), 0.5)] + ([] if ufunc in GUFUNCS else [0.5])
    with np.errstate(all="ignore"):
        if ufunc.__name__ in UFUNC_CALLS:
            results = UFUNC_CALLS[ufunc.__name__](ufunc, a, b)
        elif ufunc.nin == 1:
            results = [ufunc(a)]
        else:
            results = [ufunc(a, b)] + [ufunc(a, c) for c in constants] + \
                [ufunc(c, a) for c in constants]
    for result in [r for rs in results for r in (rs if isinstance(rs, tuple) else (rs,))]:
        if isinstance(result, np.ndarray):  # tests of the real parts, frexp's exponents
            assert result.dtype == bool or ufunc is np.frexp and result.dtype.kind == "i"
        else:
            assert_tag(result, A)


@pytest.mark.parametrize("rule", UNARY + BINARY, ids=lambda r: r.name)
@pytest.mark.parametrize("T", KINDS)
def test_every_module_function_on_arrays_keeps_the_tag(T, rule):
    a = tagged(T, A, start=0.4)
    with np.errstate(all="ignore"):
        func = module_function(rule) if rule in UNARY else getattr(dn, rule.name)
        results = [func(a)] if rule in UNARY else [func(a, a.T), func(0.5, a), func(a, 0.5)]
    assert_tag(results, A)


REDUCTION_CALLS = {
    (np.add, "reduce"): lambda a: np.add.reduce(a, axis=1),
    (np.multiply, "reduce"): lambda a: np.multiply.reduce(a),
    (np.maximum, "reduce"): lambda a: np.maximum.reduce(a, axis=1, keepdims=True),
    (np.minimum, "reduce"): lambda a: np.minimum.reduce(a),
    (np.add, "accumulate"): lambda a: np.add.accumulate(a),
    (np.multiply, "accumulate"): lambda a: np.multiply.accumulate(a, axis=1),
    # the linear methods at and reduceat (a constant target takes on the values' tag)
    (np.add, "at"): lambda a: written(np.add.at, tagged(type(a), 0, moving=False), [0, 0],
                                      a[1]),
    (np.subtract, "at"): lambda a: written(np.subtract.at, a.copy(), ([1, 1], [0, 2]), 1.0),
    (np.add, "reduceat"): lambda a: np.add.reduceat(a, [0, 2], axis=1),
}


@pytest.mark.parametrize("T", KINDS)
def test_every_ufunc_method_keeps_the_tag(T):
    assert set(REDUCTION_CALLS) == set(_registry.REDUCTIONS)
    for call in REDUCTION_CALLS.values():
        assert_tag(call(tagged(T, A)), A)


@pytest.mark.parametrize("directional", [False, True], ids=["plain", "directions"])
@pytest.mark.parametrize("T", KINDS)
def test_operators_structure_and_copies_keep_the_tag(T, directional):
    """The compiled fast paths (ArrayBase) and the container's own methods."""
    a, b = tagged(T, A, directional=directional), tagged(T, A, start=1.0,
                                                          directional=directional)
    kept = [a + b, a - b, a + 1.0, 2 + a, a - 1, 1.0 - a, a * 3.0, 3 * a, a / 2.0, 2.0 / a,
            a * b, a / b, a ** 2, a ** 1.5, 2.0 ** a, a ** b, -a, +a, abs(a), a @ b, a[1:],
            a[:, 1], a[[0, 2]], a[a.real > 1.0], a.T, a.reshape(9), a.ravel(), a.copy(),
            copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a)), a.sum(),
            np.sum(a[0]), a.mean(axis=0), a.max(), a.dot(b), list(a)]
    out = np.empty((3, 3))
    # out= of a constant takes A
    kept.append(np.sin(a, out=tagged(T, 0, directional=directional, moving=False)))
    assert_tag(kept, A)
    with pytest.raises(TypeError):
        np.sin(a, out=out)  # a float array cannot hold the derivative parts


@pytest.mark.parametrize("T", KINDS)
def test_elements_and_object_arrays_carry_the_tag_and_come_back(T):
    a = tagged(T, A)
    elements = [a[1, 2], a[(0, 0)], *np.asarray(a).ravel(), np.trace(a), np.linalg.det(a)]
    assert all(type(e) is SCALAR[T] for e in elements)
    assert_tag(elements, A)
    assert_tag([T(np.asarray(a)), T([a[0, 0], 1.0, a[1, 1]]), a + np.asarray(a)], A)
    assert T([T._scalar(1.0, 1.0)])._tag == 0


@pytest.mark.parametrize("T", KINDS)
def test_setting_elements_joins_the_computation_of_a_constant_array(T):
    """An array of constants (zero perturbation parts) built by hand and filled with values
    of a computation belongs to it from then on; values of another then raise."""
    out = T(np.zeros(3))
    a = tagged(T, A)
    out[0] = a[0, 0]
    out[1:] = a[1, 1:]
    assert out._tag == A
    np.testing.assert_array_equal(out.real, [a.real[0, 0], *a.real[1, 1:]])
    out[2] = 5.0  # a number: a constant of any computation
    assert out._tag == A
    with pytest.raises(TypeError, match=CONFUSION):
        out[0] = tagged(T, B)[0, 0]
    with pytest.raises(TypeError, match=CONFUSION):
        a[0] = tagged(T, B)[1]


@pytest.mark.parametrize("T", KINDS)
def test_constant_arrays_of_another_computation_take_the_tag_of_the_other_operand(T):
    """In every position, also leading (the operand whose type and directions the result
    takes): the result equals the same operation on a constant of the same computation."""
    a, c = tagged(T, A), tagged(T, B, start=0.9, moving=False)
    same = tagged(T, A, start=0.9, moving=False)
    calls = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
             operator.matmul, np.hypot, np.maximum, lambda x, y: np.concatenate([x, y]),
             lambda x, y: np.stack([x, y]), lambda x, y: np.where(x.real > 1.0, x, y),
             lambda x, y: np.linalg.solve(x, y[0]), lambda x, y: np.clip(x, y, None)]
    for call in calls:
        for got, want in ((call(a, c), call(a, same)), (call(c, a), call(same, a))):
            assert_tag(got, A)
            for p, q in zip(got._parts, want._parts):
                np.testing.assert_array_equal(p, q)
    scalar_constant = TAGGED[T._scalar](B, 0.9, *(0.0,) * (len(NAMES[T]) - 1))
    assert_tag([a * scalar_constant, scalar_constant - a, T([scalar_constant, a[0, 0]])], A)


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
def test_arrays_of_one_layout_lead_at_once_as_the_general_path_has_them(T, directional):
    """operands.lead returns the first of arrays of one type, tag and directions at once;
    the general path (reached with a number among them) chooses the same array, and arrays
    of another tag or directions are not of its layout."""
    a, b = tagged(T, A, directional=directional), tagged(T, A, start=0.9,
                                                          directional=directional)
    assert operands.lead(a, b) is a is operands.lead(a, b, 1.0)
    constant = tagged(T, B, start=0.9, moving=False, directional=directional)
    assert operands.lead(constant, a) is a  # the general path: a constant of another
    # computation does not lead
    with_directions = tagged(T, A, directional=True)  # leads, though second
    assert operands.lead(tagged(T, A), with_directions) is with_directions


def _confused_calls(T):
    """Operations of an array of computation A with an operand of computation B."""
    b = tagged(T, B, start=0.9)
    scalar_b = scalar(T._scalar, B)
    return {
        "+": lambda a: a + b, "- (reflected)": lambda a: b - a, "*": lambda a: a * b,
        "/": lambda a: a / b, "**": lambda a: a ** b, "hypot": lambda a: np.hypot(b, a),
        "maximum": lambda a: np.maximum(a, b), "@": lambda a: a @ b,
        "solve": lambda a: np.linalg.solve(b, a[0]), "dot": lambda a: np.dot(a[0], b[1]),
        "inner": lambda a: np.inner(a, b), "outer": lambda a: np.outer(b[0], a[0]),
        "concatenate": lambda a: np.concatenate([a, b]), "stack": lambda a: np.stack([b, a]),
        "where": lambda a: np.where(a.real > 1.0, b, a), "clip": lambda a: np.clip(a, b, None),
        "scalar dual *": lambda a: scalar_b * a, "* scalar dual": lambda a: a * scalar_b,
        "object array": lambda a: a + np.asarray(b),
        "from scalars": lambda a: T([a[0, 0], scalar_b]),
        "sum of a directional array": lambda a: tagged(T, B, directional=True) + a,
    }


@pytest.mark.parametrize("name", list(_confused_calls(dn.DualArray)))
@pytest.mark.parametrize("T", KINDS)
def test_array_perturbations_of_two_computations_raise(T, name):
    with pytest.raises(TypeError, match=CONFUSION):
        _confused_calls(T)[name](tagged(T, A))


def test_dual_array_beside_hyperdual_array_of_another_computation_is_confusion():
    a, b = tagged(dn.DualArray, A), tagged(dn.HyperDualArray, B)
    for call in (operator.add, operator.mul, operator.matmul, lambda x, y: np.stack([x, y]),
                 lambda x, y: x * y[0, 0], operator.lt):
        with pytest.raises(TypeError, match=CONFUSION):
            call(a, b)
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        dn.DualArray([1.0], 1.0) + dn.HyperDualArray([1.0], 1.0)
