"""A new number type gets every linear function of the array package unchanged.

Linear operations (sums, reshapes, indexing, concatenation, products with constant
matrices, ...) act on each part alike, so a type defined only by its facts (scalar type,
part names, direction axes) must get them all without code of its own. The type here holds
truncated Taylor coefficients (c0, c1, c2) of a curve t -> x(t); a linear map L takes the
coefficients of x to those of L x, so every result is checked against NumPy applied to each
coefficient array on its own.
"""
import numpy as np
import pytest

from dualnum.arrays.container import _Base


class Taylor2:
    """One element: three coefficients."""

    def __init__(self, *coefficients):
        self.coefficients = coefficients


class Taylor2Array(_Base):
    __slots__ = ()
    _scalar = Taylor2
    _dir_ndim = (0, 0, 0)
    _names = ("c0", "c1", "c2")

    def _direction_shapes(self, parts):
        return [(), (), ()]


RNG = np.random.default_rng(3)
PARTS = [RNG.normal(size=(3, 4)) for _ in range(3)]
OTHER = [RNG.normal(size=(3, 4)) for _ in range(3)]
MATRIX = RNG.normal(size=(4, 2))
CONSTANT = RNG.normal(size=(3, 4))

# name: (the operation on arrays of the new type, the same on one coefficient array)
LINEAR = {
    "slice": (lambda x, y: x[1:, ::2], lambda p, q: p[1:, ::2]),
    "fancy index": (lambda x, y: x[[2, 0], 1], lambda p, q: p[[2, 0], 1]),
    "reshape": (lambda x, y: x.reshape(2, 6), lambda p, q: p.reshape(2, 6)),
    "transpose": (lambda x, y: x.T, lambda p, q: p.T),
    "sum": (lambda x, y: np.sum(x, axis=0), lambda p, q: np.sum(p, axis=0)),
    "mean": (lambda x, y: np.mean(x, axis=1), lambda p, q: np.mean(p, axis=1)),
    "cumsum": (lambda x, y: np.cumsum(x, axis=1), lambda p, q: np.cumsum(p, axis=1)),
    "diff": (lambda x, y: np.diff(x), lambda p, q: np.diff(p)),
    "trace": (lambda x, y: np.trace(np.stack([x[:, :3], y[:, 1:]]), axis1=1, axis2=2),
              lambda p, q: np.trace(np.stack([p[:, :3], q[:, 1:]]), axis1=1, axis2=2)),
    "concatenate": (lambda x, y: np.concatenate([x, y], axis=1),
                    lambda p, q: np.concatenate([p, q], axis=1)),
    "stack": (lambda x, y: np.stack([x, y]), lambda p, q: np.stack([p, q])),
    "moveaxis": (lambda x, y: np.moveaxis(x[None], 0, -1), lambda p, q: p[..., None]),
    "broadcast_to": (lambda x, y: np.broadcast_to(x, (2, 3, 4)),
                     lambda p, q: np.broadcast_to(p, (2, 3, 4))),
    "where": (lambda x, y: np.where(CONSTANT > 0, x, y), lambda p, q: np.where(CONSTANT > 0, p, q)),
    "sum of arrays": (lambda x, y: x + y, lambda p, q: p + q),
    "difference": (lambda x, y: x - y, lambda p, q: p - q),
    "times a number": (lambda x, y: 2.5 * x - y / 4.0, lambda p, q: 2.5 * p - q / 4.0),
    "negation": (lambda x, y: -x, lambda p, q: -p),
    "matrix product by a constant": (lambda x, y: x @ MATRIX, lambda p, q: p @ MATRIX),
    "constant matrix times": (lambda x, y: MATRIX.T @ x.T, lambda p, q: MATRIX.T @ p.T),
    "dot": (lambda x, y: np.dot(x, MATRIX), lambda p, q: np.dot(p, MATRIX)),
}


@pytest.mark.parametrize("name", list(LINEAR))
def test_linear_functions_serve_a_new_type_unchanged(name):
    op, on_part = LINEAR[name]
    got = op(Taylor2Array(*PARTS), Taylor2Array(*OTHER))
    assert type(got) is Taylor2Array
    for part, p, q in zip(got._parts, PARTS, OTHER):
        np.testing.assert_array_equal(part, on_part(p, q))


def test_a_constant_operand_gets_zero_coefficients():
    got = Taylor2Array(*PARTS) + CONSTANT
    np.testing.assert_array_equal(got._parts[0], PARTS[0] + CONSTANT)
    for part, p in zip(got._parts[1:], PARTS[1:]):
        np.testing.assert_array_equal(part, p)


def test_one_element_is_the_types_scalar():
    element = Taylor2Array(*PARTS)[1, 2]
    assert type(element) is Taylor2
    assert element.coefficients == tuple(p[1, 2] for p in PARTS)


@pytest.mark.parametrize("operation, message", [
    (lambda x: x * x, "Taylor2Array has no kernel for the rule 'multiply'"),
    (lambda x: x ** 2, "Taylor2Array has no kernel for the rule 'square'"),
    (lambda x: np.sin(x), "Taylor2Array has no kernel for the rule 'sin'"),
    (lambda x: np.exp(np.concatenate([x.reshape(-1)] * 50)), "Taylor2Array has no chain rule"),
    (lambda x: x @ x.T, "Taylor2Array has no product rule"),
], ids=["multiply", "square", "kernel rule", "twin rule", "matmul"])
def test_products_and_rules_need_the_types_own_algebra(operation, message):
    with pytest.raises(TypeError, match=message):
        operation(Taylor2Array(*PARTS))
