"""The kernels' loops of constant steps (src/loops.h: a dual operand beside a number or a
float array, whose perturbation parts are one broadcast value; a rule's parameter one number)
against the general strided loop, which the same values take when laid out with other
steps: bit-identical parts, for every two-operand rule and every rule with a parameter, Dual
and HyperDual, with zero, infinite and NaN perturbation parts.
"""
import zlib

import numpy as np
import pytest

from dualnum import rules, ufuncs

N = 37  # not a multiple of a vector's width: the loops' remainders too
BINARY = [r.name for r in rules.BINARY]
WITH_PARAMETER = [r.name for r in rules.UNARY if r.params]
PARTS = {"dual": 1, "hyper": 3}
CORE = {"dual": [(1,)], "hyper": [(1,), (1,), (1, 1)]}


def values(rng, n, samples):
    """n values around the rule's samples, with exact ties to the first one."""
    lo, hi = np.min(samples), np.max(samples)
    x = rng.uniform(lo, hi, n)
    x[::5] = samples[0]
    return x


def perturbations(rng, kind, n):
    parts = [rng.uniform(-2.0, 2.0, (n,) + s) for s in CORE[kind]]
    for p in parts:
        p.reshape(-1)[:4] = [0.0, -0.0, np.inf, np.nan][:n]
    return parts


def strided(a):
    """a's values in every other double of a larger buffer: steps the constant-step loops
    do not take."""
    a = np.asarray(a)
    buffer = np.zeros((2,) + a.shape)
    buffer[0] = a
    return buffer[0] if a.ndim == 0 else np.moveaxis(buffer, 0, -1)[..., 0]


def operand(rng, kind, shape, samples, one_value):
    """(real, perturbation parts) of an operand: one value for every element (step 0) or
    n values; its parts one value (broadcast: step 0) where ``one_value`` says so."""
    real = values(rng, 1, samples)[0] if one_value[0] else values(rng, N, samples)
    n = 1 if one_value[1] else N
    parts = perturbations(rng, kind, n)
    if one_value[1]:
        parts = [p[0] for p in parts]  # core shape only: broadcast over the elements
    return [np.float64(real) if one_value[0] else real] + parts


def assert_same(got, want):
    """Equal parts, NaN beside NaN, and zeros of the same sign (a NaN's sign bit is no
    value: loops of other widths may differ there)."""
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
        number = ~np.isnan(w)
        np.testing.assert_array_equal(np.signbit(g)[number], np.signbit(w)[number])


# (x: real one value, parts one value), (y: the same): the five layouts of dn_binary_layout
LAYOUTS = {"plain": ((0, 0), (0, 0)), "y a number": ((0, 0), (1, 1)),
           "y an array": ((0, 0), (0, 1)), "x a number": ((1, 1), (0, 0)),
           "x an array": ((0, 1), (0, 0))}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("kind", list(PARTS))
@pytest.mark.parametrize("name", BINARY)
def test_binary_layouts_match_the_strided_loop(name, kind, layout):
    rng = np.random.default_rng(zlib.crc32(("%s %s %s" % (name, kind, layout)).encode()))
    samples = np.array(rules.BINARY[BINARY.index(name)].samples)
    ax, ay = LAYOUTS[layout]
    x = operand(rng, kind, (N,), samples[:, 0], ax)
    y = operand(rng, kind, (N,), samples[:, 1], ay)
    kernel = getattr(ufuncs, "%s_%s" % (kind, name))
    with np.errstate(all="ignore"):
        got = kernel(*x, *y)
        want = kernel(*[strided(np.broadcast_to(p, (N,) + np.shape(p)[np.ndim(p) - c:])
                                if c is not None else p)
                        for p, c in zip(x + y, [None] + [len(s) for s in CORE[kind]]
                                        + [None] + [len(s) for s in CORE[kind]])])
    assert all(np.shape(g) == (N,) + s for g, s in zip(got, [()] + CORE[kind]))
    assert_same(got, want)


@pytest.mark.parametrize("kind", list(PARTS))
@pytest.mark.parametrize("name", WITH_PARAMETER)
def test_a_number_parameter_matches_the_strided_loop(name, kind):
    rng = np.random.default_rng(zlib.crc32(("%s %s" % (name, kind)).encode()))
    rule = rules.UNARY[[r.name for r in rules.UNARY].index(name)]
    x = [values(rng, N, np.array(rule.samples))] + perturbations(rng, kind, N)
    kernel = getattr(ufuncs, "%s_%s" % (kind, name))
    n = len(rule.params)
    for p in (0.3, 2.0, -1.5):
        with np.errstate(all="ignore"):
            want = kernel(*[strided(a) for a in x], *[strided(np.full(N, p))] * n)
            # every parameter a number; for two, also one number beside a contiguous array
            for ps in [[p] * n] + ([[p, np.full(N, p)], [np.full(N, p), p]] if n == 2 else []):
                assert_same(kernel(*x, *ps), want)


# ---- the rows of directions (an element's k directions: src/loops.h, dn_row_first and
# dn_row2_first, and the generalized ufunc scale_rows)

K, M = 5, 3
ROWS = {"dual": [(K,)], "hyper": [(K,), (M,), (K, M)]}


def row_parts(rng, kind, n):
    parts = [rng.uniform(-2.0, 2.0, (n,) + s) for s in ROWS[kind]]
    for p in parts:
        p.reshape(-1)[:6] = [0.0, -0.0, np.inf, np.nan, -np.inf, 0.0]
    return parts


UNARY = [r.name for r in rules.UNARY]


@pytest.mark.parametrize("kind", list(PARTS))
@pytest.mark.parametrize("name", UNARY)
def test_rows_of_directions_match_the_strided_loop(name, kind):
    """Directions stepping by one double (the loop the compiler vectorises) against the
    same values two doubles apart: bit-identical, zeros, inf and NaN parts included."""
    rng = np.random.default_rng(zlib.crc32(("rows %s %s" % (name, kind)).encode()))
    rule = rules.UNARY[UNARY.index(name)]
    x = values(rng, N, np.array(rule.samples))
    parts = row_parts(rng, kind, N)
    params = [value for _, value in rule.params]
    kernel = getattr(ufuncs, "%s_%s" % (kind, name))
    with np.errstate(all="ignore"):
        got = kernel(x, *parts, *params)
        want = kernel(x, *[strided(p) for p in parts], *params)
    assert [np.shape(g) for g in got] == [(N,)] + [(N,) + s for s in ROWS[kind]]
    assert_same(got, want)


@pytest.mark.parametrize("kind", list(PARTS))
@pytest.mark.parametrize("name", BINARY)
def test_rows_of_two_operands_match_the_strided_loop(name, kind):
    rng = np.random.default_rng(zlib.crc32(("rows2 %s %s" % (name, kind)).encode()))
    samples = np.array(rules.BINARY[BINARY.index(name)].samples)
    x = [values(rng, N, samples[:, 0])] + row_parts(rng, kind, N)
    y = [values(rng, N, samples[:, 1])] + row_parts(rng, kind, N)
    kernel = getattr(ufuncs, "%s_%s" % (kind, name))
    with np.errstate(all="ignore"):
        got = kernel(*x, *y)
        want = kernel(*[strided(p) for p in x + y])
    assert_same(got, want)


def test_scale_rows_matches_scale_broadcast():
    """scale_rows(g, b) is scale(g[..., None], b), 0 where b is 0 even against an infinite
    g, on contiguous and strided directions."""
    rng = np.random.default_rng(11)
    g = rng.uniform(-2.0, 2.0, (6, N))
    g[0, :3] = [np.inf, np.nan, 0.0]
    b = rng.uniform(-2.0, 2.0, (6, N, K))
    b[0, :3] = 0.0
    want = ufuncs.scale(g[..., None], b)
    for directions in (b, strided(b)):
        assert_same([ufuncs.scale_rows(g, directions)], [want])
    assert not np.isnan(want[0, :3]).any()
