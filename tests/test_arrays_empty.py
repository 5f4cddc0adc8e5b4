"""Empty dual arrays in every reduction, statistic, quantile and linear-algebra function:
NumPy's values, shapes, warnings and exceptions on the real parts, zero perturbation parts
(a function of no element is a constant). The reference is NumPy itself on empty float
arrays; the walk covers every such function of dualnum.arrays.HANDLED_FUNCTIONS."""
import warnings

import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS
from dualnum.arrays import HANDLED_FUNCTIONS

L = np.linalg
MODULES = ("reductions", "statistics", "quantiles", "linalg", "decompositions", "norms")


def along(f, *args, **keywords):
    """f(a, *args, axis=axis, **keywords): a call of a reduction along an axis."""
    return lambda a, axis: f(a, *args, axis=axis, **keywords)


REDUCTIONS = {f: along(f) for f in (
    np.sum, np.prod, np.mean, np.max, np.min, np.amax, np.amin, np.cumsum, np.cumprod,
    np.average, np.var, np.std, np.ptp, np.nansum, np.nanprod, np.nanmean, np.nanvar,
    np.nanstd, np.nanmax, np.nanmin, np.nanargmax, np.nanargmin, np.nancumsum,
    np.nancumprod, np.cumulative_sum, np.cumulative_prod, np.median, np.nanmedian,
    L.vector_norm, L.norm)}
REDUCTIONS.update({
    np.quantile: along(np.quantile, [0.25, 0.5]),
    np.nanquantile: along(np.nanquantile, 0.5, method="nearest"),
    np.percentile: along(np.percentile, 50),
    np.nanpercentile: along(np.nanpercentile, [10, 50]),
    np.cov: lambda a, axis: np.cov(a, rowvar=axis != 0),
    np.corrcoef: lambda a, axis: np.corrcoef(a, rowvar=axis != 0),
})
UFUNC_REDUCTIONS = [along(getattr(u, m)) for u, m in (
    (np.add, "reduce"), (np.multiply, "reduce"), (np.maximum, "reduce"),
    (np.minimum, "reduce"), (np.add, "accumulate"), (np.multiply, "accumulate"))]
MATRICES = {  # the matrix functions, of a stack of matrices a
    L.det: L.det, L.inv: L.inv, L.slogdet: L.slogdet, L.cholesky: L.cholesky,
    L.eigh: L.eigh, L.eigvalsh: L.eigvalsh, L.svd: L.svd, L.svdvals: L.svdvals,
    L.qr: L.qr, L.pinv: L.pinv, L.cond: L.cond, L.matrix_rank: L.matrix_rank,
    L.matrix_norm: lambda a: L.matrix_norm(a, ord="nuc"),
    L.matrix_power: lambda a: L.matrix_power(a, 3),
    L.solve: lambda a: L.solve(a, np.zeros(a.shape[:-1] + (2,))),
    L.lstsq: lambda a: L.lstsq(a, np.zeros(a.shape[-2])),
    L.tensorinv: lambda a: L.tensorinv(a, ind=1),
    L.tensorsolve: lambda a: L.tensorsolve(a, np.zeros(a.shape[0])),
}
SHAPES = [(0,), (0, 3), (3, 0)]
MATRIX_SHAPES = [(0, 0), (2, 0, 0), (3, 0), (0, 3)]


def walked():
    return {f for f, impl in HANDLED_FUNCTIONS.items()
            if impl.__module__.rsplit(".", 1)[-1] in MODULES}


def test_the_walk_covers_every_such_function():
    assert walked() == set(REDUCTIONS) | set(MATRICES)


def outcome(call, x):
    """(result or None, exception type or None, warning categories)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result, error = call(x), None
        except Exception as err:
            result, error = None, type(err)
    return result, error, sorted({w.category.__name__ for w in caught})


def empty_dual(T, shape):
    """An empty array of type T with directions (3 of them) and a tag."""
    dirs = {dn.DualArray: [(3,)], dn.HyperDualArray: [(3,), (2,), (3, 2)]}[T]
    return T._wrap([np.zeros(shape)] + [np.zeros(shape + d) for d in dirs], True, 7)


def assert_like_numpy(call, shape, T):
    x = np.zeros(shape)
    d = empty_dual(T, shape)
    want, want_error, want_warnings = outcome(call, x)
    got, got_error, got_warnings = outcome(call, d)
    assert got_error is want_error
    assert got_warnings == want_warnings
    if want_error is not None:
        return
    wants, gots = (want, got) if isinstance(want, tuple) else ((want,), (got,))
    assert type(got) is type(want) or not isinstance(want, tuple)
    for w, g in zip(wants, gots):
        real = g.real if hasattr(g, "_parts") else g
        assert np.shape(real) == np.shape(w)
        np.testing.assert_array_equal(real, w)
        for p in getattr(g, "_parts", ())[1:]:
            assert not np.any(p)
        if hasattr(g, "_tag"):
            assert g._tag == d._tag


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("f", list(REDUCTIONS) + UFUNC_REDUCTIONS,
                         ids=lambda f: getattr(f, "__name__", "ufunc"))
@pytest.mark.parametrize("shape", SHAPES)
def test_reductions_of_empty_arrays_are_numpys(f, shape, T):
    call = REDUCTIONS.get(f, f)
    for axis in [None] + list(range(len(shape))):
        assert_like_numpy(lambda a: call(a, axis), shape, T)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("f", list(MATRICES), ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", MATRIX_SHAPES)
def test_matrix_functions_of_empty_arrays_are_numpys(f, shape, T):
    assert_like_numpy(MATRICES[f], shape, T)


def test_the_empty_product_is_one():
    assert np.prod(dn.DualArray(np.zeros(0), 0.0)) == dn.Dual(1.0, 0.0)
    got = np.prod(dn.HyperDualArray(np.zeros((0, 2)), 1.0, 1.0, 1.0), axis=0)
    assert np.array_equal(got.real, [1.0, 1.0]) and not np.any(got.eps1eps2)


def test_a_0x0_solve_with_a_dual_right_hand_side_stays_out_of_lapack(capfd):
    b = dn.DualArray(np.zeros((0, 2)), np.zeros((0, 2)))
    x = np.linalg.solve(np.zeros((0, 0)), b)
    assert x.shape == (0, 2) and isinstance(x, dn.DualArray)
    assert capfd.readouterr().err == ""


def test_out_is_honoured_on_empty_arrays():
    out = dn.DualArray(np.full(3, 7.0), 1.0)
    assert np.sum(dn.DualArray(np.zeros((0, 3)), 0.0), axis=0, out=out) is out
    assert np.array_equal(out.real, np.zeros(3)) and not np.any(out.dual)


def test_a_nonempty_dual_operand_keeps_its_derivative():
    # lstsq of an empty (3, 0) matrix: x is empty, but the residual |b|^2 depends on b
    b = dn.DualArray(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 1.0]))
    residuals = np.linalg.lstsq(dn.DualArray(np.zeros((3, 0)), 0.0), b)[1]
    assert residuals.real[0] == 14.0 and residuals.dual[0] == 8.0  # 2 b . db


def test_accumulate_takes_axis_none_only_in_1d_as_numpy():
    x = dn.DualArray(np.ones((2, 3)), 1.0)
    with pytest.raises(ValueError, match="multiple axes"):
        np.add.accumulate(np.ones((2, 3)), axis=None)
    with pytest.raises(ValueError, match="multiple axes"):
        np.add.accumulate(x, axis=None)
    got = np.multiply.accumulate(dn.DualArray(np.array([2.0, 3.0]), 1.0), axis=None)
    assert np.array_equal(got.real, [2.0, 6.0]) and np.array_equal(got.dual, [1.0, 5.0])
