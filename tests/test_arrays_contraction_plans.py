"""The plans einsum keeps (dualnum.arrays.contractions: the subscripts read once per string
and operand dimensions, the product rule's terms once per form) against planning afresh:
the same subscripts as NumPy's parser, and the same parts, where one string meets operands
of several dimensions (an ellipsis) and several mixes of dual and constant operands."""
import numpy as np
import pytest

from arrays_support import KINDS, seeded
from dualnum.arrays import contractions

try:
    from numpy._core.einsumfunc import _parse_einsum_input
except ImportError:  # NumPy 1.x
    from numpy.core.einsumfunc import _parse_einsum_input


@pytest.mark.parametrize("subscripts, shapes", [
    ("...j,...j->...", [(4,), (4,)]), ("...j,...j->...", [(2, 4), (2, 4)]),
    ("...j,...j->...", [(3, 2, 4), (2, 4)]), ("ij,jk", [(2, 3), (3, 4)]),
    ("ii", [(3, 3)]), ("i...->...", [(2, 3, 4)]), ("ij,ij->i", [(2, 3), (2, 3)])])
def test_the_parsed_subscripts_are_numpys(subscripts, shapes):
    arrays = [np.ones(s) for s in shapes]
    inputs, output, _ = _parse_einsum_input([subscripts] + arrays)
    assert contractions._parsed(subscripts, tuple(len(s) for s in shapes)) == (inputs, output)


@pytest.mark.parametrize("T", KINDS)
def test_one_string_over_several_dimensions_and_mixes(T):
    rng = np.random.default_rng(2)
    for shape in [(4,), (2, 4), (3, 2, 4), (2, 4)]:
        x = seeded(T, rng.uniform(-1.0, 1.0, shape).ravel(), True, rng).reshape(shape)
        c = rng.uniform(-1.0, 1.0, shape)
        for a, b in [(x, x), (x, c), (c, x)]:
            got = np.einsum("...j,...j->...", a, b)
            want = np.sum(a * b, axis=-1)  # the same product rule, by elementwise arithmetic
            for g, w in zip(got._parts, want._parts):
                np.testing.assert_allclose(g, w, rtol=1e-14, atol=1e-14)
