"""The generated NumPy kernels of dualnum.ufuncs against the scalar types, element by element.

``dual_NAME`` and ``hyper_NAME`` claim to round exactly as ``Dual`` and ``HyperDual`` do (they
share the C rules and chain rules), so every output part is compared bit for bit (NaN equal to
NaN, and the sign of zero checked) with the scalar result for the same element and direction,
over 0-d, empty, 2-D broadcast, strided, transposed and multi-direction layouts. The inputs
are each rule's samples plus nan, +-inf and 0, with zero and non-zero perturbation parts.
"""
import operator

import numpy as np
import pytest

import dualnum as dn
from dualnum import rules, ufuncs

SPECIAL = (np.nan, np.inf, -np.inf, 0.0)
# dual parts, cycled over elements (zeros included: a zero part must stay exactly zero)
DUAL_B = (0.7, 0.0, -1.3, 2.5, -0.0, 1.0, -0.4, 3.0)
# (eps1, eps2, eps1eps2), cycled
HYPER_P = ((0.7, -1.3, 0.45), (0.0, 0.0, 0.0), (1.0, 1.0, 0.0), (0.0, 0.9, -0.6),
           (-2.0, -0.0, 1.5), (0.3, 0.25, -0.0), (-0.0, 0.0, 1.1), (-0.5, 2.0, 0.8))
# the parameters of the parametrised rules, cycled over elements (tuples for a rule of two)
PARAMS = {
    "leaky_relu": (0.01, 0.2, 0.0, 1.5),
    "power_constant_exponent": (2.0, 0.5, -1.5, 3.0, 0.0, 1.0),
    "power_constant_base": (2.0, 0.5, 3.0, 1.0, 10.0, 0.0),
    "gammainc": (0.5, 1.0, 3.5, 50.0),
    "gammaincc": (0.5, 1.0, 3.5, 50.0),
    "betainc": ((0.5, 0.5), (2.0, 3.0), (10.0, 0.7), (1.0, 2.5)),
    "iv": (0.0, 1.0, 2.5, -1.5), "jv": (0.0, 1.0, 2.5, -1.5), "yv": (0.0, 1.0, 2.5, -1.5),
    "ive": (0.0, 1.0, 2.5, -1.5), "kv": (0.0, 1.0, 2.5, -1.5),
    "polygamma": (0.0, 1.0, 2.0, 5.0),
}
UNARY = {r.name: r for r in rules.UNARY}
BINARY = {r.name: r for r in rules.BINARY}
LAYOUTS = ("0d", "empty", "2d", "strided", "transposed", "directions")


def parameter_arrays(name, size, shape):
    """The rule's parameters cycled over `size` elements: one array of `shape` each."""
    values = np.array(PARAMS[name], dtype=float).reshape(len(PARAMS[name]), -1)
    return tuple(cycle(column, size).reshape(shape) for column in values.T)


def unary_scalar(name, x, ps):
    """The rule applied to one scalar Dual/HyperDual, the public way, with the parameters
    ps (floats)."""
    if name == "power_constant_exponent":
        return x ** float(ps[0])
    if name == "power_constant_base":
        return float(ps[0]) ** x
    if UNARY[name].scipy and ps:   # SciPy's order: the parameters first
        return getattr(dn, name)(*map(float, ps), x)
    return getattr(dn, name)(x, *map(float, ps))


BINARY_CALLS = {"multiply": operator.mul, "divide": operator.truediv}


def binary_scalar(name, x, y):
    return BINARY_CALLS.get(name, getattr(dn, name, None))(x, y)


def assert_same(got, want, label=""):
    """Bit-identical up to the NaN payload: equal values, NaN where NaN, equal signs of 0."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape, label
    np.testing.assert_array_equal(got, want, err_msg=label)
    nan = np.isnan(want)
    np.testing.assert_array_equal(np.signbit(got)[~nan], np.signbit(want)[~nan],
                                  err_msg=label + " (sign of zero)")


def cycle(values, n):
    return np.array([values[i % len(values)] for i in range(n)], dtype=float)


def unary_values(name):
    values = UNARY[name].samples + SPECIAL
    return np.array(values + (-0.0,) * (len(values) % 2), dtype=float)  # an even count


def binary_values(name):
    samples = BINARY[name].samples
    (x0, y0) = samples[0]
    pairs = list(samples) + [(s, y0) for s in SPECIAL] + [(x0, s) for s in SPECIAL] + [
        (0.0, 0.0), (np.inf, np.inf), (np.nan, np.nan), (-np.inf, 0.0), (-0.0, y0)]
    return np.array(pairs, dtype=float).T


def dual_parts(real, k=1, shift=0):
    """real plus dual parts of shape real.shape + (k,), fixed values cycled."""
    n = real.size * k
    return real, cycle(DUAL_B[shift:] + DUAL_B[:shift], n).reshape(real.shape + (k,))


def hyper_parts(real, k=1, m=1, shift=0):
    n = real.size
    p = [HYPER_P[(i + shift) % len(HYPER_P)] for i in range(n * k * m)]
    e1 = np.array([q[0] for q in p[:n * k]]).reshape(real.shape + (k,))
    e2 = np.array([q[1] for q in p[::-1][:n * m]]).reshape(real.shape + (m,))
    e12 = np.array([q[2] for q in p]).reshape(real.shape + (k, m))
    return real, e1, e2, e12


def layout(values, kind, how, shift=0):
    """The values and fixed perturbations in a layout: a list of part tuples for the kernel."""
    make = dual_parts if kind == "dual" else hyper_parts
    if how == "0d":
        return [make(np.array(v), shift=shift + i) for i, v in enumerate(values)]
    if how == "empty":
        return [make(np.empty(0), shift=shift)]
    if how == "2d":
        return [make(values.reshape(2, -1), shift=shift)]
    if how == "strided":  # every other element of every part, including the direction axes
        parts = make(np.repeat(values, 2), *((2,) if kind == "dual" else (2, 2)), shift=shift)
        return [tuple(p[::2] if i == 0 else p[::2, ::2] if p.ndim == 2 else p[::2, ::2, ::2]
                      for i, p in enumerate(parts))]
    if how == "transposed":
        parts = make(values.reshape(2, -1), shift=shift)
        return [tuple(np.swapaxes(p, 0, 1) for p in parts)]
    if how == "directions":
        return [make(values, *((3,) if kind == "dual" else (2, 3)), shift=shift)]
    raise ValueError(how)


def scalars_of(parts, index, kind, a=0, e=0, scale=1.0):
    """The scalar dual at index (direction a, or directions (a, e) for hyper-duals; its
    eps1eps2 part times ``scale``)."""
    if kind == "dual":
        real, du = parts
        return dn.Dual(float(real[index]), float(du[index][a]))
    real, e1, e2, e12 = parts
    return dn.HyperDual(float(real[index]), float(e1[index][a]), float(e2[index][e]),
                        scale * float(e12[index][a, e]))


def check_against_scalars(out, shape, kind, scalar_of):
    """Every output part at every index and direction equals the scalar result's part."""
    if kind == "dual":
        real, du = out
        assert real.shape == shape and du.shape[:-1] == shape
        for index in np.ndindex(shape):
            for a in range(du.shape[-1]):
                z = scalar_of(index, a, 0)
                assert_same(real[index], z.real, "real at %s" % (index,))
                assert_same(du[index][a], z.dual, "dual at %s[%d]" % (index, a))
        return
    real, e1, e2, e12 = out
    k, m = e12.shape[-2:]
    assert real.shape == shape and e1.shape == shape + (k,) and e2.shape == shape + (m,)
    for index in np.ndindex(shape):
        for a in range(k):
            for e in range(m):
                z = scalar_of(index, a, e)
                where = " at %s[%d, %d]" % (index, a, e)
                assert_same(real[index], z.real, "real" + where)
                assert_same(e1[index][a], z.eps1, "eps1" + where)
                assert_same(e2[index][e], z.eps2, "eps2" + where)
                want = np.nan if k * m > 1 and two_sided(scalar_of, index, a, e) else z.eps1eps2
                assert_same(e12[index][a, e], want, "eps1eps2" + where)


def two_sided(scalar_of, index, a, e):
    """The scalar result's eps1eps2 part at (a, e), as a function of the argument's d, is 0
    at d = 0 (no first-order term) and not odd: it takes the slope on the side of d (a kink
    reached with no first-order parts). An entry of two different seeds (directions k x m
    > 1) moves to both sides there: it has no value (NaN)."""
    z0, zp, zm = (scalar_of(index, a, e, s).eps1eps2 for s in (0.0, 1.0, -1.0))
    return np.isfinite([zp, zm]).all() and z0 == 0 and zp + zm != 0


# ---------------------------------------------------------------- one-argument rules
@pytest.mark.parametrize("how", LAYOUTS)
@pytest.mark.parametrize("kind", ["dual", "hyper"])
@pytest.mark.parametrize("name", list(UNARY))
def test_unary_kernel_matches_scalars(name, kind, how):
    kernel = getattr(ufuncs, kind + "_" + name)
    values = unary_values(name)
    for parts in layout(values, kind, how):
        shape = parts[0].shape
        ps = parameter_arrays(name, parts[0].size, shape) if UNARY[name].params else ()
        with np.errstate(all="ignore"):
            out = kernel(*parts, *ps)

        def scalar_of(index, a, e, scale=1.0):
            x = scalars_of(parts, index, kind, a, e, scale)
            with np.errstate(all="ignore"):
                return unary_scalar(name, x, [p[index] for p in ps])
        check_against_scalars(out, shape, kind, scalar_of)


@pytest.mark.parametrize("how", LAYOUTS)
@pytest.mark.parametrize("kind", ["dual", "hyper"])
@pytest.mark.parametrize("name", list(BINARY))
def test_binary_kernel_matches_scalars(name, kind, how):
    kernel = getattr(ufuncs, kind + "_" + name)
    xs, ys = binary_values(name)
    for xp, yp in zip(layout(xs, kind, how), layout(ys, kind, how, shift=3)):
        shape = np.broadcast_shapes(xp[0].shape, yp[0].shape)
        with np.errstate(all="ignore"):
            out = kernel(*xp, *yp)

        def scalar_of(index, a, e, scale=1.0):
            x = scalars_of(xp, index, kind, a, e, scale)
            y = scalars_of(yp, index, kind, a, e, scale)
            with np.errstate(all="ignore"):
                return binary_scalar(name, x, y)
        check_against_scalars(out, shape, kind, scalar_of)


@pytest.mark.parametrize("kind", ["dual", "hyper"])
@pytest.mark.parametrize("name", list(BINARY))
def test_binary_kernel_broadcasts(name, kind):
    """x of shape (3, 1) with y of shape (1, 4): every pairing against the scalars."""
    kernel = getattr(ufuncs, kind + "_" + name)
    (x0, y0), (x1, y1), (x2, y2) = BINARY[name].samples
    make = dual_parts if kind == "dual" else hyper_parts
    xp = make(np.array([[x0], [0.0], [np.inf]]))
    yp = make(np.array([[y0, y1, np.nan, 0.0]]), shift=5)
    with np.errstate(all="ignore"):
        out = kernel(*xp, *yp)

    def scalar_of(index, a, e, scale=1.0):
        x = scalars_of(xp, (index[0], 0), kind, a, e, scale)
        y = scalars_of(yp, (0, index[1]), kind, a, e, scale)
        with np.errstate(all="ignore"):
            return binary_scalar(name, x, y)
    check_against_scalars(out, (3, 4), kind, scalar_of)


@pytest.mark.parametrize("name", [r.name for r in rules.UNARY if r.params])
def test_unary_kernel_broadcasts_the_parameter(name):
    """A 0-d input with parameter arrays broadcasts to the parameters' shape."""
    kernel = getattr(ufuncs, "dual_" + name)
    a = UNARY[name].samples[1]
    n = len(PARAMS[name])
    ps = parameter_arrays(name, n, (n,))
    real, du = kernel(np.array(a), np.array([0.7]), *ps)
    assert real.shape == (n,) and du.shape == (n, 1)
    for i in range(n):
        z = unary_scalar(name, dn.Dual(a, 0.7), [p[i] for p in ps])
        assert_same(real[i], z.real)
        assert_same(du[i, 0], z.dual)


# ---------------------------------------------------------------- jets
@pytest.mark.parametrize("name", list(UNARY))
def test_jet_matches_scalar_rule(name):
    values = unary_values(name)
    ps = parameter_arrays(name, values.size, values.shape) if UNARY[name].params else ()
    with np.errstate(all="ignore"):
        f0, f1, f2 = getattr(ufuncs, "jet_" + name)(values, *ps)
        for i, a in enumerate(values):
            z = unary_scalar(name, dn.HyperDual(a, 1.0, 1.0, 0.0), [p[i] for p in ps])
            np.testing.assert_array_equal([f0[i], f1[i], f2[i]],
                                          [z.real, z.eps1, z.eps1eps2], err_msg=repr(a))
            assert_same(f0[i], z.real)


@pytest.mark.parametrize("name", list(BINARY))
def test_jet2_matches_scalar_rule(name):
    xs, ys = binary_values(name)
    with np.errstate(all="ignore"):
        jet = getattr(ufuncs, "jet_" + name)(xs, ys)
        assert len(jet) == 6
        for i, (x, y) in enumerate(zip(xs, ys)):
            H = dn.HyperDual
            in_x = binary_scalar(name, H(x, 1.0, 1.0, 0.0), H(y, 0.0, 0.0, 0.0))
            in_y = binary_scalar(name, H(x, 0.0, 0.0, 0.0), H(y, 1.0, 1.0, 0.0))
            mixed = binary_scalar(name, H(x, 1.0, 0.0, 0.0), H(y, 0.0, 1.0, 0.0))
            want = [in_x.real, in_x.eps1, in_y.eps1, in_x.eps1eps2, mixed.eps1eps2,
                    in_y.eps1eps2]
            np.testing.assert_array_equal([j[i] for j in jet], want, err_msg="(%r, %r)" % (x, y))
            assert_same(jet[0][i], in_x.real)


def test_every_rule_has_all_three_kernels():
    for r in rules.UNARY + rules.BINARY:
        for prefix in ("jet_", "dual_", "hyper_"):
            assert isinstance(getattr(ufuncs, prefix + r.name), np.ufunc), prefix + r.name
        nin = 1 + len(r.params) if r in rules.UNARY else 2
        assert getattr(ufuncs, "jet_" + r.name).nin == nin


# ---------------------------------------------------------------- chain-rule helpers
G = np.array([2.0, -3.0, np.inf, -np.inf, np.nan, np.inf, 0.5, np.nan, 4.0])
B = np.array([1.5, 0.25, 0.0, 0.0, 0.0, -0.0, 0.0, 2.0, -2.0])


def test_scale_is_g_times_b_but_zero_where_b_is_zero():
    with np.errstate(all="ignore"):
        got = ufuncs.scale(G, B)
        want = np.where(B == 0.0, 0.0, G * B)
    np.testing.assert_array_equal(got, want)  # (the sign of a zero result is not specified)
    assert_same(got[B != 0.0], want[B != 0.0])
    assert ufuncs.scale(np.inf, 0.0) == 0.0 and ufuncs.scale(-np.inf, -0.0) == 0.0
    assert np.isnan(ufuncs.scale(np.nan, 1.0))
    # broadcasting and a strided operand
    g = np.array([[np.inf], [3.0]])
    b = np.array([0.0, 9.0, 2.0, 9.0])[::2]
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(ufuncs.scale(g, b), [[0.0, np.inf], [0.0, 6.0]])


def test_chain_second_is_g1_d_plus_g2_b_c_with_zero_parts_zero():
    g1 = np.array([2.0, np.inf, 3.0, np.nan, -1.0, np.inf, 0.5])
    g2 = np.array([5.0, 1.0, np.inf, np.inf, np.nan, np.inf, -2.0])
    b = np.array([0.5, 1.0, 0.0, 0.0, 2.0, 0.0, -0.25])
    c = np.array([1.5, 2.0, 3.0, 1.0, 0.0, 0.0, 4.0])
    d = np.array([0.25, 0.0, 1.0, 0.0, 0.0, 0.0, -3.0])

    def scale(g, v):
        return np.where(v == 0.0, 0.0, g * v)
    with np.errstate(all="ignore"):
        got = ufuncs.chain_second(g1, g2, b, c, d)
        want = scale(g1, d) + scale(g2, b * c)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got[:3], [2.0 * 0.25 + 5.0 * 1.5 * 0.5, 2.0, 3.0])
    assert got[5] == 0.0  # no perturbation at all: exactly 0 despite infinite g1, g2
    assert ufuncs.chain_second(np.inf, np.inf, 0.0, 1.0, 0.0) == 0.0


def test_chain_hyper_is_both_chain_rules_at_once():
    g1 = np.array([2.0, np.inf, -0.5, np.nan, 3.0])
    g2 = np.array([1.5, 1.0, np.inf, 2.0, -1.0])
    b = np.array([0.7, 0.0, 1.0, 1.0, 0.0])
    c = np.array([-1.3, 0.0, 0.0, 2.0, 4.0])
    d = np.array([0.45, 0.0, 1.0, -1.0, 0.0])
    e1, e2, e12 = ufuncs.chain_hyper(g1, g2, b, c, d)
    np.testing.assert_array_equal(e1, ufuncs.scale(g1, b))
    np.testing.assert_array_equal(e2, ufuncs.scale(g1, c))
    np.testing.assert_array_equal(e12, ufuncs.chain_second(g1, g2, b, c, d))
    assert e1[1] == 0.0 and e12[1] == 0.0  # no perturbation: exactly zero even with g1 = inf
