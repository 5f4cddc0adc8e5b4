"""The NumPy-twin fast path against the kernel path it replaces.

From their switch on (``elementwise.twin_from``: ``SIMD_MIN_SIZE`` elements, or later for the
rules whose kernel stays faster), the rules that have a NumPy twin (dualnum/_jets.py,
translated from the rule table by src/generate.py) are evaluated by the twin and the number
type's chain rule instead of the C kernel. Both must give the same parts to NumPy's ulp
bounds, for duals and hyper-duals with general perturbation parts, with and without
directions, on arrays just below and just above the switch; the switch must happen exactly
there, and inside ``sized_as`` (the API's blocks and probe) by the size it sets.

Where the build has vector loops (tests/test_vector.py), a plain array takes those instead
of the twin; the tests here of plain arrays run without them (``no_vector``), as a build
without them does.
"""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import seeded
from dualnum import _jets, rules, ufuncs
from dualnum.arrays import elementwise
from dualnum.arrays._storage import sized_as

# The rules with a NumPy twin: the ones whose C expressions call a C-library function that
# NumPy evaluates with SIMD loops. Pinned here so that a change of the generator's
# translation shows up.
TWINS = {
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "cbrt", "tan",
    "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh",
    "floor", "ceil", "rint", "trunc",
}
# The twins of the rules with the derivative 0 (their values exact in C and in NumPy): the
# same parts as their kernels, bit for bit.
STEPS = ("floor", "ceil", "rint", "trunc")
RULES = {r.name: r for r in rules.UNARY}

# NumPy's SIMD loops are within 4 ulp of the correctly rounded result; the C library's
# within 1: a twin's g, g', g'' may differ from the kernel's by a few ulps, and each part
# is a product or sum of them.
ULPS = 16


def test_the_twins_are_the_pinned_set():
    assert set(_jets.JETS) == TWINS


def points(name, n):
    """n points spread over the rule's sample range (inside its domain)."""
    lo, hi = min(RULES[name].samples), max(RULES[name].samples)
    return np.linspace(lo, hi, n)


def term_scales(name, x, T, a):
    """For each perturbation part, the magnitude of the terms the chain rule adds: the
    tolerance is a few ulps of those (a sum of terms may cancel to far less)."""
    _, f1, f2 = getattr(ufuncs, "jet_" + name)(x)
    if T is dn.DualArray:
        return [np.abs(f1[..., None] * a._parts[1])]
    _, b, c, d = a._parts
    g1 = np.abs(f1)[..., None]
    cross = np.abs(f2)[..., None, None] * np.abs(b[..., :, None] * c[..., None, :])
    return [g1 * np.abs(b), g1 * np.abs(c), g1[..., None] * np.abs(d) + cross]


def kernel_parts(T, name, a):
    return elementwise.kernel(T, name)(*a._parts)


@pytest.fixture(autouse=True)
def no_vector():
    """Every test here runs without the vector loops, as in a build without them."""
    with elementwise.vector_loops(False):
        yield


@pytest.fixture
def calls(monkeypatch):
    """Counts the evaluations of each twin."""
    counted = {}

    def spy(name, twin):
        def first(x):
            counted[name] = counted.get(name, 0) + 1
            return twin[0](x)

        def second(x):
            counted[name] = counted.get(name, 0) + 1
            return twin[1](x)
        return first, second
    for name, twin in list(_jets.JETS.items()):
        monkeypatch.setitem(_jets.JETS, name, spy(name, twin))
    return counted


@pytest.mark.parametrize("directional", [False, True], ids=["plain", "directions"])
@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", sorted(TWINS))
def test_twin_and_kernel_agree_across_the_switch(name, T, directional, calls):
    rng = np.random.default_rng(7)
    ufunc = getattr(np, RULES[name].numpy)
    at = elementwise.twin_from(name)
    assert at >= elementwise.SIMD_MIN_SIZE
    for n in (at - 1, at):
        x = points(name, n)
        a = seeded(T, x, directional, rng)
        got = ufunc(a)
        assert calls.pop(name, 0) == (n >= at)  # the twin serves exactly from the switch on
        want = kernel_parts(T, name, a)
        if n < at:  # the kernel path itself: identical
            for g, w in zip(got._parts, want):
                np.testing.assert_array_equal(g, w)
            continue
        np.testing.assert_array_max_ulp(got._parts[0], want[0], maxulp=ULPS)
        for g, w, scale in zip(got._parts[1:], want[1:], term_scales(name, x, T, a)):
            assert g.shape == w.shape
            tolerance = ULPS * np.finfo(float).eps * scale
            np.testing.assert_array_less(np.abs(g - w), tolerance + 1e-300)
            assert np.all(g[::7] == 0.0)  # the constant elements (see seeded)


def test_rules_without_a_twin_take_the_kernel_at_every_size(calls):
    x = dn.HyperDualArray(np.linspace(0.1, 2.0, 2 * elementwise.EVERY_TWIN), 1.0, 0.5, 0.25)
    for name in ("sin", "sqrt", "square", "reciprocal", "erf", "gamma"):
        got = getattr(dn, name)(x)
        for g, w in zip(got._parts, kernel_parts(dn.HyperDualArray, name, x)):
            np.testing.assert_array_equal(g, w)
    assert calls == {}


@pytest.mark.parametrize("directional", [False, True], ids=["plain", "directions"])
@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", STEPS)
def test_the_step_twins_give_the_kernels_bits(name, T, directional, calls):
    """Also at the half-integers, at -0.0, inf and NaN, and where a perturbation part is
    -0.0, inf or NaN (0 times it: the zero guard's NaN, -0.0)."""
    rng = np.random.default_rng(11)
    x = np.resize([-2.5, -0.5, -0.0, 0.5, 1.5, 2.5, np.inf, -np.inf, np.nan, 0.7],
                  elementwise.twin_from(name))
    a = seeded(T, x, directional, rng)
    for p in a._parts[1:]:
        p.reshape(-1)[:12] = [-0.0, np.inf, -np.inf, np.nan, 0.0, -1.0] * 2
    with np.errstate(invalid="ignore"):  # 0 * inf: NaN on both paths
        got, want = getattr(np, name)(a), kernel_parts(T, name, a)
    assert calls.pop(name) == 1
    for g, w in zip(got._parts, want):
        np.testing.assert_array_equal(g, w)
        # the sign of a zero part (0 * d + 0 * b c: the derivatives of a step are 0) follows
        # the compiler's evaluation order, which instrumented builds change
        number = (w != 0) & ~np.isnan(w)
        np.testing.assert_array_equal(np.signbit(g)[number], np.signbit(w)[number])


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda T: T.__name__)
def test_sized_as_sets_the_path_of_a_smaller_array(T, calls):
    """Inside sized_as(n) an array takes the path of an array of n elements: the twin for
    a few elements, the kernel for many."""
    small = seeded(T, points("log", 20), False, np.random.default_rng(3))
    large = seeded(T, points("log", elementwise.twin_from("log")), False, np.random.default_rng(4))
    with sized_as(elementwise.twin_from("log")):
        np.log(small)
    assert calls.pop("log") == 1
    with sized_as(elementwise.twin_from("log") - 1):
        got = np.log(large)
    assert calls == {}
    for g, w in zip(got._parts, kernel_parts(T, "log", large)):
        np.testing.assert_array_equal(g, w)


def test_the_probe_takes_the_path_of_x(monkeypatch):
    """An f the API probes (indexing moves elements): x of the log twin's size runs the
    twin, and so does the probe of a few hundred of its elements, so that both round alike
    (one twin call each)."""
    sizes = []
    twin = _jets.JETS["log"]
    monkeypatch.setitem(_jets.JETS, "log",
                        (lambda x: sizes.append(x.size) or twin[0](x), twin[1]))
    n = elementwise.twin_from("log")
    dn.derivative(lambda t: np.log(t[...]), points("log", n))
    assert sizes[0] == n and len(sizes) == 2 and sizes[1] < n


@pytest.mark.parametrize("T", [dn.DualArray, dn.HyperDualArray], ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", sorted(TWINS))
def test_a_unit_seed_takes_no_multiply_and_the_same_bits(name, T, monkeypatch):
    """The API's seeds (parts viewing the read-only ones and zeros) skip the chain rule's
    multiply: the parts are g', g' and g'' + 0.0 themselves. The same bits as the chain
    rule on parts of equal values in memory of their own, at NaN, infinities, signed
    zeros and outside the domain too, and parts that share no memory."""
    from dualnum import api
    from dualnum.arrays import container
    n = elementwise.twin_from(name)
    x = points(name, n)
    x[:7] = [np.nan, np.inf, -np.inf, -0.0, 0.0, -3.0, 40.0]
    seeds = (1.0,) if T is dn.DualArray else (1.0, 1.0)
    unit = api._seed(x, *seeds, tag=api.new_tag())
    general = unit._with_parts([p.copy() for p in unit._parts])
    multiplies = []
    for fname in ("scale", "chain_hyper"):
        original = getattr(ufuncs, fname)
        monkeypatch.setattr(ufuncs, fname,
                            lambda *a, _f=original: multiplies.append(1) or _f(*a))
    monkeypatch.setattr(container, "scaled",
                        lambda *a, _f=container.scaled: multiplies.append(1) or _f(*a))
    ufunc = getattr(np, RULES[name].numpy)
    with np.errstate(all="ignore"):
        got = ufunc(unit)
        assert multiplies == []
        want = ufunc(general)
        assert multiplies
    for g, w in zip(got._parts, want._parts):
        np.testing.assert_array_equal(g, w)
        np.testing.assert_array_equal(np.signbit(g), np.signbit(w))
    assert not any(np.shares_memory(p, q) for i, p in enumerate(got._parts)
                   for q in got._parts[i + 1:])


def test_the_twins_hypot_is_numpys_to_an_ulp():
    """The twins' hypot (sqrt of a sum of squares on NumPy's SIMD loops where that sum can
    neither overflow nor underflow, np.hypot elsewhere): within 1 ulp of np.hypot from 1e-200
    to 1e300, np.hypot's own values at 0, subnormals, inf, NaN and beyond, no warning."""
    rng = np.random.default_rng(8)
    special = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 5e-324, 1.7e308, -1e160])
    for scale in (1e-200, 1e-150, 1e-5, 1.0, 1e5, 1e150, 1e160, 1e300):
        a = np.concatenate([rng.standard_normal(2000) * scale, special])
        for got, want in ((_jets._hypot(1.0, a), np.hypot(1.0, a)),
                          (_jets._hypot(a, 0.3 * a), np.hypot(a, 0.3 * a)),
                          (_jets._hypot(a, np.inf), np.hypot(a, np.inf))):
            np.testing.assert_array_max_ulp(got, want, maxulp=1)
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
