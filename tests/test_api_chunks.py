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
