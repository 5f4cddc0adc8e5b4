"""SciPy functions that cannot take dual arrays raise a TypeError that names what to use.

scipy.linalg's functions run LAPACK on floats, scipy.signal's filters compiled loops or
FFTs, and scipy.sparse's elementwise products make sparse matrices of objects: each is
refused when it converts a dual array (dualnum/arrays/scipy_callers.py), with the NumPy
function to use instead (checked here to be exact on dual arrays, against NumPy's own
function on the parts or on object arrays of scalar duals) or the reason there is none."""
import re

import numpy as np
import pytest
import scipy.linalg as sl
import scipy.signal as sg
import scipy.sparse as sp

from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects, sample

A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])


def matrix(T):
    """A symmetric positive definite dual matrix with general perturbation parts."""
    parts = [sample(T, (3, 3), start=-0.4, step=0.13) for _ in range(2)]
    x = parts[0] + parts[0].T
    return T(A, *[getattr(x, n) for n in NAMES[T][1:]])


B = np.array([1.0, -2.0, 0.5])
LINALG = [
    ("solve", lambda a: sl.solve(a, B), "use numpy.linalg.solve"),
    ("solve", lambda a: sl.solve(A, a[0]), "use numpy.linalg.solve"),  # a dual b
    ("inv", sl.inv, "use numpy.linalg.inv"),
    ("det", sl.det, "use numpy.linalg.det"),
    ("lstsq", lambda a: sl.lstsq(a, B), "use numpy.linalg.lstsq"),
    ("pinv", sl.pinv, "use numpy.linalg.pinv"),
    ("pinvh", sl.pinvh, "use numpy.linalg.pinv(a, hermitian=True)"),
    ("eigh", sl.eigh, "use numpy.linalg.eigh"),
    ("eigvalsh", sl.eigvalsh, "use numpy.linalg.eigvalsh"),
    ("cholesky", sl.cholesky, "use numpy.linalg.cholesky(a, upper=True)"),
    ("svd", sl.svd, "use numpy.linalg.svd"),
    ("svdvals", sl.svdvals, "use numpy.linalg.svdvals"),
    ("qr", sl.qr, "use numpy.linalg.qr"),
    ("norm", sl.norm, "use numpy.linalg.norm"),
    ("lu", sl.lu, "dual arrays have no LU factorisation"),
    ("solve_banded", lambda a: sl.solve_banded((1, 1), a, B), "numpy.linalg.solve on the full"),
    ("solveh_banded", lambda a: sl.solveh_banded(a[:2], B), "numpy.linalg.solve on the full"),
    ("eig", sl.eig, "may be complex"), ("eigvals", sl.eigvals, "may be complex"),
    ("expm", sl.expm, "dualnum has no matrix exponential"),
    ("sqrtm", sl.sqrtm, "dualnum has no matrix square root"),
    ("logm", sl.logm, "dualnum has no matrix logarithm"),
]


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("name, call, instead", LINALG, ids=[c[0] for c in LINALG])
def test_scipy_linalg_refusals_name_the_alternative(T, name, call, instead):
    head = "scipy.linalg.%s runs LAPACK on floats and cannot take dual arrays: " % name
    with pytest.raises(TypeError, match=re.escape(head)) as err:
        call(matrix(T))
    assert instead in str(err.value)


@pytest.mark.parametrize("T", KINDS)
def test_the_named_alternatives_are_exact(T):
    """What the messages name: numpy.linalg.cholesky(a, upper=True) is the factor that
    scipy.linalg.cholesky returns (on the real parts), U^T U = a as on object arrays of
    scalar duals; numpy.linalg.solve against the object arrays too."""
    a = matrix(T)
    u = np.linalg.cholesky(a, upper=True)
    np.testing.assert_allclose(u.real, sl.cholesky(A), rtol=1e-14)
    assert_duals(u.T @ u, objects(a), T, rtol=1e-13)
    x = np.linalg.solve(a, B)
    assert_duals(a @ x, objects(B), T, rtol=1e-13)


FILTERS = [
    ("lfilter", lambda x: sg.lfilter([0.5, 0.25], [1.0, -0.3], x)),
    ("filtfilt", lambda x: sg.filtfilt([0.5, 0.25], [1.0, -0.3], x)),
    ("sosfilt", lambda x: sg.sosfilt([[0.5, 0.25, 0.0, 1.0, -0.3, 0.0]], x)),
    ("sosfiltfilt", lambda x: sg.sosfiltfilt([[0.5, 0.25, 0.0, 1.0, -0.3, 0.0]], x)),
    ("decimate", lambda x: sg.decimate(x, 2)), ("resample", lambda x: sg.resample(x, 8)),
    ("resample_poly", lambda x: sg.resample_poly(x, 2, 3)),
    ("detrend", sg.detrend), ("savgol_filter", lambda x: sg.savgol_filter(x, 5, 2)),
]


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("name, call", FILTERS, ids=[c[0] for c in FILTERS])
def test_scipy_signal_filters_are_refused(T, name, call):
    with pytest.raises(TypeError, match=re.escape("scipy.signal.%s runs SciPy's" % name)) \
            as err:
        call(sample(T, (40,)))
    assert "apply it to each part of x" in str(err.value)


def recursion(b, a, x):
    """lfilter's difference equation a0 y[n] = sum b[k] x[n-k] - sum a[k] y[n-k], on
    scalar duals (object arrays): the reference of the filtered parts."""
    y = []
    for n in range(len(x)):
        acc = sum(b[k] * x[n - k] for k in range(len(b)) if n - k >= 0)
        acc = acc - sum(a[k] * y[n - k] for k in range(1, len(a)) if n - k >= 0)
        y.append(acc / a[0])
    return np.array(y, dtype=object)


@pytest.mark.parametrize("T", KINDS)
def test_filtering_each_part_is_exact(T):
    """The messages' advice: a filter with constant coefficients applied to every part."""
    b, a = [0.5, 0.25, -0.1], [1.0, -0.3, 0.05]
    x = sample(T, (12,))
    got = T(*[sg.lfilter(b, a, getattr(x, n)) for n in NAMES[T]])
    assert_duals(got, recursion(b, a, objects(x)), T, rtol=1e-13)
    fir = sg.convolve(b, x)[:len(x)]  # the FIR form the lfilter message names
    assert_duals(fir, recursion(b, [1.0], objects(x)), T, rtol=SUMS)


SPARSE_FORMATS = ["csr_array", "csc_array", "coo_array", "dia_array", "lil_array",
                  "bsr_array", "dok_array", "csr_matrix", "coo_matrix"]


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("fmt", SPARSE_FORMATS)
def test_sparse_elementwise_products_are_refused(T, fmt):
    s = getattr(sp, fmt)(A)
    x = sample(T, (3, 3))
    calls = [lambda: s.multiply(x)]
    if fmt.endswith("_array"):  # * is elementwise for sparse arrays, @ for sparse matrices
        calls.append(lambda: s * x)
    for call in calls:
        with pytest.raises(TypeError, match=re.escape("write S @ x for the matrix product, or "
                                                      "S.toarray() * x for the elementwise")):
            call()
    assert_duals(s.toarray() * x, A * objects(x), T)  # the named alternatives
    assert_duals(s @ x, A @ objects(x), T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("fmt", SPARSE_FORMATS)
def test_sparse_beside_a_scalar_dual_is_refused(T, fmt):
    """A scalar dual's + - * / with a scipy.sparse matrix on either side of * (scipy.sparse
    would build a sparse matrix of objects, or give up without a word of the fix)."""
    s = getattr(sp, fmt)(A)
    d = T._scalar(2.0, *[0.5 - i for i in range(len(NAMES[T]) - 1)])
    for call in (lambda: d * s, lambda: s * d, lambda: d + s, lambda: d - s, lambda: d / s):
        with pytest.raises(TypeError, match=re.escape(
                "cannot use a scipy.sparse %s beside a scalar dual" % fmt)) as err:
            call()
        assert "write S.toarray() * x for the elementwise product" in str(err.value)
    assert_duals(s.toarray() * d, A.astype(object) * d, T)  # the named alternative
