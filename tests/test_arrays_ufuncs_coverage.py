"""Every NumPy ufunc on dual arrays (and scalar duals, which reach the same implementations):
handled exactly, or refused with the reason; and NumPy's rounding, NaN-replacement,
complex-family and numpy.lib.scimath functions (dualnum/arrays/ufuncs_more.py,
real_functions.py).

References: each function as a plain function of its real arguments (mpmath and Python,
never dualnum), differentiated by ``mpmath.diff`` at points away from its jumps and kinks,
its partials combined with the operands' perturbation parts by the chain rule of Fike and
Alonso (2011); values against NumPy's own on the real parts; kinks, jumps, NaN and the
complex family by their documented conventions.
"""
import functools
import math
import operator
import re

import mpmath
import numpy as np
import pytest
from mpmath import mp, mpf
from numpy.testing.overrides import get_overridable_numpy_ufuncs

import dualnum as dn
from arrays_support import KINDS, NAMES, SUMS, assert_duals, objects, sample, seeded
from dualnum.arrays import _registry

UMATH = np._core.umath
# matmul, matvec, vecmat, vecdot: the linear algebra of dual arrays (dualnum/arrays/linalg.py)
LINALG = {getattr(np, n) for n in ("matmul", "matvec", "vecmat", "vecdot") if hasattr(np, n)}


# ---------------------------------------------------------------- the classification
def test_every_ufunc_is_handled_or_refused():
    for u in get_overridable_numpy_ufuncs() - LINALG:
        assert (u in _registry.UFUNCS) != (u in _registry.REFUSED), u.__name__


REFUSED = sorted((u for u in _registry.REFUSED if isinstance(u, np.ufunc)),
                 key=lambda u: u.__name__)


@pytest.mark.parametrize("ufunc", REFUSED, ids=lambda u: u.__name__)
@pytest.mark.parametrize("T", KINDS)
def test_refused_ufuncs_say_why(T, ufunc):
    why = _registry.REFUSED[ufunc]
    assert any(w in why for w in ("integers", "datetimes", "strings"))
    for x in (sample(T, (3,)), T._scalar(0.5, *(0.25,) * (len(NAMES[T]) - 1))):
        with pytest.raises(TypeError, match=re.escape("is not supported on dual arrays: " + why)):
            ufunc(*[x] * ufunc.nin)


# ---------------------------------------------------------------- the reference
def _trunc(x):
    return mpmath.floor(x) if x >= 0 else mpmath.ceil(x)


def _sign(y):
    return 1 if y > 0 else -1


# ufunc -> (the plain function of its arguments, per output, the real parts each operand
# takes: None for the common X, Y, Z)
REFERENCES = {
    np.fabs: [abs],
    np.conjugate: [lambda x: x],
    np.deg2rad: [lambda x: x * mpmath.pi / 180], np.radians: [lambda x: x * mpmath.pi / 180],
    np.rad2deg: [lambda x: x * 180 / mpmath.pi], np.degrees: [lambda x: x * 180 / mpmath.pi],
    np.rint: [mpmath.nint], np.trunc: [_trunc],
    np.spacing: [lambda x: mpf(float(np.spacing(float(x))))],
    np.modf: [lambda x: x - _trunc(x), _trunc],
    np.frexp: [lambda x: mpmath.frexp(x)[0]],
    UMATH._ones_like: [lambda x: mpf(1)],
    np.copysign: [lambda x, y: abs(x) * _sign(y)],
    np.fmax: [max], np.fmin: [min],
    np.heaviside: [lambda x, h: mpf(0) if x < 0 else mpf(1)],
    np.float_power: [mpmath.power],
    np.logaddexp2: [lambda x, y: mpmath.log(mpmath.power(2, x) + mpmath.power(2, y), 2)],
    np.fmod: [lambda x, y: x - _trunc(x / y) * y],
    np.remainder: [lambda x, y: x - mpmath.floor(x / y) * y],
    np.floor_divide: [lambda x, y: mpmath.floor(x / y)],
    np.divmod: [lambda x, y: mpmath.floor(x / y), lambda x, y: x - mpmath.floor(x / y) * y],
    np.ldexp: [lambda x, i: x * mpmath.power(2, mpmath.nint(i))],
    UMATH.clip: [lambda x, lo, hi: min(max(x, lo), hi)],
}
X = np.array([[-2.3, -0.7, 0.4, 1.9], [3.6, -1.2, 0.85, 2.45], [-3.1, 0.15, 1.35, -0.45]])
Y = np.array([[0.95, -1.3, 2.2, -0.65], [1.7, 0.45, -2.9, 1.15], [-0.35, 2.6, -1.85, 0.7]])
# the real parts per ufunc where X and Y leave the domain or meet a jump
OPERANDS = {np.float_power: (np.abs(X) + 0.2, Y), np.ldexp: (X, np.arange(-6, 6).reshape(3, 4)),
            UMATH.clip: (X, Y - 1.5, Y + 1.6)}


@functools.lru_cache(maxsize=None)
def _partials(ufunc, output, point):
    """(value, gradient, Hessian) of the reference at point, by mpmath.diff."""
    f = REFERENCES[ufunc][output]
    n = len(point)
    with mp.workdps(40):
        args = [mpf(v) for v in point]

        def d(order):
            return float(mpmath.diff(f, args, order) if n > 1 else mpmath.diff(f, args[0],
                                                                              order[0]))
        unit = [tuple(int(i == j) for j in range(n)) for i in range(n)]
        grad = [d(u) for u in unit]
        hess = [[d(tuple(a + b for a, b in zip(unit[i], unit[j]))) for j in range(n)]
                for i in range(n)]
        return float(f(*args)), grad, hess


def _parts(T, operand, like):
    """The parts of an operand, with direction axes (a constant's are zeros like those of
    the dual array ``like``)."""
    if isinstance(operand, (dn.DualArray, dn.HyperDualArray)):
        return list(operand._parts)
    real = np.asarray(operand, dtype=float)
    return [real] + [np.zeros(real.shape + p.shape[p.ndim - c:])
                     for p, c in zip(like._parts[1:], like._dir_ndim[1:])]


def expected(T, ufunc, output, operands):
    """The parts of ufunc's output at the operands, from the reference's partials by the
    chain rule: first-order parts sum g_i p_i; eps1eps2 adds sum H_ij eps1_i eps2_j."""
    like = next(o for o in operands if isinstance(o, T))
    parts = [_parts(T, o, like) for o in operands]
    shape = np.broadcast_shapes(*[p[0].shape for p in parts])
    reals = [np.broadcast_to(p[0], shape) for p in parts]
    value = np.empty(shape)
    grad = np.empty((len(parts),) + shape)
    hess = np.empty((len(parts), len(parts)) + shape)
    for idx in np.ndindex(shape):
        v, g, h = _partials(ufunc, output, tuple(float(r[idx]) for r in reals))
        value[idx] = v
        for i in range(len(parts)):
            grad[(i,) + idx] = g[i]
            for j in range(len(parts)):
                hess[(i, j) + idx] = h[i][j]
    if T is dn.DualArray:
        return [value, sum(grad[i][..., None] * p[1] for i, p in enumerate(parts))]
    firsts = [sum(grad[i][..., None] * p[k] for i, p in enumerate(parts)) for k in (1, 2)]
    second = sum(grad[i][..., None, None] * p[3] for i, p in enumerate(parts))
    second = second + sum(hess[i, j][..., None, None] * p[1][..., :, None] * q[2][..., None, :]
                          for i, p in enumerate(parts) for j, q in enumerate(parts))
    return [value] + firsts + [second]


def dual(T, real, directional, seed):
    """A dual array at ``real`` with general perturbation parts (some exactly 0)."""
    rng = np.random.default_rng(seed)
    dirs = {dn.DualArray: [(3,)], dn.HyperDualArray: [(3,), (2,), (3, 2)]}[T] if directional \
        else [()] * (len(NAMES[T]) - 1)
    parts = [rng.uniform(-2.0, 2.0, real.shape + d) for d in dirs]
    for p in parts:
        p.reshape(-1)[::5] = 0.0
    return T(real, *parts, directional=directional)


def mixes(T, ufunc, directional):
    """The operand mixes tried: all dual, broadcast duals, and each operand dual beside
    ndarrays, lists and numbers on the other sides."""
    reals = OPERANDS.get(ufunc, (X, Y, Y + 1.0)[:ufunc.nin])
    if ufunc is np.ldexp:  # an integer exponent: x alone is dual
        x = dual(T, reals[0], directional, 1)
        return [(x, reals[1]), (x, 3), (x[:, :1], reals[1][0]), (x, reals[1].tolist())]
    duals = [dual(T, r, directional, k) for k, r in enumerate(reals)]
    out = [tuple(duals)]
    if ufunc.nin == 1:
        return out + [(duals[0][1:, ::2],)]
    out.append((duals[0][:, :1],) + tuple(d[0] for d in duals[1:]))  # (3, 1) beside (4,)
    for k in range(ufunc.nin):
        constants = [r for r in reals]
        for c in (constants, [float(r[1, 2]) for r in reals], [r[0].tolist() for r in reals]):
            out.append(tuple(duals[k] if i == k else c[i] for i in range(ufunc.nin)))
    return out


@pytest.mark.parametrize("ufunc", list(REFERENCES), ids=lambda u: u.__name__)
@pytest.mark.parametrize("directional", [False, True], ids=["plain", "directions"])
@pytest.mark.parametrize("T", KINDS)
def test_handled_ufuncs_against_the_reference(T, directional, ufunc):
    for operands in mixes(T, ufunc, directional):
        results = ufunc(*operands)
        results = results if isinstance(results, tuple) else (results,)
        reals = [np.asarray(o.real if isinstance(o, T) else o, dtype=float) for o in operands]
        numpy = ufunc(*[r.astype(int) if ufunc is np.ldexp and k else r
                        for k, r in enumerate(reals)])
        numpy = numpy if isinstance(numpy, tuple) else (numpy,)
        for output, got in enumerate(results):
            if ufunc is np.frexp and output == 1:  # the exponent: an integer ndarray
                np.testing.assert_array_equal(got, numpy[1])
                continue
            assert type(got) is T and got._directional == directional
            if ufunc is np.logaddexp2:  # its own rule: a few ulps from NumPy's
                np.testing.assert_allclose(got.real, numpy[output], rtol=4e-16, atol=0)
            else:  # NumPy's value, to the bit
                np.testing.assert_array_equal(got.real, numpy[output])
            want = expected(T, ufunc, output, operands)
            for name, g, w in zip(NAMES[T], got._parts, want):
                np.testing.assert_allclose(g, np.broadcast_to(w, g.shape), rtol=SUMS,
                                           atol=SUMS, err_msg=name)


# ---------------------------------------------------------------- conventions, by value
def hyper(real, e1=0.7, e2=-1.3, e12=0.45):
    return dn.HyperDualArray(np.asarray(real, dtype=float), e1, e2, e12)


def test_copysign_at_a_zero_first_operand_is_the_kink_of_abs():
    """README, kinks: |x| with the sign of y; at x = 0 the mean of the one-sided
    derivatives, 0, and no second derivative; y only flips the sign (derivative 0)."""
    for x0 in (0.0, -0.0):
        for y0 in (2.0, -2.0):
            z = np.copysign(hyper([x0]), hyper([y0], 1.5, 2.5, 0.5))
            assert z.real[0] == 0.0 and math.copysign(1.0, z.real[0]) == math.copysign(1, y0)
            assert z.eps1[0] == 0.0 and z.eps2[0] == 0.0 and np.isnan(z.eps1eps2[0])
    z = np.copysign(hyper([1.5]), hyper([-2.0], 1.0, 1.0, 1.0))
    assert (z.real[0], z.eps1[0], z.eps2[0], z.eps1eps2[0]) == (-1.5, -0.7, 1.3, -0.45)
    assert np.copysign(hyper([0.0], 1.0, 0.0, 0.0), 1.0).eps1eps2[0] == 0.0  # eps1 eps2 = 0


@pytest.mark.parametrize("T", KINDS)
def test_heaviside_is_its_second_operand_where_x_is_zero(T):
    x = sample(T, (4,), start=-1.0, step=0.5)  # -1, -0.5, 0, 0.5
    h0 = sample(T, (4,), start=0.25, step=0.1)
    want = objects(h0)
    want[[0, 1]] = T._scalar(0.0)
    want[3] = T._scalar(1.0)
    assert_duals(np.heaviside(x, h0), want, T)
    assert_duals(np.heaviside(x, 0.5), np.array([T._scalar(v) for v in (0, 0, 0.5, 1)]), T)


@pytest.mark.parametrize("ufunc", [np.fmax, np.fmin])
@pytest.mark.parametrize("T", KINDS)
def test_fmax_fmin_ignore_nan_and_share_ties(T, ufunc):
    x, y = objects(sample(T, (4,))), objects(sample(T, (4,), start=-1.0))
    x[1], y[2] = T._scalar(np.nan, *[1.0] * (len(NAMES[T]) - 1)), T._scalar(np.nan)
    y[0] = T._scalar(x[0].real, *[0.5] * (len(NAMES[T]) - 1))  # a tie
    got = ufunc(T(x), T(y))
    assert_duals(got[1:3], np.array([y[1], x[2]]), T)  # the other operand, with its parts
    with np.errstate(invalid="ignore"):  # maximum's NaN element
        extreme = (np.maximum if ufunc is np.fmax else np.minimum)(T(x), T(y))
    assert_duals(got[[0, 3]], objects(extreme[[0, 3]]), T)  # ties share, as in maximum
    assert np.isnan(ufunc(T([np.nan]), np.nan).real[0])


# ---------------------------------------------------------------- Python's // % divmod
OPERATORS = {"%": operator.mod, "//": operator.floordiv, "divmod": divmod,
             "remainder": np.remainder, "floor_divide": np.floor_divide, "np.divmod": np.divmod}


@pytest.mark.parametrize("name", list(OPERATORS))
@pytest.mark.parametrize("T", KINDS)
def test_floor_division_and_remainder_as_the_scalar_operators(T, name):
    """On both sides, beside arrays, numbers and ndarrays: as the scalar types' operators
    element by element (Python's semantics: q = floor(x / y) a constant, x - q y)."""
    op = OPERATORS[name]
    x, y = sample(T, (2, 3), start=-2.3, step=0.93), sample(T, (3,), start=0.7, step=-0.61)
    scalar = {"%": operator.mod, "//": operator.floordiv}.get(name, divmod)
    if name in ("remainder", "floor_divide"):
        scalar = {"remainder": operator.mod, "floor_divide": operator.floordiv}[name]
    reference = np.frompyfunc(scalar, 2, 2 if scalar is divmod else 1)
    for a, b in [(x, y), (x, 0.75), (-2.5, x), (x, np.array([1.5, -0.4, 2.0])),
                 (np.array([[3.5], [-1.25]]), y)]:
        got, want = op(a, b), reference(objects(a), objects(b))
        for g, w in zip(*[r if isinstance(r, tuple) else (r,) for r in (got, want)],
                        strict=True):
            assert_duals(g, w, T)


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_scalar_fmod_and_remainder(T):
    x, y = T(2.5, *[1.0] * (len(NAMES[KINDS[T is dn.HyperDual]]) - 1)), T(-0.7)
    assert np.fmod(x, y).real == math.fmod(2.5, -0.7) and np.fmod(x, y).real == dn.fmod(x, y).real
    assert (x % y).real == 2.5 % -0.7 and np.remainder(x, y).real == (x % y).real


@pytest.mark.parametrize("T", KINDS)
def test_ufuncs_with_two_outputs_fill_out(T):
    x, y = sample(T, (3,)), sample(T, (3,), start=-1.0)
    q, r = T(np.zeros(3)), T(np.zeros(3))
    got = np.divmod(x, y, out=(q, r))
    assert got[0] is q and got[1] is r
    assert_duals(q, objects(x // y), T)
    assert_duals(r, objects(x % y), T)
    fraction = T(np.zeros(3))
    assert np.modf(x, out=(fraction, None))[0] is fraction
    with pytest.raises(TypeError, match="float ndarray"):
        np.divmod(x, y, out=(np.zeros(3), r))


# ---------------------------------------------------------------- the float decompositions
@pytest.mark.parametrize("T", KINDS)
def test_frexp_and_ldexp_scale_every_part_exactly(T):
    real = [0.0, 1e-300, 3.0, -1e300, np.inf]
    x = T(real, *[1.0] * (len(NAMES[T]) - 1))
    mantissa, exponent = np.frexp(x)
    np.testing.assert_array_equal(exponent, np.frexp(x.real)[1])
    for p in mantissa._parts[1:]:
        np.testing.assert_array_equal(p.reshape(-1), np.ldexp(1.0, -exponent))
    back = np.ldexp(mantissa, exponent)
    for p, q in zip(back._parts, x._parts):
        np.testing.assert_array_equal(p, q)
    with np.errstate(over="ignore"):  # x / 2^-1073 at the smallest subnormal: 2^1073 x
        assert np.frexp(T([5e-324], 1.0))[0]._parts[1][0] == np.inf  # overflows, truly
    with pytest.raises(TypeError, match="integer exponent"):
        np.ldexp(x, x)
    with pytest.raises(TypeError, match="integer exponent"):
        np.ldexp(2.0, x)
    with pytest.raises(TypeError, match="ldexp"):  # NumPy's own: a float exponent
        np.ldexp(x, 1.5)


@pytest.mark.parametrize("directional", [False, True])
@pytest.mark.parametrize("T", KINDS)
def test_ldexp_by_c_int_exponents_and_by_others_agree(T, directional):
    """C int exponents (frexp's) scale every part by NumPy's ldexp, other integers by a
    product with the power of two (ldexp beyond the normal doubles): the same parts, bit
    for bit, each the part times 2^i, rounded once."""
    rng = np.random.default_rng(3)
    x = seeded(T, rng.uniform(-4.0, 4.0, 12), directional, rng)
    for i in (np.arange(-6, 6), np.array([-1074, -1060, -1023, 1023, 1030, 0] * 2)):
        with np.errstate(over="ignore"):
            by_ldexp, by_product = np.ldexp(x, i.astype(np.intc)), np.ldexp(x, i.astype(np.int64))
            for p, q, part, c in zip(by_ldexp._parts, by_product._parts, x._parts, x._dir_ndim):
                np.testing.assert_array_equal(p, q)
                np.testing.assert_array_equal(np.signbit(p), np.signbit(q))
                np.testing.assert_array_equal(p, np.ldexp(part, i.reshape(i.shape + (1,) * c)))


@pytest.mark.parametrize("T", KINDS)
def test_modf_spacing_nextafter_do_not_share_writable_parts(T):
    x = sample(T, (3,))
    for got in (np.modf(x)[0], np.nextafter(x, 5.0)):
        for p, q in zip(got._parts[1:], x._parts[1:]):
            np.testing.assert_array_equal(p, q)  # x's parts: derivative 1
        got[0] = 7.0  # writing the result leaves x alone
        assert x.real[0] == 0.3 and x[0] != got[0]
    spacing = np.spacing(x)
    np.testing.assert_array_equal(spacing.real, np.spacing(x.real))
    assert not any(np.any(p) for p in spacing._parts[1:])


@pytest.mark.parametrize("T", KINDS)
def test_logical_ufuncs_read_the_real_parts(T):
    x, y = sample(T, (4,), start=-1.0, step=0.5), sample(T, (4,), start=0.5, step=-0.5)
    for ufunc in (np.logical_and, np.logical_or, np.logical_xor):
        for a, b in ((x, y), (x, 0.0), (1.0, y)):
            got = ufunc(a, b)
            assert got.dtype == bool
            np.testing.assert_array_equal(got, ufunc(getattr(a, "real", a), getattr(b, "real",
                                                                                   b)))
    np.testing.assert_array_equal(np.logical_not(x), x.real == 0)
    assert np.logical_and(T._scalar(1.0), T._scalar(0.0)) == np.False_


@pytest.mark.parametrize("T", KINDS)
def test_names_of_rules_and_operations(T):
    """fabs is absolute, float_power power, clip the function np.clip, conjugate a copy."""
    x, y = sample(T, (3,), start=-0.6, step=0.5), sample(T, (3,), start=1.1)
    for got, want in [(np.fabs(x), np.absolute(x)), (np.float_power(y, x), np.power(y, x)),
                      (np.float_power(y, 2), y ** 2), (UMATH.clip(x, -0.2, 0.5),
                                                       np.clip(x, -0.2, 0.5)),
                      (np.conjugate(x), x), (np.conj(x), x)]:
        assert_duals(got, objects(want), T)
    assert np.conjugate(x)._parts[1] is not x._parts[1]
    assert_duals(UMATH._ones_like(x), np.array([T._scalar(1.0)] * 3), T)


# ---------------------------------------------------------------- NumPy functions
@pytest.mark.parametrize("decimals", [0, 1, -1, 3])
@pytest.mark.parametrize("func", [np.round, np.around])
@pytest.mark.parametrize("T", KINDS)
def test_round_is_numpys_value_with_derivative_zero(T, func, decimals):
    x = dual(T, X * 13.7, True, 3)
    got = func(x, decimals)
    np.testing.assert_array_equal(got.real, func(x.real, decimals))
    assert got._directional and not any(np.any(p) for p in got._parts[1:])
    out = T(np.zeros(X.shape))
    assert func(sample(T, X.shape), decimals, out=out) is out
    np.testing.assert_array_equal(np.fix(x).real, np.fix(x.real))
    assert not any(np.any(p) for p in np.fix(x)._parts[1:])


@pytest.mark.parametrize("T", KINDS)
def test_nan_to_num_replaces_values_and_drops_their_parts(T):
    """real_functions: a replaced element (NaN or infinite real part) is the constant that
    replaces it, with zero parts; the others keep their parts, NaN parts included."""
    x = objects(sample(T, (5,)))
    x[0], x[1], x[2] = T._scalar(np.nan, 1.0), T._scalar(np.inf, 2.0), T._scalar(-np.inf, 3.0)
    x[3] = T._scalar(1.5, *[np.nan] * (len(NAMES[T]) - 1))
    for kwargs in ({}, {"nan": 7.0, "posinf": 8.0, "neginf": -9.0},
                   {"nan": np.arange(5.0), "posinf": np.full(5, 8.0)}):
        got = np.nan_to_num(T(x), **kwargs)
        want = x.copy()
        want[:3] = [T._scalar(v) for v in np.nan_to_num(T(x).real, **kwargs)[:3]]
        assert_duals(got, want, T)
    y = T(x)
    assert np.nan_to_num(y, copy=False) is y and y.real[0] == 0.0
    with pytest.raises(TypeError, match="nan_to_num.*nan= a dual"):
        np.nan_to_num(T(x), nan=T._scalar(1.0, 1.0))


@pytest.mark.parametrize("T", KINDS)
def test_the_complex_family_on_real_duals(T):
    x = sample(T, (2, 3), start=-0.9, step=0.4)
    assert np.real(x) is x and np.real_if_close(x) is x and np.real_if_close(x, tol=1e3) is x
    assert_duals(np.imag(x), np.full((2, 3), T._scalar(0.0)), T)
    for deg in (False, True):
        assert_duals(np.angle(x, deg=deg), np.vectorize(T._scalar, otypes=[object])(
            np.angle(x.real, deg)), T)
    for func in (np.isreal, np.iscomplex, np.isrealobj, np.iscomplexobj, np.isneginf,
                 np.isposinf):
        np.testing.assert_array_equal(func(x), func(x.real))
    out = np.empty((2, 3), dtype=bool)
    assert np.isposinf(x, out=out) is out
    with pytest.raises(TypeError, match="isposinf.*out= a dual array"):
        np.isposinf(x, out=x)
    for z in (x, x[0, 0]):
        with pytest.raises(TypeError, match="sort_complex is not supported on dual arrays: "
                                            "its result is complex"):
            np.sort_complex(z)
    scalar = x[0, 0]
    assert type(np.real(scalar)) is T._scalar and np.real(scalar).real == scalar.real
    assert type(np.imag(scalar)) is T._scalar and np.imag(scalar) == 0.0


SCIMATH = [("sqrt", np.sqrt, 0.0, -0.5), ("log", np.log, 0.0, -0.5),
           ("log2", np.log2, 0.0, -0.5), ("log10", np.log10, 0.0, -0.5),
           ("arccos", np.arccos, -1.0, 1.5), ("arcsin", np.arcsin, -1.0, -1.5),
           ("arctanh", np.arctanh, -0.9, 1.25)]


@pytest.mark.parametrize("name, real_func, low, outside", SCIMATH, ids=lambda v: str(v))
@pytest.mark.parametrize("T", KINDS)
def test_scimath_is_the_real_function_inside_its_domain(T, name, real_func, low, outside):
    func = getattr(np.emath, name)
    x = sample(T, (3,), start=low, step=0.45) if low < 0 else sample(T, (3,), start=0.2)
    x[0] = T._scalar(np.nan, *[1.0] * (len(NAMES[T]) - 1))  # NaN: a real NaN, allowed
    with np.errstate(all="ignore"):
        assert_duals(func(x), objects(real_func(x)), T)
        assert_duals(func(x[1]), real_func(x[1]), T)  # a scalar dual
    for z in (T([0.5, outside]) if name.startswith("arc") else T([0.5, outside]), T([outside])[0]):
        with pytest.raises(ValueError, match=r"numpy\.lib\.scimath\.%s at %r would be complex"
                                             % (name, outside)):
            func(z)


@pytest.mark.parametrize("T", KINDS)
def test_scimath_power_and_logn(T):
    x, p = sample(T, (3,), start=0.4), sample(T, (3,), start=-1.0)
    assert_duals(np.emath.power(x, p), objects(np.power(x, p)), T)
    assert_duals(np.emath.power(x, -2), objects(x ** -2.0), T)
    assert_duals(np.emath.logn(x + 1.0, p + 2.0), objects(np.log(p + 2.0) / np.log(x + 1.0)),
                 T)
    for call in (lambda: np.emath.power(-x, 2), lambda: np.emath.logn(-x, x),
                 lambda: np.emath.logn(2.0, -x)):
        with pytest.raises(ValueError, match="would be complex"):
            call()


@pytest.mark.parametrize("T", [dn.Dual, dn.HyperDual])
def test_python_rounding_of_scalar_duals(T):
    """README, jumps: round() (ties to even), round(x, n) and math.trunc have derivative 0."""
    n = len(NAMES[KINDS[T is dn.HyperDual]]) - 1
    for value, want in [(2.5, 2.0), (3.5, 4.0), (-2.7, -3.0)]:
        got = round(T(value, *[1.0] * n))
        assert type(got) is T and got.real == want and got == np.rint(value)
        assert not any(getattr(got, name) for name in NAMES[KINDS[T is dn.HyperDual]][1:])
    got = round(T(2.567, *[1.0] * n), 1)
    assert type(got) is T and got.real == np.round(2.567, 1) and got.real == 2.6
    got = math.trunc(T(-2.7, *[1.0] * n))
    assert type(got) is T and got.real == -2.0 and dn.derivative(math.trunc, -2.7) == 0.0
