"""The direct kernel calls of dual arrays (src/_storage.pyx): NumPy's one-operand ufuncs and
the products and quotients of arrays of one layout call their rule's loop without NumPy's
ufunc machinery. Each is compared, bit for bit, with the kernel called as a ufunc (the slow
path), for duals and hyper-duals, with and without directions, at sizes on both sides of
the twin threshold; the layouts that must not take it (views, kept squares, hyper-duals
with one direction of each kind) are checked to give the slow path's results; and the
floating-point exceptions reach NumPy's warnings and np.errstate as before."""
import warnings

import numpy as np
import pytest

import dualnum as dn
from dualnum import rules, ufuncs
from dualnum.arrays import _registry, elementwise

RNG = np.random.default_rng(7)
UNARY = sorted(_registry.DIRECT, key=lambda u: u.__name__)
RULE = {u: _registry.DIRECT[u][0] for u in UNARY}
DOMAIN = {r.name: r.domain for r in rules.UNARY}


def points(rule, shape):
    """Points inside the rule's domain (arccosh: x >= 1; arcsin, arctanh: |x| < 1; log, sqrt:
    x > 0), so that no floating-point exception sends the call down the slow path."""
    u = RNG.uniform(0.1, 0.9, shape)
    if rule == "arccosh":
        return 1.0 + u
    if rule in ("sinh", "cosh", "exp", "exp2", "expm1", "tan"):
        return u
    if rule in ("arcsin", "arccos", "arctanh", "log", "log10", "log2", "log1p", "sqrt",
                "cbrt", "reciprocal", "arcsinh", "arctan", "tanh", "sin", "cos", "square"):
        return u
    return 3.0 * u   # ceil, floor, rint, sign, trunc: away from their steps


def dual(real, k=None):
    shape = real.shape + ((k,) if k else ())
    return dn.DualArray(real, RNG.normal(size=shape), directional=bool(k))


def hyper(real, k=None, m=None):
    if k:
        return dn.HyperDualArray(real, RNG.normal(size=real.shape + (k,)),
                                 RNG.normal(size=real.shape + (m,)),
                                 RNG.normal(size=real.shape + (k, m)), directional=True)
    return dn.HyperDualArray(real, *(RNG.normal(size=real.shape) for _ in range(3)))


def slow(ufunc_name, x, *more):
    """The kernel called as a generalized ufunc, NumPy's machinery and all."""
    kernel = elementwise.kernel(type(x), ufunc_name)
    parts = x._parts + tuple(p for y in more for p in y._parts)
    with np.errstate(all="ignore"):   # the call under test has reported them
        return kernel(*parts)


def same_bits(got, want):
    for g, w in zip(got._parts, want, strict=True):
        assert g.shape == w.shape
        assert g.tobytes() == np.ascontiguousarray(w).tobytes()


LAYOUTS = {
    "dual": lambda r: dual(r), "dual, 3 directions": lambda r: dual(r, 3),
    "hyper": lambda r: hyper(r), "hyper, 2 x 3 directions": lambda r: hyper(r, 2, 3),
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("ufunc", UNARY, ids=lambda u: u.__name__)
@pytest.mark.parametrize("shape", [(1,), (7,), (4, 5), (elementwise.SIMD_MIN_SIZE - 1,)])
def test_a_direct_call_is_the_kernel_bit_for_bit(ufunc, layout, shape):
    x = LAYOUTS[layout](points(RULE[ufunc], shape))
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # inside the domain: no exception, the direct path
        got = ufunc(x)
    assert type(got) is type(x) and got._directional == x._directional and got._tag == x._tag
    same_bits(got, slow(RULE[ufunc], x))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("op, rule", [(np.multiply, "multiply"), (np.divide, "divide")])
@pytest.mark.parametrize("shape", [(1,), (9,), (3, 4), (2000,)])
def test_products_and_quotients_of_one_layout_are_the_kernel_bit_for_bit(op, rule, layout,
                                                                          shape):
    x = LAYOUTS[layout](RNG.uniform(0.5, 2.0, shape))
    y = x._with_parts([RNG.uniform(0.5, 2.0, p.shape) for p in x._parts])
    for got in (op(x, y), {np.multiply: x.__mul__, np.divide: x.__truediv__}[op](y)):
        same_bits(got, slow(rule, x, y))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_x_squared_is_the_square_kernel_bit_for_bit(layout):
    x = LAYOUTS[layout](RNG.uniform(-2.0, 2.0, (30,)))
    same_bits(x ** 2, slow("square", x))
    same_bits(x ** 2.0, slow("square", x))


def test_the_direct_path_is_taken_and_the_slow_one_is_left(monkeypatch):
    """The direct call does not go through the registered implementation; a view (not
    contiguous) does, and so do a kept square and a 0-d array."""
    calls = []
    original = _registry.UFUNCS[np.sin]
    monkeypatch.setitem(_registry.UFUNCS, np.sin,
                        lambda *a: calls.append(1) or original(*a))
    x = dual(points("sin", (10,)))
    np.sin(x)
    assert calls == []
    np.sin(x[::2])                                   # a strided view
    np.sin(dn.DualArray(np.asfortranarray(RNG.random((3, 4))), 1.0))   # Fortran order
    np.sin(dn.DualArray(np.array(0.5), 1.0))         # 0-d
    np.sin(abs(x))                                   # a kept square
    assert len(calls) == 4
    twin = next(u for u in UNARY if RULE[u] in elementwise._JETS)   # at its twin's size
    original_twin = _registry.UFUNCS[twin]
    monkeypatch.setitem(_registry.UFUNCS, twin, lambda *a: calls.append(1) or original_twin(*a))
    at = elementwise.twin_from(RULE[twin])
    with elementwise.vector_loops(False):
        twin(dual(points(RULE[twin], (at - 1,))))
        assert len(calls) == 4
        twin(dual(points(RULE[twin], (at,))))
        assert len(calls) == 5
    # with the vector loops, a plain array calls its vector loop directly from vector_from
    # on; an array with directions takes the twin
    if RULE[twin] in elementwise.VECTOR:
        at = elementwise.vector_from(RULE[twin])
        assert at == elementwise.SIMD_MIN_SIZE
        twin(dual(points(RULE[twin], (at,))))
        assert len(calls) == 5
        x = points(RULE[twin], (elementwise.twin_from(RULE[twin]),))
        twin(dn.DualArray(x, np.ones(x.shape + (2,)), directional=True))
        assert len(calls) == 6


@pytest.mark.parametrize("make", [lambda r: r[::2], lambda r: r.T, lambda r: r])
def test_what_takes_the_slow_path_still_agrees(make):
    base = RNG.uniform(0.1, 0.9, (6, 6))
    x = dn.DualArray(make(base), make(RNG.normal(size=(6, 6))))
    y = dn.DualArray(np.ascontiguousarray(x.real), np.ascontiguousarray(x.dual))
    for ufunc in (np.sin, np.exp, np.log):
        a, b = ufunc(x), ufunc(y)
        assert np.array_equal(a.real, b.real) and np.array_equal(a.dual, b.dual)


def test_a_hyper_dual_with_one_direction_of_each_kind_keeps_its_padding():
    """elementwise.apply pads such an array to two eps1 directions (its kernels read a 1 x 1
    block as one variable): the direct call leaves it to apply."""
    r = RNG.uniform(0.1, 0.9, 5)
    x = dn.HyperDualArray(r, np.ones((5, 1)), np.full((5, 1), 2.0), np.zeros((5, 1, 1)),
                          directional=True)
    got = np.sin(x)
    np.testing.assert_array_equal(got.eps1[:, 0], np.cos(r))
    np.testing.assert_array_equal(got.eps1eps2[:, 0, 0], -np.sin(r) * 2.0)


@pytest.mark.parametrize("ufunc, at, word", [
    (np.log, 0.0, "divide by zero"), (np.log, -1.0, "invalid value"),
    (np.exp, 1000.0, "overflow"), (np.sqrt, -1.0, "invalid value"),
    (np.arccosh, 0.5, "invalid value")])
def test_floating_point_exceptions_reach_numpy_as_before(ufunc, at, word):
    x = dn.DualArray(np.array([0.5, at, 2.0]), 1.0) if ufunc is not np.arccosh else \
        dn.DualArray(np.array([1.5, at]), 1.0)
    with pytest.warns(RuntimeWarning, match=word):
        got = ufunc(x)
    same_bits(got, slow(RULE[ufunc], x))
    with np.errstate(all="raise"), pytest.raises(FloatingPointError, match=word):
        ufunc(x)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        ufunc(x)


def test_underflow_honours_errstate():
    x = dn.DualArray(np.array([-800.0, 0.0]), 1.0)
    with np.errstate(under="raise"), pytest.raises(FloatingPointError, match="underflow"):
        np.exp(x)
    same_bits(np.exp(x), slow("exp", x))


def test_a_quotient_by_zero_warns_through_the_direct_call():
    x = dn.DualArray(np.array([1.0, 2.0]), 1.0)
    y = x._with_parts([np.array([0.0, 1.0]), np.ones((2, 1))])
    with pytest.warns(RuntimeWarning) as record:
        got = x / y
    assert any("divide by zero" in str(w.message) for w in record)
    same_bits(got, slow("divide", x, y))


def test_every_direct_ufunc_is_a_rule_of_one_operand_with_a_kernel():
    assert len(UNARY) >= 25 and np.absolute not in _registry.DIRECT
    for ufunc in UNARY:
        name, twin_from, vector_from = _registry.DIRECT[ufunc]
        assert getattr(np, next(r.numpy for r in rules.UNARY if r.name == name)) is ufunc
        assert hasattr(ufuncs, "dual_" + name) and hasattr(ufuncs, "hyper_" + name)
        if name in elementwise._JETS:
            assert elementwise.SIMD_MIN_SIZE <= twin_from <= elementwise.EVERY_TWIN
        else:
            assert twin_from == __import__("sys").maxsize
        if name in ufuncs.VECTOR:
            assert vector_from == elementwise.SIMD_MIN_SIZE
        else:
            assert vector_from == __import__("sys").maxsize
