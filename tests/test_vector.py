"""The vector loops (src/vector_loops.h) against the kernels they stand in for.

Where the build has them (``dualnum.ufuncs.VECTOR``), a plain dual or hyper-dual array (one
without directions) of ``SIMD_MIN_SIZE`` elements or more evaluates each rule that has a
NumPy twin by its vector loop: the rule and its chain rule in one pass over memory, with the
C library's SIMD variants of exp, log, tanh, ... Checked here: which builds have them; the
switch (the kernel's own bits below it, the kernel's parts to the twins' ulp bound from it
on) for duals and hyper-duals with general parts and constant elements; special values and
points outside the domain; bits that do not depend on an element's place, the array's length,
alignment or strides; dual and hyper-dual arrays rounding alike (so ``derivative`` is
``derivatives[1]`` bit for bit); NumPy's warnings; arrays with directions keeping the twin.
"""
import platform
import sys

import numpy as np
import pytest

import dualnum as dn
from arrays_support import seeded
from dualnum import _jets, ufuncs
from dualnum.arrays import elementwise
from test_twins import RULES, ULPS, kernel_parts, points, term_scales

VECTOR = sorted(ufuncs.VECTOR)
needs_vector = pytest.mark.skipif(not VECTOR, reason="a build without vector loops")
TYPES = [dn.DualArray, dn.HyperDualArray]
SWITCH = elementwise.SIMD_MIN_SIZE
WITH_VECTOR = set(_jets.JETS) | {"sin", "cos"}


def glibc_version():
    name, version = platform.libc_ver()
    if name != "glibc":
        return None
    return tuple(int(v) for v in version.split(".")[:2])


def test_the_build_has_vector_loops_where_the_c_library_does():
    """GCC on x86-64 Linux with glibc 2.35 or later (libmvec's exp, tanh, asinh, ...): every
    rule with a twin has one, and sin and cos (whose C expressions call nothing else); on
    other builds none or those."""
    assert set(VECTOR) <= WITH_VECTOR
    libc = glibc_version()
    if sys.platform == "linux" and platform.machine() == "x86_64" and libc and libc >= (2, 35):
        assert set(VECTOR) == WITH_VECTOR


def vector_parts(T, name, a):
    return elementwise.vector_kernel(T, name)(*a._parts)


def assert_within_ulps(name, T, x, a, got, want):
    """got's parts are want's (the kernel's) to the twins' ulp bound: the values in ulps, the
    perturbation parts to ULPS ulps of the terms the chain rule adds; zero parts exactly 0."""
    np.testing.assert_array_max_ulp(got[0], want[0], maxulp=ULPS)
    for g, w, scale in zip(got[1:], want[1:], term_scales(name, x, T, a)):
        assert g.shape == w.shape
        np.testing.assert_array_less(np.abs(g - w), ULPS * np.finfo(float).eps * scale + 1e-300)


@needs_vector
@pytest.mark.parametrize("T", TYPES, ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", VECTOR)
def test_vector_loop_and_kernel_agree_across_the_switch(name, T):
    rng = np.random.default_rng(5)
    ufunc = getattr(np, RULES[name].numpy)
    for n in (SWITCH - 1, SWITCH, 3 * SWITCH + 5):
        x = points(name, n)
        a = seeded(T, x, False, rng)
        got = ufunc(a)._parts
        want = kernel_parts(T, name, a)
        if n < SWITCH:  # the kernel itself
            for g, w in zip(got, want):
                np.testing.assert_array_equal(g, w)
            continue
        for g, v in zip(got, vector_parts(T, name, a)):  # the vector loop, called directly
            assert g.tobytes() == v.tobytes()
        assert_within_ulps(name, T, x, a, got, want)
        for g in got[1:]:
            assert np.all(g[::7] == 0.0)  # the constant elements (see seeded)


SPECIAL = [np.nan, np.inf, -np.inf, -0.0, 0.0, -3.0, 40.0, 800.0, -800.0, 1e-310, 1.0, -1.0]


@needs_vector
@pytest.mark.parametrize("T", TYPES, ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", VECTOR)
def test_special_values_and_outside_the_domain(name, T):
    """NaN, infinities, signed zeros, subnormals, overflow and points outside the domain,
    with parts 0, -0.0, inf and NaN: NaN where the kernel gives NaN, the kernel's infinities
    and zeros, and finite parts to the ulp bound."""
    rng = np.random.default_rng(9)
    x = points(name, 4 * SWITCH)
    x[:len(SPECIAL)] = SPECIAL
    a = seeded(T, x, False, rng)
    for p in a._parts[1:]:
        p.reshape(-1)[len(SPECIAL):len(SPECIAL) + 12] = [-0.0, np.inf, -np.inf, np.nan, 0.0,
                                                         -1.0] * 2
    with np.errstate(all="ignore"):
        got, want = vector_parts(T, name, a), kernel_parts(T, name, a)
        scales = [np.ones_like(x)] + term_scales(name, x, T, a)
    for g, w, scale in zip(got, want, scales):
        np.testing.assert_array_equal(np.isnan(g), np.isnan(w))
        infinite = np.isinf(w)
        np.testing.assert_array_equal(g[infinite], w[infinite])
        np.testing.assert_array_equal(g[w == 0.0], 0.0)
        finite = np.isfinite(w) & np.isfinite(scale)
        if g is got[0]:
            np.testing.assert_array_max_ulp(g[finite], w[finite], maxulp=ULPS)
        else:
            error = np.abs(g[finite] - w[finite])
            np.testing.assert_array_less(error, ULPS * np.finfo(float).eps * scale[finite]
                                         + 1e-300)


@needs_vector
@pytest.mark.parametrize("T", TYPES, ids=lambda T: T.__name__)
@pytest.mark.parametrize("name", VECTOR)
def test_an_elements_bits_do_not_depend_on_its_place(name, T):
    """The same parts for an element wherever it lies: at every offset (so every alignment)
    and in arrays of every length from 1 to 17 (every tail), reversed, strided, in 2-D."""
    rng = np.random.default_rng(3)
    x = points(name, 1003)
    a = seeded(T, x, False, rng)
    run = elementwise.vector_kernel(T, name)
    full = run(*a._parts)
    pieces = [slice(1, None), slice(None, None, -1), slice(0, None, 3), slice(2, 700, 5)]
    pieces += [slice(start, start + length) for start in (0, 1, 5) for length in range(1, 18)]
    for piece in pieces:
        for g, w in zip(run(*[p[piece] for p in a._parts]), full):
            assert g.tobytes() == w[piece].tobytes(), piece
    square = [p[:1000].reshape((25, 40) + p.shape[1:]) for p in a._parts]
    for g, w in zip(run(*[np.swapaxes(p, 0, 1) for p in square]), full):
        assert np.swapaxes(g, 0, 1).reshape(w[:1000].shape).tobytes() == w[:1000].tobytes()


@needs_vector
@pytest.mark.parametrize("n", [SWITCH, 1000, 5000, 200_003])
@pytest.mark.parametrize("name", VECTOR)
def test_derivative_and_derivatives_round_alike(name, n):
    """Dual and hyper-dual vector loops give each element the same g and g', as the kernels
    do: the API's three entry points agree bit for bit, also across its blocks."""
    ufunc = getattr(np, RULES[name].numpy)
    x = points(name, n)
    value, first, second = dn.derivatives(ufunc, x)
    assert dn.derivative(ufunc, x).tobytes() == first.tobytes()
    assert dn.second_derivative(ufunc, x).tobytes() == second.tobytes()
    with np.errstate(all="ignore"):
        assert value.tobytes() == ufunc(dn.DualArray(x, 1.0)).real.tobytes()


@needs_vector
def test_a_floating_point_exception_goes_through_numpy_with_its_warning():
    """The direct call of a vector loop that raises a floating-point flag (log(0)) is made
    again through NumPy, which warns as for any float array, with the same parts."""
    x = np.linspace(0.0, 2.0, 2 * SWITCH)
    a = dn.DualArray(x, 1.0)
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        got = np.log(a)
    with np.errstate(divide="ignore"):
        want = ufuncs.vector_dual_log(x, np.ones((x.size, 1)))
    for g, w in zip(got._parts, want):
        assert g.tobytes() == w.tobytes()


@needs_vector
@pytest.mark.parametrize("T", TYPES, ids=lambda T: T.__name__)
def test_arrays_with_directions_keep_the_twin(T):
    """The vector loops serve plain arrays; an array with directions takes the twin from
    its switch on (tests/test_twins.py), and a vector loop handed one runs the rule's
    general loop, within the ulp bound of the kernel."""
    rng = np.random.default_rng(4)
    for name in ("exp", "arcsinh"):
        x = points(name, max(elementwise.twin_from(name), SWITCH))
        a = seeded(T, x, True, rng)
        twin = a._chain(_jets.JETS[name], False)._parts
        got = getattr(np, RULES[name].numpy)(a)._parts
        for g, w in zip(got, twin):
            assert g.tobytes() == w.tobytes()
        assert_within_ulps(name, T, x, a, vector_parts(T, name, a), kernel_parts(T, name, a))


@needs_vector
def test_without_the_vector_loops_plain_arrays_take_the_twin():
    x = points("tanh", 2 * SWITCH)
    a = dn.DualArray(x, 1.0)
    with elementwise.vector_loops(False):
        assert elementwise.vector_kernel(dn.DualArray, "tanh") is None
        without = np.tanh(a)._parts
    twin = a._chain(_jets.JETS["tanh"], False)._parts
    for g, w in zip(without, twin):
        assert g.tobytes() == w.tobytes()
    for g, w in zip(np.tanh(a)._parts, vector_parts(dn.DualArray, "tanh", a)):
        assert g.tobytes() == w.tobytes()
