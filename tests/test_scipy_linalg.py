"""scipy.sparse products, scipy.sparse.linalg.spsolve and the scipy.linalg solves
(solve_triangular, cho_solve, lu_solve) on dual arrays, reached by SciPy's own names.

References: a constant matrix is a linear map, so each part of the result is SciPy's (or
NumPy's dense) float result on that part; a dual triangular matrix is checked against
numpy.linalg.solve on the dual triangle and against finite differences of SciPy's float
solve."""
import subprocess
import sys

import numpy as np
import pytest
import scipy.linalg as sl
import scipy.signal as sg
import scipy.sparse as sp
import scipy.sparse.linalg as spl

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS

RNG = np.random.default_rng(7)
SPARSE = [sp.csr_array, sp.csc_array, sp.coo_array, sp.bsr_array, sp.dia_array, sp.lil_array,
          sp.dok_array, sp.csr_matrix, sp.coo_matrix]


def general(T, shape, directional, seed=0):
    """A dual array of type T with real, perturbation parts all nonzero and different."""
    rng = np.random.default_rng(seed)
    k = {dn.DualArray: [(3,)], dn.HyperDualArray: [(3,), (2,), (3, 2)]}[T] if directional \
        else [()] * (len(NAMES[T]) - 1)
    return T(rng.uniform(0.5, 1.5, shape),
             *[rng.uniform(-2.0, 2.0, shape + d) for d in k], directional=directional)


def parts(x):
    return [np.asarray(getattr(x, n)) for n in NAMES[type(x)]]


def assert_parts(result, x, apply, rtol=SUMS):
    """Each part of result is apply(part of x), the direction axes one by one."""
    assert type(result) is type(x) and result._directional == x._directional
    for got, p in zip(parts(result), parts(x)):
        flat = p.reshape(p.shape[:x.ndim] + (-1,))
        want = np.stack([apply(flat[..., j]) for j in range(flat.shape[-1])], axis=-1)
        np.testing.assert_allclose(got, want.reshape(got.shape), rtol=rtol, atol=rtol)


def sparse_matrix(cls, shape=(4, 3), seed=1):
    dense = np.random.default_rng(seed).uniform(-1, 1, shape)
    dense[np.abs(dense) < 0.4] = 0.0
    return cls(dense), dense


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("cls", SPARSE)
def test_sparse_times_dual(T, directional, cls):
    """S @ x, S.dot(x), np.matmul, np.dot (x 1-D and 2-D) and x @ S: the dense product of
    each part."""
    S, dense = sparse_matrix(cls)
    for shape in [(3,), (3, 2)]:
        x = general(T, shape, directional)
        for result in [S @ x, S.dot(x), np.matmul(S, x), np.dot(S, x)]:
            assert result.shape == (4,) + shape[1:]
            assert_parts(result, x, lambda p: dense @ p)
    for shape in [(4,), (2, 4)]:
        y = general(T, shape, directional)
        for result in [y @ S, np.matmul(y, S), np.dot(y, S)]:
            assert result.shape == shape[:-1] + (3,)
            assert_parts(result, y, lambda p: p @ dense)


def test_sparse_matrix_star_and_elementwise_refused():
    """A scipy.sparse matrix's * is a matrix product, a sparse array's + elementwise: both
    refused with the fix, never the elementwise product of the wrong thing."""
    x = dn.DualArray(np.ones(3), 1.0)
    M, _ = sparse_matrix(sp.csr_matrix)
    for call in [lambda: M * x, lambda: x * M, lambda: sp.csr_array(M) + x[None, :]]:
        with pytest.raises(TypeError, match=r"scipy.sparse .*S @ x"):
            call()


def test_sparse_errors():
    S, _ = sparse_matrix(sp.csr_array)
    with pytest.raises(ValueError, match="dimension mismatch"):
        S @ dn.DualArray(np.ones(4), 1.0)
    with pytest.raises(ValueError, match="dimension mismatch"):
        dn.DualArray(np.ones(3), 1.0) @ S
    with pytest.raises(ValueError, match="3-D DualArray"):
        S @ dn.DualArray(np.ones((3, 2, 2)), 1.0)
    with pytest.raises(TypeError, match="dual numbers are real"):
        (S * 1j) @ dn.DualArray(np.ones(3), 1.0)


def test_plain_sparse_products_unchanged():
    S, dense = sparse_matrix(sp.csr_array)
    v = np.arange(3.0)
    assert type(S @ v) is np.ndarray and np.allclose(S @ v, dense @ v)
    assert type(S.dot(v)) is np.ndarray


def spd(n, seed=2):
    a = np.random.default_rng(seed).uniform(-1, 1, (n, n))
    return a @ a.T + n * np.eye(n)


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("shape", [(4,), (4, 2)])
def test_solves_with_a_constant_matrix(T, directional, shape):
    """cho_solve, lu_solve (both trans), spsolve, solve_triangular with a constant matrix:
    each part is SciPy's float solve of that part."""
    a = spd(4)
    b = general(T, shape, directional)
    c, lu = sl.cho_factor(a), sl.lu_factor(a)
    A = sp.csc_array(a)
    wrapped = sl.solve_triangular.__wrapped__
    cases = [(sl.cho_solve(c, b), lambda p: sl.cho_solve(c, p)),
             (sl.lu_solve(lu, b), lambda p: sl.lu_solve(lu, p)),
             (sl.lu_solve(lu, b, trans=1), lambda p: sl.lu_solve(lu, p, trans=1)),
             (spl.spsolve(A, b), lambda p: spl.spsolve(A, p)),
             (sl.solve_triangular(a, b, lower=True), lambda p: wrapped(a, p, lower=True))]
    for result, apply in cases:
        assert result.shape == shape
        assert_parts(result, b, apply, rtol=1e-12)


def triangle(a, lower, unit):
    """The matrix that solve_triangular reads, built with NumPy on dual arrays."""
    n = a.shape[-1]
    tri = np.tril(a, -1) if lower else np.triu(a, 1)
    return tri + (np.eye(n) if unit else (np.diag(np.diagonal(a)) if
                                         isinstance(a, np.ndarray) else a * np.eye(n)))


@pytest.mark.parametrize("T", KINDS)
@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("unit", [False, True])
@pytest.mark.parametrize("trans", [0, 1, "T", "C"])
def test_solve_triangular_dual_matrix(T, directional, lower, unit, trans):
    """A dual triangular matrix (its other triangle, and with unit_diagonal its diagonal,
    ignored as SciPy ignores them) against numpy.linalg.solve on the dual triangle."""
    a = general(T, (4, 4), directional, seed=3) + 3.0 * np.eye(4)
    for b in [general(T, (4,), directional, seed=4), general(T, (4, 2), directional, 5),
              np.linspace(1.0, 2.0, 4)]:
        x = sl.solve_triangular(a, b, trans=trans, lower=lower, unit_diagonal=unit)
        m = triangle(a, lower, unit)
        m = m if trans == 0 else np.swapaxes(m, -1, -2)
        want = np.linalg.solve(m, b)
        assert type(x) is T and x.shape == np.shape(b)
        for got, ref in zip(parts(x), parts(want)):
            np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-12)


def test_solve_triangular_finite_differences():
    """d/dt solve_triangular(A + t E, b + t e) at t = 0 against a central difference of
    SciPy's float solve (error O(h^2): bound 1e-7)."""
    a = np.tril(spd(4)) + np.triu(np.ones((4, 4)), 1)  # the upper triangle is not read
    e_a, b, e_b = RNG.uniform(-1, 1, (4, 4)), RNG.uniform(-1, 1, 4), RNG.uniform(-1, 1, 4)
    x = sl.solve_triangular(dn.DualArray(a, e_a), dn.DualArray(b, e_b), lower=True)
    h = 1e-5
    f = sl.solve_triangular.__wrapped__
    fd = (f(a + h * e_a, b + h * e_b, lower=True) - f(a - h * e_a, b - h * e_b,
                                                      lower=True)) / (2 * h)
    np.testing.assert_allclose(x.dual, fd, rtol=0, atol=1e-7)
    np.testing.assert_array_equal(x.real, f(a, b, lower=True))


def test_api_through_scipy_names():
    """gradient and hessian through the solves: sum(A^-1 x) has gradient A^-T 1; the
    Hessian of b^T T(a)^-1 b in b is T^-1 + T^-T."""
    a = spd(3)
    A = sp.csc_array(a)
    want = np.linalg.solve(a.T, np.ones(3))
    for f in [lambda x: np.sum(spl.spsolve(A, x)),
              lambda x: np.sum(sl.cho_solve(sl.cho_factor(a), x)),
              lambda x: np.sum(sl.lu_solve(sl.lu_factor(a), x))]:
        np.testing.assert_allclose(dn.gradient(f, np.ones(3)), want, rtol=1e-12)
    t = np.tril(a)
    h = dn.hessian(lambda b: b @ sl.solve_triangular(t, b, lower=True), np.ones(3))
    inv = np.linalg.inv(t)
    np.testing.assert_allclose(h, inv + inv.T, rtol=1e-12, atol=1e-12)


def test_plain_calls_unchanged():
    """Float calls go to SciPy's own functions: the same results, the same types."""
    a, b = spd(4), np.arange(4.0)
    A = sp.csc_array(a)
    for routed, args in [(sl.solve_triangular, (a, b)), (sl.cho_solve, (sl.cho_factor(a), b)),
                         (sl.lu_solve, (sl.lu_factor(a), b)), (spl.spsolve, (A, b)),
                         (sg.convolve, (a, a[:2])), (sg.correlate, (b, b[:3]))]:
        assert routed.__wrapped__ is not routed
        got, want = routed(*args), routed.__wrapped__(*args)
        assert type(got) is type(want)
        np.testing.assert_array_equal(got, want)


def test_refusals():
    """Factoring a dual matrix, a dual factor, a dual sparse-solve matrix: TypeErrors with
    the fix; no silent float conversion."""
    a = dn.DualArray(spd(3), np.eye(3))
    b = dn.DualArray(np.ones(3), 1.0)
    with pytest.raises(TypeError, match="cho_factor would factor a dual matrix"):
        sl.cho_factor(a)
    with pytest.raises(TypeError, match="lu_factor would factor a dual matrix"):
        sl.lu_factor(a)
    with pytest.raises(TypeError, match="only the right-hand side may be dual"):
        sl.cho_solve((a, False), np.ones(3))
    with pytest.raises(TypeError, match="only the right-hand side may be dual"):
        sl.lu_solve((a, np.arange(3)), b)
    with pytest.raises(TypeError, match="stack of dual matrices"):
        sl.solve_triangular(dn.DualArray(np.ones((2, 3, 3)), 1.0), np.ones(3))
    with pytest.raises(ValueError, match="right-hand side of shape"):
        sl.cho_solve(sl.cho_factor(spd(3)), dn.DualArray(np.ones(4), 1.0))
    with pytest.raises(TypeError, match="dual numbers are real"):
        sl.solve_triangular(a, np.ones(3) * 1j)


def run(code):
    """code in a fresh interpreter (the import order is the point), its stdout."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert done.returncode == 0, done.stderr
    return done.stdout


CALL = ("import numpy as np\nx = dn.DualArray(np.ones(2), 1.0)\n"
        "a = np.array([[2.0, 0.0], [1.0, 1.0]])\n")


@pytest.mark.parametrize("order", ["scipy.linalg before dualnum", "scipy.linalg after dualnum"])
def test_import_orders_that_work(order):
    """Names bound after dualnum's import, whether SciPy was imported before or after."""
    head = ("import scipy.linalg\nimport dualnum as dn\n" if "before" in order
            else "import dualnum as dn\n")
    out = run(head + CALL + "from scipy.linalg import solve_triangular\n"
              "import scipy.sparse as sp, scipy.sparse.linalg as spl\n"
              "print(solve_triangular(a, x, lower=True).dual.tolist(),"
              " spl.spsolve(sp.csc_array(a), x).dual.tolist(),"
              " (sp.csr_array(a) @ x).dual.tolist())")
    assert out.split() == ["[0.5,", "0.5]", "[0.5,", "0.5]", "[2.0,", "2.0]"]


def test_name_bound_before_dualnum():
    """The limit, measured: a name bound before dualnum's import is SciPy's function; it
    raises a TypeError naming the fix (the module's name works)."""
    out = run("from scipy.linalg import solve_triangular, cho_solve, cho_factor, lu_solve\n"
              "from scipy.linalg import lu_factor\n"
              "from scipy.sparse.linalg import spsolve\nimport scipy.sparse as sp\n"
              "from scipy.signal import convolve\n"
              "import dualnum as dn\n" + CALL +
              "import scipy.linalg\n"
              "print(scipy.linalg.solve_triangular(a, x, lower=True).dual.tolist())\n"
              "for f, args in [(solve_triangular, (a, x)), (spsolve, (sp.csc_array(a), x)),\n"
              "                (convolve, (a * x, a)), (cho_solve, (cho_factor(a + 2), x)),\n"
              "                (lu_solve, (lu_factor(a), x))]:\n"
              "    try:\n        f(*args)\n    except TypeError as e:\n        print(e)\n")
    lines = out.splitlines()
    assert lines[0] == "[0.5, 0.5]"
    assert "solve_triangular was bound before dualnum was imported" in lines[1]
    assert "scipy.linalg.solve_triangular(...)" in lines[1]
    assert "scipy.sparse.linalg.spsolve(...)" in lines[2]
    assert "this scipy.signal.convolve was bound before dualnum" in lines[3]
    assert "scipy.linalg.cho_solve(...)" in lines[4] and "scipy.linalg.lu_solve(...)" in lines[5]


@pytest.mark.parametrize("trans", [dn.Dual(1.0, 0.0), 5, "n", True, 1.0, None])
def test_trans_outside_scipys_values_is_refused(trans):
    """SciPy passes trans to LAPACK unchecked; the transposition of the derivative must be
    that of the value, so dual arrays take SciPy's documented values only."""
    a = dn.DualArray(np.array([[2.0, 0.0], [1.0, 1.0]]), np.eye(2))
    b = np.array([2.0, 2.0])
    with pytest.raises(TypeError, match=r"solve_triangular on dual arrays: trans must be 0, "
                                        r"1, 2, 'N', 'T' or 'C'"):
        sl.solve_triangular(a, b, trans=trans)
    with pytest.raises(TypeError, match=r"lu_solve on dual arrays: trans must be"):
        sl.lu_solve(sl.lu_factor(a.real), dn.DualArray(b, 1.0), trans=trans)
    got = sl.solve_triangular(a, b, trans=np.int64(1), lower=True)
    assert np.array_equal(got.real, sl.solve_triangular(a.real, b, trans=1, lower=True))
