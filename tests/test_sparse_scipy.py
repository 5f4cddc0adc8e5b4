"""Sparse Jacobians (dn.jacobian with a Colouring computed once) inside SciPy's solvers:
scipy.optimize.least_squares (method="trf", jac=) and scipy.integrate.solve_ivp (BDF, jac=).

Problems, with their Jacobians derived by hand here (not by dualnum) and compared entry for
entry with dualnum's:

* Bratu's problem u'' + lambda e^u = 0 on (0, 1), u(0) = u(1) = 0 (G. Bratu, "Sur les
  équations intégrales non linéaires", Bull. Soc. Math. France 42, 1914), by central
  differences: a tridiagonal residual. The discrete solution is within the error bound of
  central differences of the closed form u(x) = -2 ln(cosh((x - 1/2) theta / 2) /
  cosh(theta / 4)), theta = sqrt(2 lambda) cosh(theta / 4).
* The Brusselator with diffusion on a 1-D grid, the test problem BRUSS of Hairer and Wanner,
  "Solving Ordinary Differential Equations II: Stiff and Differential-Algebraic Problems":
  u_i' = 1 + u_i^2 v_i - 4 u_i + alpha (N+1)^2 (u_{i-1} - 2 u_i + u_{i+1}),
  v_i' = 3 u_i - u_i^2 v_i + alpha (N+1)^2 (v_{i-1} - 2 v_i + v_{i+1}), alpha = 1/50, u = 1
  and v = 3 at both ends, u(0) = 1 + sin(2 pi x_i), v(0) = 3, x_i = i / (N+1), t in [0, 10];
  the state interleaved, [u1, v1, u2, v2, ...], so that the Jacobian is banded.
"""
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, least_squares

import dualnum as dn

EPS = np.finfo(np.float64).eps


def structure(matrix):
    """The stored entries of a sparse matrix as a CSR boolean pattern (zeros kept)."""
    coo = sp.coo_array(matrix)
    return sp.csr_array((np.ones(coo.nnz, dtype=np.bool_), (coo.row, coo.col)),
                        shape=coo.shape)


def bandwidths(pattern):
    """(lower, upper) bandwidth of a pattern."""
    coo = sp.coo_array(pattern)
    offsets = coo.col.astype(np.intp) - coo.row
    return int(-offsets.min()), int(offsets.max())


def most_in_a_row(pattern):
    """The largest number of entries in a row: the columns of one row need distinct colours,
    so no colouring has fewer."""
    return int(np.diff(sp.csr_array(pattern).indptr).max())


def colours_are_valid(pattern, colours):
    """No row holds two columns of one colour (checked here, not with dualnum's is_valid)."""
    pattern = sp.csr_array(pattern)
    for row in range(pattern.shape[0]):
        seen = colours[pattern.indices[pattern.indptr[row]:pattern.indptr[row + 1]]]
        if np.unique(seen).size != seen.size:
            return False
    return True


def assert_same_jacobian(got, expected):
    """Equal to rounding: each entry is the same few-term sum, perhaps in another order."""
    assert isinstance(got, sp.csr_array) and got.shape == expected.shape
    np.testing.assert_allclose(got.toarray(), expected.toarray(), rtol=1e-14, atol=1e-14)


# ------------------------------------------------------------------------ Bratu's problem
BRATU_N = 500
BRATU_LAMBDA = 1.0  # below the turning point (about 3.51): the lower solution, from u = 0
H = 1.0 / (BRATU_N + 1)
GRID = np.arange(1, BRATU_N + 1) * H
TRF = dict(method="trf", xtol=1e-12,
           # trf solves each step of a sparse problem with LSMR; cond(J) is about 1e5
           # here, so LSMR runs to tight tolerances for the steps to reach rounding
           tr_options={"atol": 1e-14, "btol": 1e-14, "maxiter": 10 * BRATU_N},
           # a wrong Jacobian fails the test in seconds, not after 100 n evaluations
           max_nfev=50)


def bratu(u):
    """The residual (u_{i-1} - 2 u_i + u_{i+1}) / h^2 + lambda e^{u_i}, u_0 = u_{N+1} = 0."""
    w = np.concatenate([[0.0], u, [0.0]])
    return (w[:-2] - 2.0 * u + w[2:]) / H ** 2 + BRATU_LAMBDA * np.exp(u)


def bratu_jacobian(u):
    """By hand: 1/h^2 beside the diagonal, -2/h^2 + lambda e^{u_i} on it."""
    side = np.full(BRATU_N - 1, 1.0 / H ** 2)
    middle = -2.0 / H ** 2 + BRATU_LAMBDA * np.exp(u)
    return sp.csr_array(sp.diags_array([side, middle, side], offsets=[-1, 0, 1]))


@pytest.fixture(scope="module")
def bratu_colouring():
    return dn.colour(dn.jacobian_sparsity(bratu, np.zeros(BRATU_N)))


@pytest.fixture(scope="module")
def bratu_fits(bratu_colouring):
    """The solve with dualnum's Jacobian (the colouring computed once, reused at every
    call), and one independent of dualnum: SciPy's finite differences on the hand pattern."""
    u0 = np.zeros(BRATU_N)
    fit = least_squares(bratu, u0, jac=lambda u: dn.jacobian(bratu, u, sparsity=bratu_colouring),
                        **TRF)
    reference = least_squares(bratu, u0, jac="2-point",
                              jac_sparsity=structure(bratu_jacobian(u0)), **TRF)
    return fit, reference


def test_bratu_pattern_colouring_and_jacobian(bratu_colouring, bratu_fits):
    u0 = np.zeros(BRATU_N)
    pattern = bratu_colouring.pattern
    assert (pattern != structure(bratu_jacobian(u0))).nnz == 0
    # a full tridiagonal band (lower and upper bandwidth p = 1): a row holds 2p + 1 = 3
    # columns, which need 3 colours, and 3 suffice (columns i mod 3): greedy reaches it
    assert bandwidths(pattern) == (1, 1) and most_in_a_row(pattern) == 3
    assert bratu_colouring.count == 3
    assert colours_are_valid(pattern, bratu_colouring.colours)
    # one evaluation of f per Jacobian, on dual arrays with one direction per colour
    seen = []

    def recorded(u):
        seen.append(u)
        return bratu(u)
    dn.jacobian(recorded, u0, sparsity=bratu_colouring)
    assert len(seen) == 1 and seen[0].directions == bratu_colouring.count
    # at the start and at the solution
    for u in (u0, bratu_fits[0].x):
        assert_same_jacobian(dn.jacobian(bratu, u, sparsity=bratu_colouring),
                             bratu_jacobian(u))


def test_least_squares_solves_bratu(bratu_fits):
    fit, reference = bratu_fits
    assert fit.status > 0 and reference.status > 0
    # the residual at rounding level of its terms, (|u_{i-1}| + 2|u_i| + |u_{i+1}|) / h^2
    size = 4.0 * np.abs(fit.x).max() / H ** 2 + BRATU_LAMBDA * np.exp(np.abs(fit.x).max())
    assert np.abs(fit.fun).max() <= 10 * EPS * size
    # Newton's iteration from u = 0 with exact derivatives: quadratic convergence reaches
    # rounding in about four steps, and a few more at rounding level end at xtol
    assert fit.njev <= 10
    # the discrete solution is determined to cond(J) eps |u| (rounding in the residual)
    cond = np.linalg.cond(bratu_jacobian(fit.x).toarray())
    assert np.abs(fit.x - reference.x).max() <= cond * EPS * np.abs(fit.x).max()


def test_bratu_solution_is_the_closed_form_to_second_order(bratu_fits):
    """The residual is the intended one: its solution is within the central differences'
    error bound of the closed form."""
    fit = bratu_fits[0]
    theta = brentq(lambda s: s - np.sqrt(2.0 * BRATU_LAMBDA) * np.cosh(s / 4.0), 0.0, 4.0)
    exact = -2.0 * np.log(np.cosh((GRID - 0.5) * theta / 2.0) / np.cosh(theta / 4.0))
    # u'' = -lambda e^u and u' = -theta tanh((x - 1/2) theta / 2) give u'''' = lambda e^u
    # (lambda e^u - u'^2); the truncation error is at most h^2/12 max|u''''|, and the
    # inverse of the linearised operator has infinity norm at most (1/8) / (1 - lambda
    # e^{max u} / 8) (the discrete Laplacian's 1/8, by a Neumann series)
    fine = np.linspace(0.0, 1.0, 10001)
    u = -2.0 * np.log(np.cosh((fine - 0.5) * theta / 2.0) / np.cosh(theta / 4.0))
    slope = -theta * np.tanh((fine - 0.5) * theta / 2.0)
    fourth = np.abs(BRATU_LAMBDA * np.exp(u) * (BRATU_LAMBDA * np.exp(u) - slope ** 2)).max()
    top = BRATU_LAMBDA * np.exp(max(u.max(), fit.x.max()))
    bound = H ** 2 / 12.0 * fourth * (1.0 / 8.0) / (1.0 - top / 8.0)
    assert np.abs(fit.x - exact).max() <= bound


# ----------------------------------------------------------------------- the Brusselator
BRUSS_N = 1000
ALPHA = 1.0 / 50.0
C = ALPHA * (BRUSS_N + 1) ** 2
X = np.arange(1, BRUSS_N + 1) / (BRUSS_N + 1)
SPAN = (0.0, 10.0)
TOLERANCES = dict(rtol=1e-8, atol=1e-10)


def brusselator(t, y):
    """The BRUSS right-hand side, y = [u1, v1, u2, v2, ...]."""
    u, v = y[0::2], y[1::2]
    # second differences, np.diff(w, 2) = w[:-2] - 2 w[1:-1] + w[2:], with u = 1 and v = 3
    # at both ends
    du = 1.0 + u * u * v - 4.0 * u + C * np.diff(np.concatenate([[1.0], u, [1.0]]), 2)
    dv = 3.0 * u - u * u * v + C * np.diff(np.concatenate([[3.0], v, [3.0]]), 2)
    return np.stack([du, dv], axis=1).ravel()


def bruss_y0():
    y0 = np.empty(2 * BRUSS_N)
    y0[0::2] = 1.0 + np.sin(2.0 * np.pi * X)
    y0[1::2] = 3.0
    return y0


def bruss_neighbours():
    """The diffusion between grid neighbours: C at offsets -2 and +2 of the interleaved
    order (u_i couples to u_{i+-1}, v_i to v_{i+-1})."""
    ones = np.ones(2 * BRUSS_N - 2)
    return C * sp.diags_array([ones, ones], offsets=[-2, 2], format="csr")


def bruss_jacobian(y):
    """By hand, block tridiagonal in the interleaved order. Diagonal block of grid point i:
    d(u_i')/d(u_i, v_i) = (2 u_i v_i - 4 - 2C, u_i^2), d(v_i')/d(u_i, v_i) = (3 - 2 u_i v_i,
    -u_i^2 - 2C); beside it, C I (the ends are constants)."""
    u, v = y[0::2], y[1::2]
    blocks = np.empty((BRUSS_N, 2, 2))
    blocks[:, 0, 0] = 2.0 * u * v - 4.0 - 2.0 * C
    blocks[:, 0, 1] = u * u
    blocks[:, 1, 0] = 3.0 - 2.0 * u * v
    blocks[:, 1, 1] = -u * u - 2.0 * C
    index = np.arange(BRUSS_N)
    local = sp.bsr_array((blocks, index, np.arange(BRUSS_N + 1)), shape=(2 * BRUSS_N,) * 2)
    return sp.csr_array(local) + bruss_neighbours()


def bruss_pattern():
    """The hand pattern: every entry of the diagonal blocks, and the neighbours' C I."""
    index = np.arange(BRUSS_N)
    full = sp.bsr_array((np.ones((BRUSS_N, 2, 2)), index, np.arange(BRUSS_N + 1)),
                        shape=(2 * BRUSS_N,) * 2)
    return structure(sp.csr_array(full) + bruss_neighbours())


@pytest.fixture(scope="module")
def bruss_colouring():
    return dn.colour(dn.jacobian_sparsity(lambda z: brusselator(0.0, z), bruss_y0()))


def with_budget(fun, limit):
    """fun, raising once called more than limit times: a wrong Jacobian can stall BDF's
    Newton iterations into very many tiny steps, which should fail fast, not run for long."""
    calls = []

    def counted(t, y):
        calls.append(t)
        if len(calls) > limit:
            raise RuntimeError("BDF took over %d evaluations (twice the hand-derived "
                               "Jacobian's): its Newton iterations are not converging" % limit)
        return fun(t, y)
    return counted


@pytest.fixture(scope="module")
def bruss_solves(bruss_colouring):
    """BDF with the hand-derived Jacobian, and with dualnum's (the colouring computed once)."""
    reference = solve_ivp(brusselator, SPAN, bruss_y0(), method="BDF",
                          jac=lambda t, y: bruss_jacobian(y), **TOLERANCES)

    def jac(t, y):
        return dn.jacobian(lambda z: brusselator(t, z), y, sparsity=bruss_colouring)
    sol = solve_ivp(with_budget(brusselator, 2 * reference.nfev), SPAN, bruss_y0(),
                    method="BDF", jac=jac, **TOLERANCES)
    return sol, reference


def test_brusselator_pattern(bruss_colouring, bruss_solves):
    pattern = bruss_colouring.pattern
    assert (pattern != bruss_pattern()).nnz == 0
    # the pattern holds every nonzero of the Jacobian, at the start and along the solution
    sol = bruss_solves[0]
    for y in (bruss_y0(), sol.y[:, sol.t.size // 2], sol.y[:, -1]):
        rows, cols = bruss_jacobian(y).nonzero()
        assert rows.size and pattern[rows, cols].all()


def test_brusselator_colouring_is_optimal(bruss_colouring):
    pattern = bruss_colouring.pattern
    # Lower and upper bandwidth p = 2, but the band has holes: the row of u_i has no entry
    # at offset -1 (v_{i-1}), the row of v_i none at +1 (u_{i+1}). A full band would hold
    # 2p + 1 = 5 columns in a row and need 5 colours; these rows hold 4.
    assert bandwidths(pattern) == (2, 2) and most_in_a_row(pattern) == 4
    # 4 suffice: u_i takes colour i mod 4 and v_i colour (i + 2) mod 4 (u_i's column meets
    # u_{i+-1}, u_{i+-2} and v_{i-1}, v_i, v_{i+1}, all of other colours)
    by_hand = np.empty(2 * BRUSS_N, dtype=np.intp)
    by_hand[0::2] = np.arange(BRUSS_N) % 4
    by_hand[1::2] = (np.arange(BRUSS_N) + 2) % 4
    assert colours_are_valid(pattern, by_hand)
    # so 4 is the optimum, and the greedy colouring reaches it
    assert bruss_colouring.count == 4
    assert colours_are_valid(pattern, bruss_colouring.colours)


def test_brusselator_jacobian_is_the_hand_derived_one(bruss_colouring, bruss_solves):
    sol = bruss_solves[0]
    for t, y in ((0.0, bruss_y0()), (sol.t[sol.t.size // 2], sol.y[:, sol.t.size // 2]),
                 (sol.t[-1], sol.y[:, -1])):
        got = dn.jacobian(lambda z: brusselator(t, z), y, sparsity=bruss_colouring)
        assert got.nnz == bruss_colouring.pattern.nnz  # every entry of the pattern
        assert_same_jacobian(got, bruss_jacobian(y))


def test_solve_ivp_bdf_with_dualnum_jacobian(bruss_solves):
    sol, reference = bruss_solves
    assert sol.success and reference.success
    assert sol.t[-1] == SPAN[1]
    # the Jacobian only steers the Newton iterations, which BDF runs to a fraction of its
    # tolerance: two solves with Jacobians equal to rounding agree within that tolerance
    bound = TOLERANCES["atol"] + TOLERANCES["rtol"] * np.abs(reference.y[:, -1])
    assert np.all(np.abs(sol.y[:, -1] - reference.y[:, -1]) <= bound)
    # With an exact Jacobian BDF refreshes it only when Newton's iteration stalls: a handful
    # over the whole run (a diagonal-only approximation needs tens of thousands). A wrong
    # Jacobian slows Newton's iteration and costs evaluations: the same work as with the
    # hand-derived one, within 1% (dropping the u-v coupling alone costs 3.6% more).
    assert sol.njev <= 5
    assert sol.nfev <= 1.01 * reference.nfev
