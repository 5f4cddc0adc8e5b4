"""New dual arrays (dualnum.arrays.creation): prototypes and like= keep the type, directions and
tag with zero perturbation parts; linspace, logspace and geomspace with dual end points against
their closed forms on object arrays (and mpmath-free analytic derivatives); conversions; the
joining functions with every mix of operands (dualnum.arrays.joining)."""
import numpy as np
import pytest

import dualnum as dn
from arrays_support import KINDS, NAMES, SCALAR, SUMS, assert_duals, objects, sample


def directional(T, shape=(3,)):
    """An array with two directions (2 x 3 for hyper-duals), general parts."""
    n = int(np.prod(shape))
    k, m = (2, 1) if T is dn.DualArray else (2, 3)
    parts = [np.sin(np.arange(n * k) + 1.0).reshape(shape + (k,)),
             np.cos(np.arange(n * m) + 2.0).reshape(shape + (m,)),
             np.sin(0.3 * np.arange(n * k * m)).reshape(shape + (k, m))]
    return T(0.5 + np.arange(n, dtype=float).reshape(shape), *parts[:len(NAMES[T]) - 1],
             directional=True)


def assert_constant(out, like, real):
    """out: like's type, directions and tag, real parts ``real``, zero perturbations."""
    assert type(out) is type(like) and out._tag == like._tag
    assert out._directional == like._directional and out.directions == like.directions
    np.testing.assert_array_equal(out.real, real)
    for n in NAMES[type(like)][1:]:
        part = getattr(out, n)
        assert not np.any(part) and part.flags.writeable
        assert part.shape[:out.ndim] == out.shape


CREATED = {
    "zeros_like": (lambda x: np.zeros_like(x), lambda r: np.zeros_like(r)),
    "ones_like F": (lambda x: np.ones_like(x, order="F"), lambda r: np.ones_like(r)),
    "empty_like shape": (lambda x: np.empty_like(x, shape=(2, 2)), lambda r: np.zeros((2, 2))),
    "full_like": (lambda x: np.full_like(x, 2.5), lambda r: np.full_like(r, 2.5)),
    "zeros": (lambda x: np.zeros((2, 3), like=x), lambda r: np.zeros((2, 3))),
    "dn.zeros": (lambda x: dn.zeros(4, like=x), lambda r: np.zeros(4)),
    "dn.ones": (lambda x: dn.ones((2, 1), like=x), lambda r: np.ones((2, 1))),
    "dn.empty": (lambda x: dn.empty(3, like=x), lambda r: np.zeros(3)),
    "dn.full": (lambda x: dn.full(3, 7.0, like=x), lambda r: np.full(3, 7.0)),
    "eye": (lambda x: np.eye(3, 2, k=-1, like=x), lambda r: np.eye(3, 2, k=-1)),
    "identity": (lambda x: np.identity(2, like=x), lambda r: np.identity(2)),
    "tri": (lambda x: np.tri(3, k=1, like=x), lambda r: np.tri(3, k=1)),
    "arange": (lambda x: np.arange(1, 7, 2, like=x), lambda r: np.arange(1.0, 7.0, 2.0)),
    "asarray ndarray": (lambda x: np.asarray(np.ones(3), like=x), lambda r: np.ones(3)),
    "array list": (lambda x: np.array([[1, 2]], like=x), lambda r: np.array([[1.0, 2.0]])),
}


@pytest.mark.parametrize("name", list(CREATED))
@pytest.mark.parametrize("plain", [True, False], ids=["plain", "directions"])
@pytest.mark.parametrize("T", KINDS)
def test_new_arrays_take_the_prototypes_layout_and_tag(T, plain, name):
    x = sample(T, (2, 3)) if plain else directional(T, (2, 3))
    x = type(x)._wrap(x._parts, x._directional, 7)  # of a computation
    make, real = CREATED[name]
    assert_constant(make(x), x, real(x.real))


@pytest.mark.parametrize("T", KINDS)
def test_order_and_memory_follow_numpy(T):
    x = sample(T, (2, 3))
    for order in "CF":
        out = np.zeros_like(x, order=order)
        assert out.real.flags.f_contiguous == (order == "F")
        assert np.zeros((2, 3), order=order, like=x).real.flags.f_contiguous == (order == "F")
    assert np.ones_like(x.T).real.flags.f_contiguous  # order='K': the prototype's layout
    out = np.zeros_like(x)
    assert not np.shares_memory(out.real, x.real)


@pytest.mark.parametrize("T", KINDS)
def test_a_dual_fill_value_carries_its_parts(T):
    x = directional(T)
    got = np.full_like(x, x[1] ** 2)
    for i in range(3):
        for n in NAMES[T]:
            np.testing.assert_array_equal(getattr(got[i], n), getattr(x[1] ** 2, n))
    s = sample(T, (2,))
    assert_duals(np.full((2, 2), s[0], like=s), np.full((2, 2), objects(s)[0], dtype=object), T)
    assert_duals(np.full_like(s, s[::-1]), objects(s)[::-1], T)


@pytest.mark.parametrize("T", KINDS)
def test_dtypes_other_than_float64_are_refused(T):
    x = sample(T, (2,))
    for call in (lambda: np.zeros_like(x, dtype=int), lambda: np.zeros(2, dtype=np.float32,
                                                                      like=x),
                 lambda: np.astype(x, np.int64), lambda: np.eye(2, dtype=int, like=x),
                 lambda: np.asarray(x, dtype=np.float32, like=x)):
        with pytest.raises(TypeError, match="parts of a dual array are float64"):
            call()
    assert np.astype(x, np.float64, copy=False) is x
    assert np.asarray(x, like=x) is x and np.array(x, like=x) is not x


@pytest.mark.parametrize("T", KINDS)
def test_arange_refuses_a_dual_bound_and_names_linspace(T):
    x = sample(T, (2,))
    with pytest.raises(TypeError, match="numpy.arange .*np.linspace"):
        np.arange(x[0], 5.0, like=x)


@pytest.mark.parametrize("T", KINDS)
def test_fromfunction_keeps_dual_values(T):
    x = sample(T, (3,))
    got = np.fromfunction(lambda i, j: x[i] * j, (3, 2), dtype=int, like=x)
    ref = objects(x)[:, None] * np.arange(2)
    assert_duals(got, ref, T)


# ---------------------------------------------------------------- dual end points
@pytest.mark.parametrize("endpoint", [True, False])
@pytest.mark.parametrize("T", KINDS)
def test_linspace_is_exact_in_its_end_points(T, endpoint):
    """Each sample is a (1 - t) + b t, t = i / div: its parts are those of a and b mixed by t
    (the closed form, on the object arrays); the real parts are NumPy's to the bit."""
    a, b = sample(T, (3,)), sample(T, (3,), start=4.0, step=-0.8)
    got, step = np.linspace(a, b, 6, endpoint=endpoint, retstep=True, axis=1)
    div = 5 if endpoint else 6
    t = np.arange(6) / div
    want = objects(a)[:, None] * (1 - t) + objects(b)[:, None] * t
    assert_duals(got, want, T, rtol=SUMS)
    np.testing.assert_array_equal(got.real, np.linspace(a.real, b.real, 6, endpoint, axis=1))
    assert_duals(step, (objects(b) - objects(a)) / div, T, rtol=SUMS)
    if endpoint:
        assert_duals(got[:, -1], objects(b), T)  # the last sample is stop exactly


@pytest.mark.parametrize("T", KINDS)
def test_linspace_with_directions_and_a_constant_end(T):
    x = directional(T)
    got = np.linspace(x, 1.0, 4, axis=-1)
    for n in NAMES[T][1:]:
        part = getattr(x, n)
        want = part[:, None] * (1 - np.arange(4) / 3).reshape((1, 4) + (1,) * (part.ndim - 1))
        np.testing.assert_allclose(getattr(got, n), want, rtol=1e-15, atol=1e-15)


@pytest.mark.parametrize("T", KINDS)
def test_logspace_and_geomspace_against_their_definitions(T):
    a, b = sample(T, (2,)), sample(T, (2,), start=2.0, step=0.5)
    t = np.linspace(0.0, 1.0, 5)[:, None]
    assert_duals(np.logspace(a, b, 5), 10.0 ** (objects(a) * (1 - t) + objects(b) * t), T,
                 rtol=SUMS)
    base = sample(T, (), start=1.5)
    assert_duals(np.logspace(0.0, 2.0, 3, base=base), objects(base) ** np.arange(3.0), T,
                 rtol=SUMS)
    got = np.geomspace(a, b, 5)
    assert_duals(got, objects(a) * (objects(b) / objects(a)) ** t, T, rtol=SUMS)
    np.testing.assert_array_equal(got.real, np.geomspace(a.real, b.real, 5))
    assert_duals(got[0], objects(a), T)
    negative = np.geomspace(-a, -b, 5, axis=1)
    assert_duals(negative, -np.moveaxis(objects(a) * (objects(b) / objects(a)) ** t, 0, 1), T,
                 rtol=SUMS)
    with pytest.raises(ValueError, match="cannot include zero"):
        np.geomspace(a * 0.0, b)


def test_linspace_derivative_through_the_api():
    """d/dT of sum(linspace(0, T, n)**2) = 2 T sum(t_i^2), t_i = i/(n-1)."""
    t = np.linspace(0.0, 1.0, 5)
    got = dn.derivative(lambda s: np.sum(np.linspace(0.0, s, 5) ** 2), 1.5)
    assert got == pytest.approx(2 * 1.5 * np.sum(t ** 2), rel=1e-15)
    assert dn.second_derivative(lambda s: np.sum(np.linspace(0.0, s, 5) ** 2), 1.5) == \
        pytest.approx(2 * np.sum(t ** 2), rel=1e-15)


# ---------------------------------------------------------------- conversions
@pytest.mark.parametrize("T", KINDS)
def test_conversions_with_like(T):
    x = sample(T, (2, 3)).T  # Fortran-ordered real parts
    assert np.asarray(x, like=x) is x
    assert np.ascontiguousarray(x, like=x).real.flags.c_contiguous
    assert np.asfortranarray(x, like=x) is x
    assert np.require(x, requirements="C", like=x).real.flags.c_contiguous
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        np.asarray(x, order="C", copy=False, like=x)
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        np.asarray([1.0, 2.0], copy=False, like=x)
    assert np.ascontiguousarray(x[0, 0], like=x).shape == (1,)
    assert_duals(np.array(x, ndmin=3, like=x), np.array(objects(x), ndmin=3), T)
    s = SCALAR[T](1.5, *[0.5] * (len(NAMES[T]) - 1))
    assert_duals(np.asarray([s, 2.0], like=x), np.array([s, 2.0], dtype=object), T)


# ---------------------------------------------------------------- joining any mix of operands
def mixes(T):
    """(a dual array, a scalar dual, an ndarray, a list, a number) for joining."""
    return (sample(T, (2,)), SCALAR[T](2.5, *[-0.5, 0.25, 1.5][:len(NAMES[T]) - 1]),
            np.array([3.0, 4.0]), [5.0, 6.0], 7.0)


JOINS = {
    "concatenate": lambda a, s, n, l, c: np.concatenate([n, a, l]),
    "concatenate scalar": lambda a, s, n, l, c: np.concatenate([[c], a, [s]]),
    "stack": lambda a, s, n, l, c: np.stack([l, a, n], axis=1),
    "hstack": lambda a, s, n, l, c: np.hstack([c, a, s, n]),
    "vstack": lambda a, s, n, l, c: np.vstack([n, a, l]),
    "dstack": lambda a, s, n, l, c: np.dstack([n, a]),
    "column_stack": lambda a, s, n, l, c: np.column_stack([l, a, n]),
    "block": lambda a, s, n, l, c: np.block([[a, c], [n, s]]),
    "block 2-D": lambda a, s, n, l, c: np.block([[np.outer(a, n), np.ones((2, 1))],
                                                 [np.stack([a, a]), np.array([[c], [c]])]]),
    "append": lambda a, s, n, l, c: np.append(n, a),
    "append axis": lambda a, s, n, l, c: np.append(np.stack([a, n]), [l], axis=0),
    "where": lambda a, s, n, l, c: np.where([True, False], n, a),
    "where scalar": lambda a, s, n, l, c: np.where([True, False], s, l),
    "select": lambda a, s, n, l, c: np.select([n > 3.5, a.real > 0.5], [a, s], c),
    "select list": lambda a, s, n, l, c: np.select([np.array([True, False])], [a], l),
    # a tuple holding a scalar dual is a sequence as a list is (before: a TypeError)
    "concatenate tuple": lambda a, s, n, l, c: np.concatenate([a, (s, c)]),
    "stack tuple": lambda a, s, n, l, c: np.stack([a, (c, s)]),
    "hstack tuple": lambda a, s, n, l, c: np.hstack([a, (s,)]),
    "vstack tuple": lambda a, s, n, l, c: np.vstack([(s, c), a]),
    "column_stack tuple": lambda a, s, n, l, c: np.column_stack([a, (s, c)]),
    "append tuple": lambda a, s, n, l, c: np.append(a, (s, c)),
    "where tuple": lambda a, s, n, l, c: np.where([True, False], (s, c), a),
}


@pytest.mark.parametrize("name", list(JOINS))
@pytest.mark.parametrize("T", KINDS)
def test_joining_any_mix_of_operands(T, name):
    """Against NumPy on object arrays of scalar duals (constants as plain numbers)."""
    a, s, n, l, c = mixes(T)
    got = JOINS[name](a, s, n, l, c)
    want = JOINS[name](objects(a), s, n.astype(object), l, c)
    assert_duals(got, want, T)


@pytest.mark.parametrize("T", KINDS)
def test_joining_keeps_directions_and_tags(T):
    x = directional(T, (2,))
    x = type(x)._wrap(x._parts, True, 5)
    for got in (np.concatenate([x, np.ones(2)]), np.block([[x, 1.0]]), np.append(x, [1.0]),
                np.column_stack([x, [1.0, 2.0]]), np.select([[True, False]], [x], 0.0),
                np.dstack([[1.0, 2.0], x])):
        assert got._tag == 5 and got.directions == x.directions
    with pytest.raises(ValueError, match="List depths are mismatched"):
        np.block([[x], x])
    with pytest.raises(ValueError, match="same length"):
        np.select([[True, False]], [x, x])
