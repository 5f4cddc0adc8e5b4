"""Lazy dual arrays (dualnum.dask.DualArray, HyperDualArray): every result is built under a
Dask scheduler that raises if anything is computed, then computed and compared bit for bit
with the in-memory arrays' result for the same inputs (sums and prefix sums: with the
in-memory result computed over the same chunks, as Dask sums them)."""
import doctest
import operator
import os
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest

import dualnum as dn
from dualnum import rules
from dualnum.arrays import elementwise as memory_elementwise

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dualnum.dask")
from dualnum.dask import _lazy, array_functions, arrays  # noqa: E402

TYPES = [(dd.DualArray, dn.DualArray), (dd.HyperDualArray, dn.HyperDualArray)]


def _never_compute(*args, **kwargs):
    raise AssertionError("a lazy dual array was computed while it was being built")


@pytest.fixture
def lazy_only():
    """Within the test, any computation raises: every result must be built lazily."""
    with dask.config.set(scheduler=_never_compute):
        yield


def computed(x):
    with dask.config.set(scheduler="sync"):
        return x.compute()


def same_bits(a, b):
    """Equal float bits (NaN included), and equal shapes."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype != np.float64:
        return bool(np.array_equal(a, b))
    return bool(np.array_equal(a.view(np.int64), b.view(np.int64)))


def same_duals(got, want):
    """Equal parts; a 0-d result computes to a scalar dual where the in-memory one may be a
    0-d array (matmul of vectors)."""
    kinds = {dn.DualArray: dn.Dual, dn.HyperDualArray: dn.HyperDual}
    assert kinds.get(type(got), type(got)) is kinds.get(type(want), type(want))
    if type(got) is not type(want):
        assert np.ndim(want.real) == 0
    names = ("real", "dual") if isinstance(got, (dn.Dual, dn.DualArray)) else \
        ("real", "eps1", "eps2", "eps1eps2")
    for name in names:
        assert same_bits(getattr(got, name), getattr(want, name)), name


def values(n, seed=0):
    """n values across (0, 1) and (1, 4), the domains of most rules."""
    rng = np.random.default_rng(seed)
    u = rng.uniform(0.05, 0.95, n)
    u[::2] = 1.0 + 3.0 * u[::2]
    return u


def pair(lazy_type, memory_type, real, chunks, *perturbations):
    """A lazy array of ``real`` in ``chunks`` and the in-memory array of the same parts."""
    lazy = lazy_type(da.from_array(real, chunks=chunks),
                     *[da.from_array(p, chunks=chunks) if np.ndim(p) else p
                       for p in perturbations])
    return lazy, memory_type(real, *perturbations)


def hyper_parts(n, seed=1):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(n) for _ in range(3)]


# ---- elementwise: every rule, at sizes where the whole array and a chunk take different
# paths (kernel, vector loop, NumPy twin) ----

UNARY = [r for r in rules.UNARY if r.public and r.numpy and not r.params]


def _ufunc_calls():
    return [(r.name, getattr(np, r.numpy)) for r in UNARY]


# (n, chunk, vector loops): a chunk of 100 takes the kernels where 600 elements take the
# vector loops; without them (a build without libmvec), a chunk of 1000 takes the kernels
# where 7000 take the NumPy twins (elementwise.TWIN_FROM)
HAND_OVERS = [(600, 100, True), (7000, 1000, False)]


@pytest.mark.parametrize("n,chunk,vector", HAND_OVERS)
@pytest.mark.parametrize("types", TYPES, ids=["dual", "hyper"])
def test_every_rule_is_the_in_memory_rule_bit_for_bit(types, n, chunk, vector, lazy_only):
    lazy_type, memory_type = types
    real = values(n)
    perturbations = hyper_parts(n) if lazy_type is dd.HyperDualArray else \
        [np.random.default_rng(2).standard_normal(n)]
    lazy, mem = pair(lazy_type, memory_type, real, chunk, *perturbations)
    with memory_elementwise.vector_loops(vector), np.errstate(all="ignore"):
        results = [(name, ufunc(lazy), ufunc(mem)) for name, ufunc in _ufunc_calls()]
        for name, got, want in results:
            same_duals(computed(got), want)


@pytest.mark.parametrize("n,chunk,vector", HAND_OVERS)
def test_the_chunks_take_the_whole_arrays_path(n, chunk, vector):
    # without sized_as, a chunk takes another path than the whole array for some rules,
    # with other bits: the test above reaches the hand-over
    real, dual = values(n), np.random.default_rng(2).standard_normal(n)
    whole = dn.DualArray(real, dual)
    differ = []
    with memory_elementwise.vector_loops(vector), np.errstate(all="ignore"):
        for name, ufunc in _ufunc_calls():
            pieces = [ufunc(dn.DualArray(real[i:i + chunk], dual[i:i + chunk]))
                      for i in range(0, n, chunk)]
            if not all(same_bits(np.concatenate([getattr(p, part) for p in pieces]),
                                 getattr(ufunc(whole), part)) for part in ("real", "dual")):
                differ.append(name)
    assert differ


def test_scipy_special_ufuncs(lazy_only):
    special = pytest.importorskip("scipy.special")
    lazy, mem = pair(dd.DualArray, dn.DualArray, values(50), 7, 1.0)
    for f in (special.erf, special.expit, special.gammaln):
        same_duals(computed(f(lazy)), f(mem))
    lazy2 = special.jv(1.5, lazy)
    same_duals(computed(lazy2), special.jv(1.5, mem))


OPERATORS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
             operator.floordiv, operator.mod, np.arctan2, np.hypot, np.maximum, np.minimum,
             np.fmax, np.multiply, np.divide, np.copysign, np.remainder, dn.arctan2,
             dn.hypot, dn.maximum]


@pytest.mark.parametrize("op", OPERATORS, ids=lambda o: o.__name__)
def test_operators_with_every_operand_on_both_sides(op, lazy_only):
    rng = np.random.default_rng(3)
    real, dual, other = values(30), rng.standard_normal(30), values(30, seed=4)
    lazy, mem = pair(dd.DualArray, dn.DualArray, real, 8, dual)
    lazy_b, mem_b = pair(dd.DualArray, dn.DualArray, other, 11, rng.standard_normal(30))
    # an in-memory dual array or a scalar dual first: its operator or protocol answers
    # NotImplemented, or hands the lazy array its rule (dualnum's functions)
    operands = [(2.5, 2.5), (np.float64(0.75), np.float64(0.75)), (other, other),
                (da.from_array(other, chunks=6), other), (lazy_b, mem_b), (mem_b, mem_b),
                (dn.Dual(0.5, 2.0), dn.Dual(0.5, 2.0))]
    results = []
    with np.errstate(all="ignore"):
        for lazy_other, mem_other in operands:
            for x, y, mx, my in [(lazy, lazy_other, mem, mem_other),
                                 (lazy_other, lazy, mem_other, mem)]:
                try:
                    want = op(mx, my)
                except TypeError as error:  # the in-memory arrays refuse: so do these
                    with pytest.raises(TypeError, match=re.escape(str(error)[:30])):
                        op(x, y)
                    continue
                results.append((op(x, y), want))
        for got, want in results:
            same_duals(computed(got), want)


@pytest.mark.parametrize("types", TYPES, ids=["dual", "hyper"])
def test_dualnum_s_own_functions_run_lazily(types, lazy_only):
    # dualnum.sin(x), dualnum.arctan2(y, x): the compiled functions hand a lazy array its
    # rule (_apply_rule), which runs chunk by chunk as on the in-memory array
    lazy_type, memory_type = types
    n, chunk = HAND_OVERS[0][:2]
    real = values(n)
    perturbations = hyper_parts(n) if lazy_type is dd.HyperDualArray else \
        [np.random.default_rng(2).standard_normal(n)]
    lazy, mem = pair(lazy_type, memory_type, real, chunk, *perturbations)
    scalar = memory_type._scalar(0.5, *([1.0] * len(perturbations)))
    calls = [getattr(dn, r.name) for r in rules.UNARY if r.public and not r.params]
    calls += [lambda x: dn.jv(1.5, x), lambda x: dn.betainc(2.0, 3.0, x / 4.0),
              lambda x: dn.leaky_relu(x - 1.0, 0.1), lambda x: dn.arctan2(x, 0.5),
              lambda x: dn.arctan2(scalar, x), lambda x: dn.hypot(mem[::-1], x),
              lambda x: dn.maximum(x, x[::-1]), lambda x: dn.minimum(2.0, x)]
    with memory_elementwise.vector_loops(HAND_OVERS[0][2]), np.errstate(all="ignore"):
        results = [(call(lazy), call(mem)) for call in calls]
        for got, want in results:
            same_duals(computed(got), want)
    v = np.array([1.0, 2.0])[:, None]
    with pytest.raises(TypeError, match=r"scipy.special.jv\(v, x\)"):
        dn.jv(v, lazy)
    special = pytest.importorskip("scipy.special")  # the fix the message names
    same_duals(computed(special.jv(v, lazy)), dn.jv(v, mem))


def test_broadcasting_and_a_constant_of_another_shape(lazy_only):
    # a (6, 5) array in chunks of one row beside (5,) and (1, 5) constants: a chunk has the
    # constant's shape where the whole array does not (divide's in-memory path follows the
    # whole arrays' shapes)
    rng = np.random.default_rng(5)
    real, dual = rng.uniform(0.5, 2.0, (6, 5)), rng.standard_normal((6, 5))
    real[0, 0], dual[0, 1] = 0.0, -0.0
    lazy, mem = pair(dd.DualArray, dn.DualArray, real, (1, 5), dual)
    row, one_row = rng.uniform(0.5, 2.0, 5), rng.uniform(0.5, 2.0, (1, 5))
    results = []
    for c, want_c in ((row, row), (one_row, one_row),
                      (da.from_array(one_row, chunks=(1, 5)), one_row)):
        for op in (operator.truediv, np.divide, operator.mul, operator.add, np.power):
            results.append((op(lazy, c), op(mem, want_c)))
            results.append((op(c, lazy), op(want_c, mem)))
    col = dd.DualArray(da.from_array(real[:, :1], chunks=(2, 1)), 1.0)
    results.append((lazy * col, mem * dn.DualArray(real[:, :1], 1.0)))
    with np.errstate(all="ignore"):
        for got, want in results:
            same_duals(computed(got), want)


def test_comparisons_are_lazy_bool_arrays(lazy_only):
    lazy, mem = pair(dd.DualArray, dn.DualArray, values(20), 6, 1.0)
    checks = [(lazy > 1.0, mem > 1.0), (lazy == lazy, mem == mem), (np.isnan(lazy),
                                                                    np.isnan(mem)),
              (np.less(0.5, lazy), np.less(0.5, mem))]
    for got, want in checks:
        assert isinstance(got, da.Array)
        assert same_bits(computed(got), want)


def test_tuples_of_results(lazy_only):
    lazy, mem = pair(dd.DualArray, dn.DualArray, values(20) * 3, 6, 1.0)
    got, want = np.modf(lazy), np.modf(mem)
    for g, w in zip(got, want):
        same_duals(computed(g), w)
    got, want = np.divmod(lazy, 0.7), np.divmod(mem, 0.7)
    for g, w in zip(got, want):
        same_duals(computed(g), w)


def test_hyper_duals_with_directions(lazy_only):
    rng = np.random.default_rng(6)
    n = 40
    real = values(n)
    e1, e2 = rng.standard_normal((n, 3)), rng.standard_normal((n, 2))
    e12 = rng.standard_normal((n, 3, 2))
    lazy = dd.HyperDualArray(da.from_array(real, chunks=9), da.from_array(e1, chunks=(9, 3)),
                             e2, e12, directional=True)
    mem = dn.HyperDualArray(real, e1, e2, e12, directional=True)
    assert lazy.directions == mem.directions and lazy.eps1eps2.shape == (n, 3, 2)
    m = rng.standard_normal((4, n))
    checks = [(np.exp(np.sin(lazy)) * lazy, np.exp(np.sin(mem)) * mem),
              (m @ lazy, m @ mem), (lazy[3:17:2], mem[3:17:2]),
              (np.sum(lazy.reshape(5, 8), axis=1), np.sum(mem.reshape(5, 8), axis=1))]
    for got, want in checks[:3]:
        same_duals(computed(got), want)
    got = computed(checks[3][0])
    assert got.eps1eps2.shape == (5, 3, 2)
    assert same_bits(got.eps1eps2, checks[3][1].eps1eps2)  # each row one chunk of 8


# ---- the NumPy functions ----

def _chunked_sum(mem, axis, edges):
    """The in-memory sum as Dask sums: each chunk's sum (keepdims), then their sum."""
    pieces = [np.sum(mem[tuple(slice(a, b) if i == axis else slice(None)
                               for i in range(mem.ndim))], axis=axis, keepdims=True)
              for a, b in zip(edges[:-1], edges[1:])]
    return np.sum(np.concatenate(pieces, axis=axis), axis=axis)


def test_sums_and_means(lazy_only):
    rng = np.random.default_rng(7)
    real, dual = rng.standard_normal((12, 10)), rng.standard_normal((12, 10))
    one_chunk_rows, mem = pair(dd.DualArray, dn.DualArray, real, (12, 5), dual)
    four_chunks, _ = pair(dd.DualArray, dn.DualArray, real, (3, 10), dual)
    exact = [(np.sum(one_chunk_rows, axis=0), np.sum(mem, axis=0)),
             (np.sum(one_chunk_rows, axis=0, keepdims=True), np.sum(mem, axis=0,
                                                                   keepdims=True)),
             (one_chunk_rows.mean(axis=0), mem.mean(axis=0)),
             (np.sum(four_chunks, axis=1), np.sum(mem, axis=1)),
             (np.mean(four_chunks, axis=1), np.mean(mem, axis=1))]
    chunked = np.sum(four_chunks, axis=0)
    mean = np.mean(four_chunks, axis=0)
    for got, want in exact:
        same_duals(computed(got), want)
    want = _chunked_sum(mem, 0, [0, 3, 6, 9, 12])
    same_duals(computed(chunked), want)
    same_duals(computed(mean), want / 12)


def test_a_full_sum_is_a_scalar_dual(lazy_only):
    lazy, mem = pair(dd.DualArray, dn.DualArray, values(10), 10, 1.0)
    total = np.sum(np.sin(lazy))
    assert total.shape == ()
    got = computed(total)
    assert isinstance(got, dn.Dual)
    want = np.sum(np.sin(mem))
    assert (got.real, got.dual) == (want.real, want.dual)
    element = computed(lazy[3] * 2.0)
    assert isinstance(element, dn.Dual) and element.dual == 2.0


def test_shape_functions_and_indexing(lazy_only):
    rng = np.random.default_rng(8)
    real, dual = rng.standard_normal((6, 8)), rng.standard_normal((6, 8))
    lazy, mem = pair(dd.DualArray, dn.DualArray, real, (4, 3), dual)
    mask = real[:, 0] > 0
    lazy_mask = da.from_array(mask, chunks=4)
    other_lazy, other_mem = pair(dd.DualArray, dn.DualArray, real[:2], (1, 8), dual[:2])
    checks = [(lazy.reshape(3, 2, 8), mem.reshape(3, 2, 8)), (np.reshape(lazy, (-1,)),
                                                             mem.reshape(-1)),
              (lazy.T, mem.T), (np.transpose(lazy, (1, 0)), mem.transpose(1, 0)),
              (lazy[1:5, ::3], mem[1:5, ::3]), (lazy[2], mem[2]), (lazy[..., 1], mem[..., 1]),
              (lazy[None, 2:4], mem[None, 2:4]), (lazy[mask], mem[mask]),
              (lazy[lazy_mask], mem[mask]), (lazy[[0, 4, 5]], mem[[0, 4, 5]]),
              (np.concatenate([lazy, other_lazy, real[:1]]),
               np.concatenate([mem, other_mem, real[:1]])),
              (np.stack([lazy, lazy], axis=1), np.stack([mem, mem], axis=1)),
              (np.where(real > 0, lazy, 0.0), np.where(real > 0, mem, 0.0)),
              (np.where(lazy > 0, lazy ** 2, -lazy), np.where(mem > 0, mem ** 2, -mem)),
              (np.clip(lazy, -0.5, 0.5), np.clip(mem, -0.5, 0.5)),
              (np.diff(lazy, axis=0), np.diff(mem, axis=0)), (np.diff(lazy, n=2),
                                                              np.diff(mem, n=2)),
              (np.cumsum(lazy, axis=1)[:, :3], np.cumsum(mem, axis=1)[:, :3]),  # 1st chunk
              (np.swapaxes(lazy, 0, 1), np.swapaxes(mem, 0, 1)),
              (np.expand_dims(lazy, 1), np.expand_dims(mem, 1)),
              (np.squeeze(lazy[:1]), np.squeeze(mem[:1]))]
    assert np.shape(lazy) == (6, 8) and np.ndim(lazy) == 2 and np.size(lazy) == 48
    for got, want in checks:
        same_duals(computed(got), want)


def _masked_pairs(shape, chunks, seed):
    """Lazy and in-memory arrays of one set of parts, of every kind: DualArray and
    HyperDualArray, without directions and with them (3 directions; (3, 2) for hyper-duals)."""
    rng = np.random.default_rng(seed)
    real = rng.standard_normal(shape)
    kinds = [(dd.DualArray, dn.DualArray, [()], False),
             (dd.DualArray, dn.DualArray, [(3,)], True),
             (dd.HyperDualArray, dn.HyperDualArray, [(), (), ()], False),
             (dd.HyperDualArray, dn.HyperDualArray, [(3,), (2,), (3, 2)], True)]
    for lazy_type, memory_type, directions, directional in kinds:
        parts = [rng.standard_normal(shape + d) for d in directions]
        lazy = lazy_type(da.from_array(real, chunks=chunks),
                         *[da.from_array(p, chunks=chunks + p.shape[len(shape):])
                           for p in parts], directional=directional)
        yield lazy, memory_type(real, *parts, directional=directional)


def test_boolean_masks_of_several_axes(lazy_only):
    # NumPy's x[mask] for a mask of 2 or more axes (x[x.real > 0]): the elements where it
    # holds, in C order, each part's direction axes kept; Dask masks only the whole shape
    for lazy, mem in _masked_pairs((6, 5, 4), (4, 2, 3), 10):
        mask = mem.real > 0
        front, middle = mask[..., 1], mask[2]
        checks = [(lazy[mask], mem[mask]), (lazy[lazy.real > 0], mem[mask]),
                  (lazy[da.from_array(front, chunks=(2, 3))], mem[front]),
                  (lazy[front], mem[front]), (lazy[..., front, :], mem[..., front, :]),
                  (lazy[:, middle], mem[:, middle]), (lazy[1:5, middle], mem[1:5, middle]),
                  (lazy[None, front], mem[None, front]),
                  (lazy[..., da.from_array(middle, chunks=2)], mem[..., middle])]
        for got, want in checks:
            same_duals(computed(got), want)
    lazy, mem = next(_masked_pairs((6, 5, 4), (4, 2, 3), 11))
    with pytest.raises(IndexError, match=r"slices .* beside it only.*x\[0\]\[mask\]"):
        lazy[0, mem.real[0] > 0]
    with pytest.raises(IndexError, match=r"shape \(5, 4\) does not match the axes 0 to 1"):
        lazy[mem.real[0] > 0]


def test_prefix_sums_over_chunks(lazy_only):
    # one chunk along the axis: the in-memory bits; several: each chunk's prefix sums plus
    # the total of the chunks before it, as Dask computes them
    real, dual = values(12), np.random.default_rng(9).standard_normal(12)
    lazy, mem = pair(dd.DualArray, dn.DualArray, real, 12, dual)
    split, _ = pair(dd.DualArray, dn.DualArray, real, 4, dual)
    got, got_split = np.cumsum(lazy), split.cumsum()
    same_duals(computed(got), np.cumsum(mem))
    want = [np.cumsum(mem[:4])]
    for a in (4, 8):  # the total so far, plus the chunk's own prefix sums
        want.append(want[-1][-1] + np.cumsum(mem[a:a + 4]))
    same_duals(computed(got_split), np.concatenate(want))


def _product_checks(a_chunks, b_chunks):
    rng = np.random.default_rng(10)
    a_real, a_dual = rng.standard_normal((5, 7)), rng.standard_normal((5, 7))
    b_real, b_dual = rng.standard_normal((7, 4)), rng.standard_normal((7, 4))
    a, a_mem = pair(dd.DualArray, dn.DualArray, a_real, a_chunks, a_dual)
    b, b_mem = pair(dd.DualArray, dn.DualArray, b_real, b_chunks, b_dual)
    v, v_mem = pair(dd.DualArray, dn.DualArray, b_real[:, 0], 3, b_dual[:, 0])
    # a beside m: its rows contracted, its columns free
    a2, _ = pair(dd.DualArray, dn.DualArray, a_real, (a_chunks[1], a_chunks[0] + 2), a_dual)
    m = rng.standard_normal((3, 5))
    return [(a @ b, a_mem @ b_mem), (np.matmul(a, b), a_mem @ b_mem), (m @ a2, m @ a_mem),
            (a @ b_real, a_mem @ b_real), (a @ v, a_mem @ v_mem), (v @ v, v_mem @ v_mem),
            (np.dot(a, b), np.dot(a_mem, b_mem)), (np.dot(m, a2), np.dot(m, a_mem)),
            (a.dot(v), a_mem.dot(v_mem)), (np.dot(a, 2.0), np.dot(a_mem, 2.0)),
            (np.tensordot(a, b, axes=1), np.tensordot(a_mem, b_mem, axes=1)),
            (np.tensordot(a, a, axes=([0, 1], [0, 1])),
             np.tensordot(a_mem, a_mem, axes=([0, 1], [0, 1]))),
            (np.tensordot(m, a2, axes=([1], [0])),
             np.tensordot(m, a_mem, axes=([1], [0])))]


def test_products_with_whole_free_axes(lazy_only):
    # the contracted axes in several chunks (joined per task), the free axes one chunk
    # each: the in-memory product of the whole arrays
    for got, want in _product_checks((5, 3), (3, 4)):  # (a2: (3, 5))
        same_duals(computed(got), want)


def test_products_of_transposed_operands(lazy_only):
    # each task hands the product its operands' chunks in their own axis order: a
    # transposed one stays F-ordered, as the in-memory x.T is (a C copy rounds otherwise in
    # BLAS), its contracted axis in one chunk or joined from several
    m = np.random.default_rng(13).standard_normal((5, 3))
    for chunks, transposed_first in [((7, 5), False), ((7, 2), False), ((3, 5), True)]:
        for lazy, mem in _masked_pairs((7, 5), chunks, 14):
            if transposed_first:  # the free axis of x.T @ x is x's second: one chunk
                checks = [(lazy.T @ lazy, mem.T @ mem), (np.dot(lazy.T, lazy),
                                                          np.dot(mem.T, mem))]
            else:
                checks = [(lazy @ lazy.T, mem @ mem.T), (np.dot(lazy, lazy.T),
                                                          np.dot(mem, mem.T)),
                          (np.tensordot(lazy, lazy, axes=([1], [1])),
                           np.tensordot(mem, mem, axes=([1], [1]))),
                          (lazy @ m, mem @ m), (m.T @ lazy.T, m.T @ mem.T)]
            for got, want in checks:
                same_duals(computed(got), want)
    # Dask's slicing copies a selection of half a chunk or less (dask.array.chunk.getitem):
    # the in-memory product of the copy, whose bits BLAS may round otherwise than the
    # view's (README); a larger one stays a view, as in memory
    for columns, copy in [(10, True), (9, False)]:
        for lazy, mem in _masked_pairs((8, columns), (8, columns), 15):
            half = mem[:, ::2].copy() if copy else mem[:, ::2]
            same_duals(computed(lazy[:, ::2] @ lazy[:, ::2].T), half @ half.T)


def test_products_of_blocks(lazy_only):
    # free axes in several chunks: each output block is the in-memory product of its block
    # of rows and block of columns (BLAS may round a block otherwise than the whole)
    rng = np.random.default_rng(10)
    a_real, a_dual = rng.standard_normal((5, 7)), rng.standard_normal((5, 7))
    b_real, b_dual = rng.standard_normal((7, 4)), rng.standard_normal((7, 4))
    a, _ = pair(dd.DualArray, dn.DualArray, a_real, (2, 3), a_dual)
    b, _ = pair(dd.DualArray, dn.DualArray, b_real, (3, 2), b_dual)
    got = a @ b
    rows = [dn.DualArray(a_real[i:i + 2], a_dual[i:i + 2]) for i in (0, 2, 4)]
    cols = [dn.DualArray(b_real[:, j:j + 2], b_dual[:, j:j + 2]) for j in (0, 2)]
    want = np.concatenate([np.concatenate([r @ c for c in cols], axis=1) for r in rows])
    same_duals(computed(got), want)


# ---- refusals: nothing computed silently ----

def test_conversions_are_refused(lazy_only):
    lazy = dd.DualArray(da.ones(4, chunks=2), 1.0)
    for convert, target in [(np.asarray, "NumPy array"), (float, "float"), (int, "int"),
                            (complex, "complex"), (bool, "bool"),
                            (operator.index, "an index"), (np.array, "NumPy array")]:
        with pytest.raises(TypeError, match="cannot convert a dualnum.dask.DualArray to .*"
                           + target + r".*\.compute\(\)"):
            convert(lazy[0] if target != "NumPy array" else lazy)


def test_unhandled_functions_are_refused_by_name(lazy_only):
    lazy = dd.HyperDualArray(da.ones(4, chunks=2), 1.0, 1.0)
    for call, name in [(np.median, "numpy.median"), (np.prod, "numpy.prod"),
                       (np.sort, "numpy.sort"), (lambda x: np.linalg.solve(x, x), "solve"),
                       (lambda x: np.add.reduce(x), "numpy.add.reduce"),
                       (lambda x: np.add.accumulate(x), "numpy.add.accumulate"),
                       (lambda x: np.vecdot(x, x), "numpy.vecdot")]:
        with pytest.raises(TypeError, match=name + r".*\.compute\(\) first"):
            call(lazy)
    with pytest.raises(TypeError, match="numpy.sin .* does not take out="):
        np.sin(lazy, out=np.empty(4))
    with pytest.raises(TypeError, match="does not take initial="):
        np.sum(lazy, initial=1.0)
    with pytest.raises(TypeError, match="not written in place"):
        lazy[0] = 1.0


def test_dask_functions_are_refused_with_numpy_s_named(lazy_only):
    # da.asarray (which dask.array's functions call on their operands) and da.from_array
    # wrapped a lazy dual array as one element of an object array, with a warning
    lazy = dd.HyperDualArray(da.ones(4, chunks=2), 1.0)
    for call in [da.sum, da.asarray, da.asanyarray, da.from_array, da.mean,
                 lambda x: da.stack([x, x]), lambda x: da.where(True, x, 0.0)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # from_array's "already a Dask collection"
            with pytest.raises(TypeError, match=r"dask.array's functions do not take a "
                               r"dualnum.dask.HyperDualArray.*np.sum\(x\).*\.real, \.eps1"):
                call(lazy)
    same_duals(computed(lazy.sum()), np.sum(dn.HyperDualArray(np.ones(4), 1.0)))


@pytest.mark.parametrize("types", TYPES, ids=["dual", "hyper"])
def test_ndarray_methods(types, lazy_only):
    # those whose result is lazy run as on the in-memory array; the rest raise TypeError
    # naming .compute(), not a bare AttributeError
    lazy_type, memory_type = types
    real = np.random.default_rng(12).standard_normal((4, 3))
    perturbations = [real[::-1], real.T[::-1].T, real * 2.0][:len(memory_type._names) - 1]
    lazy, mem = pair(lazy_type, memory_type, real, 2, *perturbations)
    checks = [(lazy.copy(), mem.copy()), (lazy.astype(np.float64), mem.astype(np.float64)),
              (lazy.flatten(), mem.flatten()), (lazy.ravel(), mem.ravel()),
              (lazy[:1].squeeze(), mem[:1].squeeze()), (lazy.swapaxes(0, 1),
                                                        mem.swapaxes(0, 1)),
              (lazy.conj(), mem.conj())]
    for got, want in checks:
        same_duals(computed(got), want)
    refusals = [(lambda x: x.astype(np.float32), "dtype=float32.*x.real.astype"),
                (lambda x: x.copy(order="F"), r"order='F'.*\.compute\(\)"),
                (lambda x: x.flatten("F"), "order='F'")]
    refusals += [(lambda x, name=name: getattr(x, name)(), name + r".*\.compute\(\) first")
                 for name in ("min", "max", "item", "tolist", "prod", "argmax", "std",
                              "sort")]
    for call, message in refusals:
        with pytest.raises(TypeError, match=message):
            call(lazy)
    before = lazy
    lazy += 1.0  # rebinds the name, as for Dask arrays: the arrays are never written
    assert before is not lazy
    same_duals(computed(lazy), mem + 1.0)
    same_duals(computed(before), mem)


def test_in_memory_arrays_beside_a_dask_array_refuse_it():
    # NumPy's conversion would compute it silently, piece by piece
    mem, x = dn.HyperDualArray(np.ones(4), 1.0), da.ones(4, chunks=2)
    calls = [lambda: mem + x, lambda: x + mem, lambda: mem * x, lambda: np.arctan2(mem, x),
             lambda: mem ** x, lambda: divmod(mem, x)]
    with dask.config.set(scheduler=_never_compute):
        for call in calls:
            with pytest.raises(TypeError, match="cannot use a lazy Dask array beside a "
                               "HyperDualArray.*dualnum.dask.HyperDualArray of its parts"):
                call()
        lazy = dd.HyperDualArray(*[da.from_array(p, chunks=2) for p in mem._parts])
        assert isinstance(lazy + x, dd.HyperDualArray)  # the fix the message names


def test_the_scalar_types_refuse_a_dask_part():
    """README: the compiled scalar constructors refuse a Dask array given as a part or as
    coefficients (float() and np.asarray would compute it), naming the fixes; computed
    first, the same parts make the same number."""
    part = da.from_array(np.array([2.0, 3.0]), chunks=1)
    makes = [(lambda p: dn.Dual(p[0], 1.0), "Dual"),
             (lambda p: dn.Dual(1.0, p[1]), "Dual"),
             (lambda p: dn.HyperDual(1.0, 2.0, 0.0, p[1]), "HyperDual"),
             (lambda p: dn.Taylor(p), "Taylor"),
             (lambda p: dn.Taylor([p[0], 1.0]), "Taylor"),
             (lambda p: dn.Taylor.variable(p[0], 3), "Taylor")]
    for make, name in makes:
        with dask.config.set(scheduler=_never_compute):
            with pytest.raises(TypeError, match=r"%s.*Dask.*\.compute\(\)" % name):
                make(part)
        assert repr(make(part.compute())) == repr(make(np.array([2.0, 3.0])))


def test_in_memory_constructors_refuse_dask_parts():
    x = da.ones(3, chunks=2)
    for cls, args in [(dn.DualArray, (x, 1.0)), (dn.DualArray, (np.ones(3), x)),
                      (dn.DualArray, (x,)), (dn.HyperDualArray, (np.ones(3), 1.0, 1.0, x))]:
        with pytest.raises(TypeError, match="Dask array.*dualnum.dask.%s" % cls.__name__):
            with dask.config.set(scheduler=_never_compute):
                cls(*args)


def test_errors_of_the_in_memory_layer_come_when_written(lazy_only):
    d = dd.DualArray(da.ones(4, chunks=2), 1.0)
    h = dd.HyperDualArray(da.ones(4, chunks=2), 1.0)
    with pytest.raises(TypeError, match="cannot mix Dual and HyperDual"):
        d + h
    with pytest.raises(TypeError, match=r"cannot use a lazy dualnum.dask.DualArray beside "
                       r"a DualArray.*\.compute\(\)"):  # written into an in-memory array
        dn.DualArray(np.ones(4), 1.0)[...] = d
    with pytest.raises(TypeError, match="real numbers"):
        dd.DualArray(da.ones(4, chunks=2) + 1j)


# ---- the collection protocol ----

def test_dask_compute_and_persist(threads):
    lazy, mem = pair(dd.DualArray, dn.DualArray, values(10), 3, 1.0)
    y = np.sin(lazy) * 2.0
    (got,) = dask.compute(y)
    same_duals(got, np.sin(mem) * 2.0)
    kept = y.persist()
    assert isinstance(kept, dd.DualArray)
    with dask.config.set(scheduler=_never_compute):
        again = np.sum(kept)  # built on the persisted parts without computing
    same_duals(computed(again), computed(np.sum(y)))


def test_a_chunk_is_computed_once_for_all_its_parts(threads):
    calls = []

    def counted(x):
        calls.append(1)
        return np.sin(x)
    lazy = dd.DualArray(da.ones(9, chunks=3), 1.0)
    y = _lazy.elementwise(counted, (lazy,))
    calls.clear()  # (the probe's call)
    y.compute()
    assert len(calls) == 3


def test_on_a_cluster():
    # a cluster of its own, closed at the end, and the environment restored: a Client left
    # running in this process (the session's ``cluster`` fixture) moves the resident memory
    # that test_leaks measures, and distributed sets MALLOC_TRIM_THRESHOLD_ (and thread
    # counts) in os.environ for its workers, which test_pool's subprocesses would inherit
    distributed = pytest.importorskip("distributed")
    environ = dict(os.environ)
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as local, \
                distributed.Client(local) as client:
            _on_a_cluster(client)
    finally:
        os.environ.clear()
        os.environ.update(environ)


def _on_a_cluster(cluster):
    x = da.from_array(values(20), chunks=6)
    v = np.random.default_rng(11).standard_normal(20)
    got = cluster.compute(dn.jvp(lambda t: np.sin(t[1:]) * t[:-1], x, v)).result()
    want = dn.jvp(lambda t: np.sin(t[1:]) * t[:-1], values(20), v)
    assert same_bits(got, want)
    lazy = dd.HyperDualArray(x, 1.0, 1.0)
    result = cluster.compute(np.exp(lazy) ** 2).result()
    same_duals(result, np.exp(dn.HyperDualArray(values(20), 1.0, 1.0)) ** 2)


# ---- jvp ----

def test_jvp_of_a_reduction_a_slicing_and_a_matmul(lazy_only):
    n = 24
    t, v = values(n), np.random.default_rng(12).standard_normal(n)
    m = np.random.default_rng(13).standard_normal((5, n))
    x_one, x_four = da.from_array(t, chunks=n), da.from_array(t, chunks=6)
    reduction = lambda s: np.sum(np.sin(s) ** 2)  # noqa: E731
    slicing = lambda s: s[1:] - s[:-1]  # noqa: E731
    product = lambda s: m @ np.exp(s)  # noqa: E731
    lazy = {"reduction": dn.jvp(reduction, x_one, v),
            "chunked reduction": dn.jvp(reduction, x_four, da.from_array(v, chunks=6)),
            "slicing": dn.jvp(slicing, x_four, v), "product": dn.jvp(product, x_four, v)}
    value, slope = dd.value_and_jvp(product, x_four, v)
    for got in list(lazy.values()) + [value, slope]:
        assert isinstance(got, da.Array)
    with dask.config.set(scheduler="sync"):
        got = {k: g.compute() for k, g in lazy.items()}
        value, slope = value.compute(), slope.compute()
    assert same_bits(got["reduction"], np.float64(dn.jvp(reduction, t, v)))
    assert same_bits(got["slicing"], dn.jvp(slicing, t, v))
    assert same_bits(got["product"], dn.jvp(product, t, v))
    assert same_bits(slope, dn.jvp(product, t, v)) and same_bits(
        value, product(dn.DualArray(t, v)).real)

    def chunked(s):  # the in-memory reduction summed as Dask sums four chunks of six
        g = np.sin(s) ** 2
        return np.sum(np.concatenate([np.sum(g[i:i + 6], keepdims=True)
                                      for i in range(0, n, 6)]))
    assert same_bits(got["chunked reduction"], np.float64(dn.jvp(chunked, t, v)))


def test_jvp_checks_its_arguments(lazy_only):
    x = da.ones(4, chunks=2)
    with pytest.raises(ValueError, match="v must have x's shape"):
        dn.jvp(np.sin, x, np.ones(3))
    with pytest.raises(TypeError, match="x must be an array of real numbers"):
        dn.jvp(np.sin, x.astype(complex), np.ones(4))
    zero = dn.jvp(lambda s: np.ones(2), x, np.ones(4))
    assert same_bits(computed(zero), np.zeros(2))
    with pytest.raises(TypeError, match="not str"):
        dn.jvp(lambda s: "no", x, np.ones(4))


def test_a_dask_v_beside_a_numpy_x_stays_lazy(lazy_only):
    got = dn.jvp(np.sin, values(6), da.ones(6, chunks=3))
    assert isinstance(got, da.Array)
    assert same_bits(computed(got), dn.jvp(np.sin, values(6), np.ones(6)))


def test_dualnum_imports_no_dask():
    code = ("import sys, numpy as np, dualnum as dn\n"
            "dn.jvp(np.sin, np.ones(3), np.ones(3)); dn.DualArray(np.ones(3), 1.0)\n"
            "dn.HyperDualArray(np.ones(3), 1.0, 1.0)\n"
            "assert not any(m == 'dask' or m.startswith('dask.') for m in sys.modules)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("module", [arrays, _lazy, array_functions],
                         ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_elementwise_module_sizes_are_what_the_tests_cross():
    # the sizes above straddle the hand-overs they test
    assert 600 >= memory_elementwise.SIMD_MIN_SIZE > 100
    assert 7000 >= memory_elementwise.EVERY_TWIN > 1000


def test_the_kept_square_of_abs_does_not_pass_between_lazy_operations(lazy_only):
    # in memory abs(x) ** 2 is taken of x's square (smooth at 0); lazily abs and ** are two
    # operations, and the second sees |x| alone: NaN second derivative at 0 (README: limits)
    real = np.array([0.0, 1.0])
    lazy = abs(dd.HyperDualArray(da.from_array(real), 1.0, 1.0)) ** 2
    want = abs(dn.HyperDualArray(real, 1.0, 1.0)) ** 2
    got = computed(lazy)
    assert same_bits(got.eps1eps2[1:], want.eps1eps2[1:]) and np.isnan(got.eps1eps2[0])
    assert want.eps1eps2[0] == 2.0


def test_builtin_divmod_is_numpys_on_the_parts(lazy_only):
    """divmod(L, c) and divmod(c, L) as np.divmod: the in-memory pair, bit for bit (built
    without computing: the fixture's scheduler raises)."""
    x = np.linspace(0.3, 4.0, 12)
    lazy, memory = dd.DualArray(da.from_array(x, chunks=5), 1.0), dn.DualArray(x, 1.0)
    scalar, other = dn.Dual(2.5, -1.0), dn.DualArray(x[::-1], 2.0)
    pairs = [divmod(lazy, 0.7), divmod(2.5, lazy), divmod(scalar, lazy), divmod(other, lazy)]
    wants = [divmod(memory, 0.7), divmod(2.5, memory), divmod(scalar, memory),
             divmod(other, memory)]
    for (q, r), (mq, mr) in zip(pairs, wants):
        for got, want in ((computed(q), mq), (computed(r), mr)):
            assert np.array_equal(got.real, want.real) and np.array_equal(got.dual, want.dual)


def test_after_a_boolean_mask_reshapes_ask_for_the_chunk_sizes(lazy_only):
    # README: a mask's result has axes of unknown length; reshape (ravel, flatten, cumsum
    # over every axis) and a lazy array built from such parts name compute_chunk_sizes,
    # which makes them work
    values = np.arange(12.0).reshape(3, 4)
    x = dd.DualArray(da.from_array(values, chunks=(2, 3)), np.cos(values))
    picked = x[x.real > 4]
    for call in (lambda: picked.ravel(), lambda: picked.reshape(-1, 1),
                 lambda: np.cumsum(picked)):
        with pytest.raises(TypeError, match=r"unknown length.*compute_chunk_sizes\(\)"):
            call()
    with pytest.raises(ValueError, match=r"unknown length.*compute_chunk_sizes\(\)"):
        dd.DualArray(picked.real, 1.0)
    memory = dn.DualArray(values, np.cos(values))
    want = memory[memory.real > 4].reshape(-1, 1)
    with dask.config.set(scheduler="sync"):
        got = picked.compute_chunk_sizes().reshape(-1, 1).compute()
    assert got.real.tobytes() == want.real.tobytes()
    assert got.dual.tobytes() == want.dual.tobytes()


def test_numpy_s_ravel_and_copy_are_the_methods(lazy_only):
    values = np.arange(6.0).reshape(2, 3)
    x = dd.DualArray(da.from_array(values, chunks=(1, 2)), values ** 2)
    for lazy in (np.ravel(x), np.copy(x)):
        assert type(lazy) is dd.DualArray
    with dask.config.set(scheduler="sync"):
        for lazy, method in ((np.ravel(x), x.ravel()), (np.copy(x), x.copy())):
            got, want = lazy.compute(), method.compute()
            assert got.real.tobytes() == want.real.tobytes()
            assert got.dual.tobytes() == want.dual.tobytes()


def test_operands_that_do_not_broadcast_raise_numpy_s_error_at_once(lazy_only):
    x = dd.DualArray(da.ones((2, 3), chunks=(1, 3)), 1.0)
    with pytest.raises(ValueError, match="could not be broadcast|cannot be broadcast"):
        x + np.ones(6)
    with pytest.raises(ValueError, match="could not be broadcast|cannot be broadcast"):
        np.arctan2(x, da.ones(4))


def test_a_list_holding_dask_arrays_is_refused_not_computed(lazy_only):
    # README: nothing reads a Dask array unasked, inside a list either
    x = da.from_array(np.linspace(0.1, 2.0, 10), chunks=4)
    calls = [lambda: dn.derivative(np.sin, [x[0], x[1]]),
             lambda: dn.derivatives(np.sin, [[x[0]], [1.0]]),
             lambda: dn.gradient(lambda p: np.sum(p ** 2), (x[0], 1.0)),
             lambda: dd.jacobian(lambda p: p ** 2, [x[0], x[1]]),
             lambda: dn.DualArray([x[0], 1.0], 1.0),
             lambda: dn.HyperDualArray(np.ones(2), 1.0, [1.0, x[1]], 0.0)]
    for call in calls:
        with pytest.raises(TypeError, match="Dask"):
            call()
