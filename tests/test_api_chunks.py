"""How gradient and jacobian split the directions of many inputs into passes
(dualnum.api: one pass up to CHUNK inputs; beyond, a first pass of one direction, then
CHUNK_ELEMENTS // S directions a pass for f's largest dual intermediate of S elements):
the passes f receives, and the results across pass boundaries against closed forms.
"""
import numpy as np
import pytest

import dualnum as dn
from dualnum import api


def recording(f, seen):
    def g(p):
        seen.append(p.directions)
        return f(p)
    return g


def spread(p):
    """sum over a (n, 10) intermediate of p: S = 10 n; gradient 10 everywhere."""
    return np.sum(p[:, None] * np.ones(10))


@pytest.mark.parametrize("n", [1, 2, api.CHUNK - 1, api.CHUNK])
def test_up_to_chunk_inputs_take_one_pass(n):
    seen = []
    g = dn.gradient(recording(spread, seen), np.linspace(0.0, 1.0, n))
    assert seen == [n]
    np.testing.assert_array_equal(g, np.full(n, 10.0))


@pytest.mark.parametrize("n", [api.CHUNK + 1, 600, 2000])
def test_more_inputs_take_passes_sized_by_the_intermediates(n):
    seen = []
    g = dn.gradient(recording(spread, seen), np.linspace(0.0, 1.0, n))
    k = min(api.CHUNK, api.CHUNK_ELEMENTS // (10 * n))
    assert seen[0] == 1 and set(seen[1:-1]) <= {k} and 1 <= seen[-1] <= k
    assert sum(seen) == n and len(seen) == 1 + -(-(n - 1) // k)
    np.testing.assert_array_equal(g, np.full(n, 10.0))


def test_intermediates_beyond_the_budget_take_one_direction_a_pass(monkeypatch):
    monkeypatch.setattr(api, "CHUNK_ELEMENTS", 64)
    seen = []
    x = np.linspace(0.0, 1.0, api.CHUNK + 3)
    dn.gradient(recording(spread, seen), x)
    assert seen == [1] * x.size


@pytest.mark.parametrize("budget", [7 * 300, 40 * 300, 1 << 30])
def test_a_jacobian_across_passes_matches_its_closed_form(monkeypatch, budget):
    """f(x) = tanh(W x), whose largest dual array is x itself (313 elements: 6, 38 or
    CHUNK directions a pass, the last pass shorter): J = diag(1 - tanh(W x)^2) W, to
    rounding."""
    monkeypatch.setattr(api, "CHUNK_ELEMENTS", budget)
    m, n = 300, api.CHUNK + 57
    W = np.cos(np.add.outer(0.7 * np.arange(m), 0.31 * np.arange(n))) / np.sqrt(n)
    x = np.sin(1.3 * np.arange(n))
    seen = []
    J = dn.jacobian(recording(lambda p: np.tanh(W @ p), seen), x)
    assert seen[0] == 1 and max(seen) == min(api.CHUNK, max(1, budget // max(m, n)))
    want = (1.0 - np.tanh(W @ x) ** 2)[:, None] * W
    np.testing.assert_allclose(J, want, rtol=1e-13, atol=1e-15)


def test_an_empty_x_takes_one_empty_pass():
    seen = []
    g = dn.gradient(recording(lambda p: np.sum(p ** 2), seen), np.zeros((0,)))
    assert seen == [0] and g.shape == (0,)


def big_intermediate(p):
    """sum(sin(p c^T)) over a (n, 200) intermediate: passes of 2^19 // (200 n)."""
    c = np.linspace(0.0, 1.0, 200)
    return np.sum(np.sin(p[:, None] * c[None, :]))


def big_gradient(p):
    c = np.linspace(0.0, 1.0, 200)
    return np.sum(np.cos(p[:, None] * c[None, :]) * c[None, :], axis=1)


def test_a_nested_call_does_not_change_the_outer_passes():
    """f calls gradient on a variable of its own: the outer passes are sized by the outer
    computation's arrays alone, as without the inner call."""
    x = np.linspace(0.1, 1.0, 300)
    alone, nested = [], []
    g = dn.gradient(recording(big_intermediate, alone), x)

    def with_inner(p):
        inner = dn.gradient(lambda z: np.sum(z ** 2), np.linspace(0.0, 1.0, 5)).sum()
        return big_intermediate(p) + 0.0 * inner
    h = dn.gradient(recording(with_inner, nested), x)
    assert nested == alone and alone[1] == api.CHUNK_ELEMENTS // (300 * 200)
    np.testing.assert_array_equal(g, h)
    np.testing.assert_allclose(g, big_gradient(x), rtol=1e-13)


def test_another_thread_does_not_change_the_passes():
    import threading
    x = np.linspace(0.1, 1.0, 300)
    alone = []
    want = dn.gradient(recording(big_intermediate, alone), x)
    stop = threading.Event()

    def other():
        while not stop.is_set():
            dn.gradient(lambda z: np.sum(z ** 2), np.ones(300))
    worker = threading.Thread(target=other)
    worker.start()
    try:
        for _ in range(3):
            seen = []
            np.testing.assert_array_equal(dn.gradient(recording(big_intermediate, seen), x),
                                          want)
            assert seen == alone
    finally:
        stop.set()
        worker.join()


@pytest.mark.parametrize("n", [5, api.CHUNK + 1])
def test_f_that_returns_none_is_refused(n):
    """A forgotten return: TypeError naming what f returned, from every entry point (the
    compiled common case must not read None as its own answer)."""
    def f(t):
        np.sum(t ** 2)
    x = np.linspace(0.1, 1.0, n)
    for call in (lambda: dn.gradient(f, x), lambda: dn.jacobian(f, x),
                 lambda: dn.jvp(f, x, np.ones(n)), lambda: dn.jvp(f, 0.5, 1.0),
                 lambda: dn.hvp(f, x, np.ones(n))):
        with pytest.raises(TypeError, match="NoneType"):
            call()


def test_a_result_that_changes_shape_between_passes_is_refused():
    calls = []

    def f(p):
        calls.append(1)
        return p[:3] if len(calls) == 1 else p[:4]
    with pytest.raises(ValueError, match=r"shape \(3,\) on one evaluation and \(4,\)"):
        dn.jacobian(f, np.ones(api.CHUNK + 1))


@pytest.mark.parametrize("n", [7, api.CHUNK + 3, 700])
def test_hvp_takes_passes_like_the_gradient(n):
    """H v of Rosenbrock's function against scipy's Hessian, in one pass up to CHUNK
    inputs, beyond that a first pass of one direction and then passes sized by f's
    intermediates."""
    from scipy.optimize import rosen_hess

    def rosen(p):
        return np.sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1.0 - p[:-1]) ** 2)
    x = np.sin(0.7 * np.arange(n)) + 0.3
    v = np.cos(1.1 * np.arange(n))
    seen = []
    got = dn.hvp(recording(rosen, seen), x, v)
    want = rosen_hess(x) @ v
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12 * np.abs(want).max())
    if n <= api.CHUNK:
        assert seen == [(1, n)]
    else:
        k = min(api.CHUNK, api.CHUNK_ELEMENTS // n)
        assert seen[0] == (1, 1) and {s[1] for s in seen[1:-1]} <= {k}
        assert sum(s[1] for s in seen) == n


def rosen_np(p):
    return np.sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1.0 - p[:-1]) ** 2)


@pytest.mark.parametrize("budget, n", [(1 << 30, 16), (1 << 30, 40), (3 * 40, 40),
                                       (40, 40), (7 * 53, 53)])
def test_hessian_blocks_sized_by_the_intermediates(monkeypatch, budget, n):
    """Up to HESSIAN_CHUNK inputs one pass; beyond, a first pass of one pair of directions,
    then blocks of m columns and R rows with R m <= CHUNK_ELEMENTS // S (S: the largest dual
    array, here x itself): the Hessian against scipy's, exactly symmetric, every entry
    written."""
    from scipy.optimize import rosen_hess
    monkeypatch.setattr(api, "CHUNK_ELEMENTS", budget)
    x = np.sin(0.9 * np.arange(n)) + 0.2
    seen = []
    H = dn.hessian(recording(rosen_np, seen), x)
    want = rosen_hess(x)
    np.testing.assert_allclose(H, want, rtol=1e-12, atol=1e-12 * np.abs(want).max())
    np.testing.assert_array_equal(H, H.T)
    if n <= api.HESSIAN_CHUNK:
        assert seen == [(n, n)]
        return
    limit = budget // n
    assert seen[0] == (1, 1)
    assert all(r * m <= max(limit, 1) and m <= api.HESSIAN_CHUNK for r, m in seen[1:])


def test_an_empty_x_has_an_empty_hessian_without_calling_f():
    seen = []
    H = dn.hessian(recording(lambda p: np.sum(p ** 2), seen), np.zeros(0))
    assert H.shape == (0, 0) and seen == []


@pytest.mark.parametrize("n", [6, api.CHUNK + 9])
def test_the_compiled_pass_reads_what_the_general_reading_reads(n):
    """f returning its dual array (read by the compiled evaluate_seeded) and the same array
    in a list (read by _extract): the same bits, for gradient, jacobian and jvp."""
    x = np.linspace(0.2, 1.1, n)
    v = np.cos(np.arange(n, dtype=float))
    vector = lambda p: np.sin(p) * p[::-1]  # noqa: E731
    listed = lambda p: [vector(p)]  # noqa: E731
    np.testing.assert_array_equal(dn.jacobian(vector, x), dn.jacobian(listed, x)[0])
    np.testing.assert_array_equal(dn.jvp(vector, x, v), dn.jvp(listed, x, v)[0])
    scalar = lambda p: np.sum(vector(p))  # noqa: E731
    np.testing.assert_array_equal(dn.gradient(scalar, x),
                                  dn.jacobian(lambda p: [scalar(p)], x)[0])
