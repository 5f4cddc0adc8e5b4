"""What the tests of DualArray and HyperDualArray (tests/test_arrays_*.py) share: the two
array types with their scalar types and part names, fixed sample arrays, object-array
references and the comparison of a result with one.

The reference for every operation is the same operation on a NumPy object array of scalar
``Dual``/``HyperDual`` numbers built from the array's parts (or, where that is the
definition, on the parts directly). Elementwise arithmetic shares its C rules with the
scalars and is compared exactly; anything that sums in another order (reductions, products,
linear algebra) to a relative ``SUMS``.

Imported by name (pytest puts tests/ on sys.path, as for references.py). pytest rewrites the
assert statements of test modules only, so the asserts here carry the compared values in
their messages.
"""
import numpy as np

import dualnum as dn

KINDS = [dn.DualArray, dn.HyperDualArray]
SCALAR = {dn.DualArray: dn.Dual, dn.HyperDualArray: dn.HyperDual}
NAMES = {dn.DualArray: ("real", "dual"), dn.HyperDualArray: ("real", "eps1", "eps2", "eps1eps2")}
SUMS = 1e-13  # tolerance where the order of summation differs


def sample(T, shape, start=0.3, step=0.37):
    """A fixed array: real parts start + step i, perturbation parts distinct per element."""
    i = np.arange(int(np.prod(shape)), dtype=float)
    pert = [np.round(np.sin(1.7 * (j + 1) + 0.9 * i), 3).reshape(shape)
            for j in range(len(NAMES[T]) - 1)]
    return T((start + step * i).reshape(shape), *pert)


def seeded(T, x, directional, rng):
    """An array of type T at x with general perturbation parts, some of them exactly 0."""
    n = x.size
    if T is dn.DualArray:
        shapes = [(n, 3)] if directional else [(n,)]
    else:
        shapes = [(n, 3), (n, 2), (n, 3, 2)] if directional else [(n,)] * 3
    parts = [rng.uniform(-2.0, 2.0, s) for s in shapes]
    for p in parts:
        p[::7] = 0.0  # a constant element: its parts must stay exactly 0 on both paths
    return T(x, *parts, directional=directional)


def objects(x):
    """x as an object array of scalar duals, built from its parts."""
    if not isinstance(x, (dn.DualArray, dn.HyperDualArray)):
        return np.asarray(x).astype(object) if isinstance(x, np.ndarray) else x
    parts = [np.asarray(getattr(x, n)) for n in NAMES[type(x)]]
    out = np.empty(x.shape, dtype=object)
    for idx in np.ndindex(x.shape):
        out[idx] = SCALAR[type(x)](*[float(p[idx]) for p in parts])
    return out


def expected_parts(obj, T):
    obj = np.asarray(obj, dtype=object)
    names = NAMES[T]
    return [np.array([getattr(v, n) if isinstance(v, SCALAR[T]) else (float(v) if n == "real"
                      else 0.0) for v in obj.flat], dtype=float).reshape(obj.shape)
            for n in names]


def assert_duals(result, expected, T, rtol=0.0):
    """result (array or scalar of type T) equals the object array/scalar expected."""
    if isinstance(expected, SCALAR[T]):
        assert type(result) is SCALAR[T], type(result)
    else:
        assert type(result) is T, type(result)
        assert result.shape == np.shape(expected), (result.shape, np.shape(expected))
    for name, want in zip(NAMES[T], expected_parts(expected, T)):
        got = np.asarray(getattr(result, name))
        assert got.shape == want.shape, (name, got.shape, want.shape)
        if rtol:
            scale = np.max(np.abs(want[np.isfinite(want)]), initial=1.0)
            np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * scale, err_msg=name)
        else:
            np.testing.assert_array_equal(got, want, err_msg=name)


def tie_reference(x, axis, pick):
    """max/min by definition: the extreme real part; perturbation parts the mean over the
    elements that attain it, except at a tie of perturbed elements, a kink, where no second
    derivative exists (NaN)."""
    T = type(x)
    parts = [np.asarray(getattr(x, n)) for n in NAMES[T]]
    if axis is None:
        parts, axis = [p.reshape(-1) for p in parts], 0
    moved = [np.moveaxis(p, axis, -1) for p in parts]
    out = np.empty(moved[0].shape[:-1], dtype=object)
    for idx in np.ndindex(out.shape):
        real = moved[0][idx]
        tied = real == pick(real)
        means = [float(np.mean(p[idx][tied])) for p in moved[1:]]
        if len(means) == 3 and tied.sum() > 1 and \
                np.abs(moved[1][idx][tied]).sum() * np.abs(moved[2][idx][tied]).sum() > 0:
            means[2] = np.nan
        out[idx] = SCALAR[T](float(pick(real)), *means)
    return out if out.ndim else out[()]


def operand_a(T):
    """The first operand of the array-function tables (shape and linalg)."""
    return sample(T, (2, 3))


def operand_b(T):
    """The second operand of the array-function tables."""
    return sample(T, (2, 3), start=-1.0, step=0.45)
