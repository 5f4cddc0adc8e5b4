"""dn.logsumexp, dn.softmax and dn.log_softmax (SciPy's signatures) on numbers, scalar duals
and dual arrays, scipy.special's functions of those names on dual arrays (they reach
dualnum), and what SciPy's own functions do with dual arrays.

References: the unshifted formulas on NumPy object arrays of scalar duals (exact scalar
arithmetic, an independent path), SciPy on floats, and the analytic Jacobian and Hessian of
log-sum-exp (gradient softmax p, Hessian diag(p) - p p^T)."""
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import scipy.special as sc

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample


def lse_objects(obj, axis=None, b=None, keepdims=False):
    terms = np.exp(obj) if b is None else b * np.exp(obj)
    return np.log(np.sum(terms, axis=axis, keepdims=keepdims))


def softmax_objects(obj, axis=None):
    e = np.exp(obj)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax_objects(obj, axis=None):
    return obj - np.log(np.sum(np.exp(obj), axis=axis, keepdims=True))


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_against_object_arrays(T, axis, keepdims):
    x = sample(T, (3, 4), start=-0.8, step=0.23)
    got = dn.logsumexp(x, axis=axis, keepdims=keepdims)
    want = lse_objects(objects(x), axis, keepdims=keepdims)
    assert_duals(got, want, T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("where", ["a", "b", "both"])
def test_logsumexp_weights(T, where):
    """b broadcast against a, dual or constant, negative entries subtract."""
    a = sample(T, (2, 3), start=0.1, step=0.3)
    b = sample(T, (3,), start=0.5, step=0.4)
    a_in = a if where != "b" else a.real
    b_in = b if where != "a" else b.real
    got = dn.logsumexp(a_in, axis=1, b=b_in)
    a_obj = objects(a) if where != "b" else a.real  # floats: np.exp on floats
    want = lse_objects(a_obj, 1, objects(b_in))
    assert_duals(got, want, T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
def test_logsumexp_return_sign(T):
    a = sample(T, (2, 3), start=0.1, step=0.3)
    b = np.array([1.0, -2.0, 0.5])  # row sums of b exp(a) are negative
    out, sign = dn.logsumexp(a, axis=1, b=b, return_sign=True)
    want = lse_objects(objects(a), 1, -b)  # log|s| = log(-s)
    assert_duals(out, want, T, rtol=SUMS)
    np.testing.assert_array_equal(sign, [-1.0, -1.0])
    plain = dn.logsumexp(a, axis=1, b=b)  # no sign: NaN, as SciPy
    assert np.all(np.isnan(plain.real))


def test_floats_match_scipy():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    for kwargs in [{}, {"axis": 0}, {"axis": 1, "keepdims": True}, {"b": b},
                   {"b": b, "axis": 1, "return_sign": True}]:
        np.testing.assert_allclose(dn.logsumexp(a, **kwargs), sc.logsumexp(a, **kwargs),
                                   rtol=1e-15)
    for axis in (None, 0, 1):
        np.testing.assert_allclose(dn.softmax(a, axis), sc.softmax(a, axis), rtol=1e-15)
        np.testing.assert_allclose(dn.log_softmax(a, axis), sc.log_softmax(a, axis),
                                   rtol=1e-15)
    assert dn.logsumexp([1.0, 2.0]) == pytest.approx(sc.logsumexp([1.0, 2.0]), rel=1e-16)
    assert type(dn.logsumexp([1.0, 2.0])) is np.float64


def test_edge_values_match_scipy():
    """Empty input, all -inf, an inf, zero weights beside inf: SciPy's values."""
    cases = [([], {}), ([-np.inf, -np.inf], {}), ([1.0, np.inf], {}),
             ([np.inf, 1.0], {"b": [0.0, 2.0]}), ([np.nan, 1.0], {"b": [0.0, 1.0]})]
    for a, kwargs in cases:
        with np.errstate(all="ignore"):
            assert dn.logsumexp(a, **kwargs) == pytest.approx(sc.logsumexp(a, **kwargs),
                                                              nan_ok=True)


@pytest.mark.parametrize("T", KINDS)
def test_stable_at_large_values(T):
    """No overflow: a shift by 1000 shifts the value and keeps the derivative parts."""
    x = sample(T, (4,))
    big = x + 1000.0
    assert_duals(dn.logsumexp(big) - 1000.0, lse_objects(objects(x)), T, rtol=SUMS)
    assert_duals(dn.softmax(big), softmax_objects(objects(x)), T, rtol=SUMS)
    assert_duals(dn.log_softmax(big), log_softmax_objects(objects(x)), T, rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
def test_softmax_and_log_softmax_against_object_arrays(T, axis):
    x = sample(T, (3, 2), start=-0.4, step=0.31)
    assert_duals(dn.softmax(x, axis), softmax_objects(objects(x), axis), T, rtol=SUMS)
    assert_duals(dn.log_softmax(x, axis), log_softmax_objects(objects(x), axis), T,
                 rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
def test_scalar_duals_and_lists_of_them(T):
    S = SCALAR[T]
    x = S(*[0.3 + k for k in range(len(NAMES[T]))])
    got = dn.logsumexp(x)  # one term: the identity
    assert type(got) is S and [getattr(got, n) for n in NAMES[T]] == \
        pytest.approx([getattr(x, n) for n in NAMES[T]], rel=1e-15)
    y = S(*[-0.7 + 0.5 * k for k in range(len(NAMES[T]))])
    assert_duals(dn.logsumexp([x, y]), lse_objects(np.array([x, y], dtype=object)), T,
                 rtol=SUMS)
    assert_duals(dn.softmax([x, y]), softmax_objects(np.array([x, y], dtype=object)), T,
                 rtol=SUMS)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("pack", [list, tuple, lambda v: np.array(v, dtype=object)],
                         ids=["list", "tuple", "object array"])
def test_scipy_functions_take_sequences_of_scalar_duals(T, pack):
    """scipy.special's names reach dualnum with the scalar duals inside a list, tuple or
    object array, as dualnum's functions (before: SciPy's own, which raised)."""
    S = SCALAR[T]
    x = S(*[0.3 + k for k in range(len(NAMES[T]))])
    y = S(*[-0.7 + 0.5 * k for k in range(len(NAMES[T]))])
    obj = np.array([x, y, S(0.25)], dtype=object)  # (np.exp of an object 0.25: no loop)
    assert_duals(sc.logsumexp(pack([x, y, 0.25])), lse_objects(obj), T, rtol=SUMS)
    assert_duals(sc.softmax(pack([x, y, 0.25])), softmax_objects(obj), T, rtol=SUMS)
    assert_duals(sc.log_softmax(pack([x, y, 0.25])), log_softmax_objects(obj), T, rtol=SUMS)
    assert_duals(sc.logsumexp([1.0, 2.0, 3.0], b=pack([x, y, 0.25])),
                 lse_objects(np.array([S(1.0), S(2.0), S(3.0)], dtype=object), b=obj), T, rtol=SUMS)


def test_scipy_logsumexp_of_a_list_of_elements_through_the_api():
    """A list of the elements of the API's dual array (0-d arrays with directions): the
    gradient softmax p and Hessian diag(p) - p p^T (before: a misleading refusal)."""
    a = np.array([0.3, -1.2])
    p = sc.softmax(a)

    def f(v):
        return sc.logsumexp([v[0], v[1]])
    np.testing.assert_allclose(dn.gradient(f, a), p, rtol=1e-14)
    np.testing.assert_allclose(dn.hessian(f, a), np.diag(p) - np.outer(p, p), rtol=1e-13,
                               atol=1e-16)


@pytest.mark.parametrize("space", [dn, sc], ids=["dualnum", "scipy.special"])
def test_gradient_and_hessian_analytic(space):
    """Through the API (directions), dualnum's functions and SciPy's of the same names:
    gradient softmax p (SciPy on floats), Hessian diag(p) - p p^T; the Jacobian of softmax
    is that Hessian, of log_softmax I - 1 p^T."""
    a = np.array([0.3, -1.2, 2.0, 0.7])
    p = sc.softmax(a)
    h = np.diag(p) - np.outer(p, p)
    np.testing.assert_allclose(dn.gradient(space.logsumexp, a), p, rtol=1e-14)
    np.testing.assert_allclose(dn.hessian(space.logsumexp, a), h, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(dn.jacobian(space.softmax, a), h, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(dn.jacobian(space.log_softmax, a),
                               np.eye(4) - np.outer(np.ones(4), p), rtol=1e-13, atol=1e-16)


def test_scipy_weights_through_the_api():
    """A dual weight b of scipy.special.logsumexp, and return_sign."""
    a = np.array([0.3, -1.2, 2.0, 0.7])
    b = np.array([1.0, 2.0, 0.5, 3.0])
    np.testing.assert_allclose(dn.gradient(lambda w: sc.logsumexp(a, b=w), b),
                               np.exp(a) / np.dot(b, np.exp(a)), rtol=1e-14)
    value, sign = sc.logsumexp(dn.DualArray(a, 1.0), b=-b, return_sign=True)
    assert sign == -1.0 and value.real == sc.logsumexp(a, b=-b, return_sign=True)[0]


def test_scipy_functions_on_floats_unchanged():
    a = np.array([0.3, -1.2, 2.0])
    assert sc.logsumexp(a) == sc.logsumexp.__wrapped__(a)
    np.testing.assert_array_equal(sc.softmax(a), sc.softmax.__wrapped__(a))


@pytest.mark.parametrize("name", ["logsumexp", "log_softmax"])
def test_scipy_functions_bound_before_dualnum_refused(name):
    """A name bound before ``import dualnum`` is SciPy's own function: refused, saying
    what to do (a fresh interpreter: the import order is the point)."""
    code = ("from scipy.special import %s\nimport dualnum as dn\n"
            "try:\n    %s(dn.DualArray([1.0, 2.0], 1.0))\n"
            "except TypeError as e:\n    print(e)\n" % (name, name))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=str(pathlib.Path(__file__).parent.parent))
    assert done.returncode == 0, done.stderr
    assert "bound before dualnum was imported" in done.stdout
    assert "dualnum.%s" % name in done.stdout and "import dualnum before" in done.stdout


def test_scipy_softmax_bound_before_dualnum_runs_on_object_arrays():
    """SciPy's own softmax (a name bound before dualnum was imported) converts with
    np.asarray and needs only exp, max, sum and division: exact on the object array of
    scalar duals, the API falling back to one pass per direction."""
    x = sample(dn.DualArray, (4,))
    got = sc.softmax.__wrapped__(x)
    assert got.dtype == object
    assert_duals(dn.DualArray(got), softmax_objects(objects(x)), dn.DualArray, rtol=SUMS)
    a = np.array([0.3, -1.2, 2.0])
    np.testing.assert_allclose(dn.jacobian(sc.softmax.__wrapped__, a),
                               dn.jacobian(dn.softmax, a), rtol=1e-14, atol=1e-16)
