"""Nested calls of the API (README, Conventions: nested derivatives): a call inside the
function that another call differentiates is exact when it does not use the outer call's
variable, and raises TypeError (perturbation confusion) when it does, through a closure or
by returning it, for every pair of API functions, scalars and arrays, at depth 3 and from
several threads at once.

References are analytic: the inner calls differentiate sin (derivatives cos, -sin), the
outer ones x^3 (3x^2, 6x), so a nested result is known in closed form.
"""
import math
import threading

import numpy as np
import pytest

import dualnum as dn
from dualnum import _scalar

CONFUSION = "perturbation confusion"
APIS = ["derivative", "second_derivative", "derivatives", "gradient", "jacobian", "hessian",
        "jvp", "hvp"]
SCALAR_APIS = APIS[:3]
POINTS = {"scalar": 0.5, "array": np.array([0.5, -0.3])}
V = np.array([0.75, -1.25])  # the direction of jvp and hvp

# g and its first and second derivatives, for an elementwise g
SIN = (np.sin, np.cos, lambda t: -np.sin(t))
CUBE = (lambda t: t ** 3, lambda t: 3 * t ** 2, lambda t: 6 * t)


def point(api):
    return POINTS["scalar" if api in SCALAR_APIS else "array"]


def run(api, g, x):
    """The API function ``api`` applied to the elementwise g at x: to g itself (derivative,
    second_derivative, derivatives, jacobian, jvp) or to sum(g) (gradient, hessian, hvp)."""
    total = lambda q: np.sum(g(q))  # noqa: E731
    calls = {
        "derivative": lambda: dn.derivative(g, x),
        "second_derivative": lambda: dn.second_derivative(g, x),
        "derivatives": lambda: dn.derivatives(g, x),
        "gradient": lambda: dn.gradient(total, x), "jacobian": lambda: dn.jacobian(g, x),
        "hessian": lambda: dn.hessian(total, x), "jvp": lambda: dn.jvp(g, x, V),
        "hvp": lambda: dn.hvp(total, x, V),
    }
    return calls[api]()


def reference(api, jet, x):
    """What ``run(api, g, x)`` is for the g whose value and derivatives are jet."""
    g, d1, d2 = (f(x) for f in jet)
    if api in SCALAR_APIS:  # elementwise
        return {"derivative": d1, "second_derivative": d2, "derivatives": (g, d1, d2)}[api]
    return {"gradient": d1, "jacobian": np.diag(d1), "hessian": np.diag(d2), "jvp": d1 * V,
            "hvp": d2 * V}[api]


def total(result):
    """One number from an API result (a float, an array or derivatives' tuple)."""
    return float(np.sum([np.sum(r) for r in result])) if isinstance(result, tuple) \
        else float(np.sum(result))


def assert_close(got, want):
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            assert_close(g, w)
        return
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)


def scaled(value, c):
    return tuple(v * c for v in value) if isinstance(value, tuple) else value * c


def first(v):
    """One element of the outer variable: the scalar itself, or element 0 of an array."""
    return v if isinstance(v, (dn.Dual, dn.HyperDual)) else v[0]


# ---------------------------------------------------------------- every pair of the API
@pytest.mark.parametrize("inner", APIS)
@pytest.mark.parametrize("outer", APIS)
def test_a_nested_call_that_does_not_use_the_outer_variable_is_exact(outer, inner):
    """d/dx [x^3 * (inner result)] = (inner result) * 3x^2, and so on for every pair."""
    inner_total = total(reference(inner, SIN, point(inner)))
    got = run(outer, lambda v: v ** 3 * total(run(inner, dn.sin, point(inner))), point(outer))
    assert_close(got, scaled(reference(outer, CUBE, point(outer)), inner_total))


@pytest.mark.parametrize("inner", APIS)
@pytest.mark.parametrize("outer", APIS)
def test_a_nested_call_whose_function_closes_over_the_outer_variable_raises(outer, inner):
    """Before tags, these mixed the two perturbations and returned wrong numbers."""
    with pytest.raises(TypeError, match=CONFUSION):
        run(outer, lambda v: v ** 3 * total(run(inner, lambda y: dn.sin(y) * first(v),
                                                point(inner))), point(outer))


@pytest.mark.parametrize("inner", APIS)
@pytest.mark.parametrize("outer", APIS)
def test_a_nested_call_whose_function_returns_the_outer_variable_raises(outer, inner):
    """Returning the outer variable (or a value computed from it alone) from the inner
    function: its perturbation belongs to the outer call, so the inner call can neither
    read it as its own derivative nor drop it."""
    def returns_outer(v):
        # times y * 0: a constant of the inner computation, which takes the outer tag
        return lambda y: dn.sin(first(v)) + 0.0 * y
    with pytest.raises(TypeError, match=CONFUSION):
        run(outer, lambda v: v ** 3 * total(run(inner, returns_outer(v), point(inner))),
            point(outer))


def test_the_issue_examples():
    with pytest.raises(TypeError, match=CONFUSION):  # was 2.0; the true answer is 1
        dn.derivative(lambda x: x * dn.derivative(lambda y: x + y, 1.0), 1.0)
    with pytest.raises(TypeError, match=CONFUSION):  # was 0.0, dropping the outer derivative
        dn.derivative(lambda x: dn.derivative(lambda y: x * 2.0, 1.0), 1.0)
    assert dn.derivative(lambda x: x * dn.derivative(dn.sin, 1.0), 1.0) == math.cos(1.0)


# ---------------------------------------------------------------- elementwise arrays
@pytest.mark.parametrize("size", [3, dn.api.BLOCK + 5], ids=["one block", "blocks"])
@pytest.mark.parametrize("inner", SCALAR_APIS)
@pytest.mark.parametrize("outer", SCALAR_APIS)
def test_nested_elementwise_derivatives_over_arrays(outer, inner, size):
    x = np.linspace(0.2, 0.9, size)
    y = np.linspace(-0.4, 0.3, 4)
    inner_total = total(reference(inner, SIN, y))
    got = run(outer, lambda v: v ** 3 * total(run(inner, dn.sin, y)), x)
    assert_close(got, scaled(reference(outer, CUBE, x), inner_total))
    with pytest.raises(TypeError, match=CONFUSION):
        run(outer, lambda v: v ** 3 * total(run(inner, lambda t: dn.sin(t) * first(v), y)), x)


# ---------------------------------------------------------------- depth 3
def test_depth_three_is_exact_where_no_call_uses_an_outer_variable():
    """d/dx [x^2 * d/dp sum(p^2 * d2/dz2 z^3 at 2)] = 2x * sum(2p * 12) at p = (1, -2)."""
    def middle(p):
        return np.sum(p ** 2 * dn.second_derivative(lambda z: z ** 3, 2.0))
    got = dn.derivative(lambda x: x ** 2 * total(dn.gradient(middle, [1.0, -2.0])), 0.5)
    assert got == 2 * 0.5 * (2 * 12.0 * (1.0 - 2.0))
    hess = dn.hessian(lambda q: np.sum(q ** 3) * dn.derivative(
        lambda y: y * total(dn.jvp(np.sin, [0.0, 0.5], [1.0, 1.0])), 1.0), [1.0, 2.0])
    assert_close(hess, np.diag([6.0, 12.0]) * (1.0 + math.cos(0.5)))


@pytest.mark.parametrize("level", ["innermost uses outermost", "innermost uses middle",
                                   "middle uses outermost"])
def test_depth_three_raises_wherever_a_call_uses_an_outer_variable(level):
    def innermost(x, p):
        if level == "innermost uses outermost":
            return lambda z: z ** 3 * x
        return lambda z: z ** 3 * p[0] if level == "innermost uses middle" else z ** 3

    def middle(x):
        scale = x if level == "middle uses outermost" else 1.0
        return lambda p: np.sum(p ** 2) * scale * dn.second_derivative(innermost(x, p), 2.0)
    with pytest.raises(TypeError, match=CONFUSION):
        dn.derivative(lambda x: x ** 2 * total(dn.gradient(middle(x), [1.0, -2.0])), 0.5)


# ---------------------------------------------------------------- by hand, constants
def test_numbers_built_by_hand_are_a_computation_of_their_own():
    with pytest.raises(TypeError, match="built by hand"):
        dn.derivative(lambda x: x * dn.Dual(2.0, 1.0), 1.0)
    with pytest.raises(TypeError, match="built by hand"):
        dn.gradient(lambda p: np.sum(p * dn.DualArray([1.0, 2.0], 1.0)), [1.0, 2.0])
    with pytest.raises(TypeError, match="built by hand"):
        dn.derivative(lambda x: dn.Dual(2.0, 1.0), 1.0)  # nothing to read as f'
    # without a perturbation a number built by hand is a constant, of every computation
    assert dn.derivative(lambda x: x * dn.Dual(2.0, 0.0), 1.0) == 2.0
    assert dn.derivative(lambda x: dn.Dual(2.0), 1.0) == 0.0
    np.testing.assert_array_equal(
        dn.gradient(lambda p: np.sum(p * dn.DualArray([1.0, 2.0])), [1.0, 2.0]), [1.0, 2.0])


def test_an_outer_value_without_perturbation_is_a_constant_of_the_inner_call():
    """x^2 at x = 0 has a zero dual part, so it is exact to treat it as a constant: the
    nested result is d/dx [x * d/dy (y x^2)] = d/dx x^3 = 0 at 0. In second order its
    eps1eps2 part is 2, not zero, and the same call raises."""
    assert dn.derivative(lambda x: x * dn.derivative(lambda y: y * x ** 2, 1.0), 0.0) == 0.0
    with pytest.raises(TypeError, match=CONFUSION):
        dn.second_derivative(lambda x: x * dn.derivative(lambda y: y * x ** 2, 1.0), 0.0)


def test_a_dual_argument_is_refused_before_anything_is_evaluated():
    calls = []
    with pytest.raises(TypeError, match="does not nest"):
        dn.derivative(lambda x: dn.derivative(calls.append, x), 1.0)
    assert calls == []


# ---------------------------------------------------------------- threads
def _nested_results():
    """A mix of exact nested results and refusals, as (value or error type) per case."""
    out = []
    for outer in APIS:
        for inner in ("derivative", "hessian", "jvp"):
            out.append(total(run(outer, lambda v: v ** 3 * total(run(inner, dn.sin,
                                                                     point(inner))),
                                 point(outer))))
            try:
                run(outer, lambda v: v * total(run(inner, lambda y: dn.sin(y) * first(v),
                                                   point(inner))), point(outer))
                out.append("no error")
            except TypeError as exc:
                out.append(CONFUSION in str(exc))
    return out


def test_tags_are_unique_across_threads():
    per_thread = [[] for _ in range(4)]
    barrier = threading.Barrier(4)

    def take(tags):
        barrier.wait()
        for _ in range(20000):
            tags.append(_scalar.new_tag())
            tags.append(_scalar.seed_dual(1.0, 1.0)._tag)
    threads = [threading.Thread(target=take, args=(t,)) for t in per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [tag for tags in per_thread for tag in tags]
    assert len(set(every)) == len(every) == 4 * 40000


def test_nested_calls_from_four_threads_match_one_thread():
    expected = _nested_results()
    assert expected.count(True) == len(APIS) * 3  # every closure refused
    results = [None] * 4
    barrier = threading.Barrier(4)

    def work(i):
        barrier.wait()
        results[i] = [_nested_results() for _ in range(5)]
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for per_thread in results:
        assert per_thread == [expected] * 5
