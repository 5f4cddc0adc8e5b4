"""Peak memory of the evaluations that run in pieces, as the README bounds it, measured with
tracemalloc (which sees every NumPy array's data): the elementwise derivatives at n = 1e7,
evaluated block by block, and a gradient of many inputs, evaluated a chunk of directions at
a time.

Each bound is stated in terms of f's own peak on floats, measured here the same way, so that
it holds for f as written and not for one figure.
"""
import tracemalloc

import numpy as np
import pytest

import dualnum as dn
from dualnum import api
from dualnum.bench.network import network
from dualnum.bench.workloads import f_numpy

N = 10 ** 7


def traced_peak(work):
    """The peak traced memory (bytes) of one call of ``work`` after a warm-up call."""
    work()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def points():
    return np.linspace(0.1, 10.0, N)


# entry point: (outputs of x's size, parts per dual array, elements per block)
ELEMENTWISE = {"derivative": (1, 2, api.BLOCK), "second_derivative": (1, 4, api.HYPER_BLOCK),
               "derivatives": (3, 4, api.HYPER_BLOCK)}


@pytest.mark.parametrize("workers", [1, 3])
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_an_elementwise_derivative_holds_its_outputs_and_a_few_blocks(points, name, workers):
    """The README's bound: the outputs, plus per thread (``workers``) and per live
    intermediate of f 2 (dual) or 4 (hyper-dual) arrays of one block (f's own peak on a
    block of floats counts its live intermediates), plus 3 temporaries of one block for a
    NumPy twin. Without blocks the dual intermediates alone would take 2 x 80 MB each."""
    outputs, parts, block = ELEMENTWISE[name]
    f_block = traced_peak(lambda: f_numpy(points[:block]))
    peak = traced_peak(lambda: getattr(dn, name)(f_numpy, points, workers=workers))
    bound = outputs * 8 * N + workers * (parts * f_block + 3 * 8 * block)
    assert outputs * 8 * N < peak <= bound, (peak, bound)


def test_a_gradient_of_many_inputs_holds_about_a_chunk_of_evaluations():
    """The two-layer network's loss at 2 177 parameters: the gradient's peak at most 4 times
    the loss's own peak per direction of its largest pass, whose number of directions is
    chosen from the size of the loss's intermediates (not all 2 177, not a constant)."""
    loss, p = network(64)
    directions = []

    def recorded(q):
        directions.append(q.directions)
        return loss(q)
    peak = traced_peak(lambda: dn.gradient(recorded, p))
    k = max(directions)
    assert directions[0] == 1 and k == api.CHUNK_ELEMENTS // (256 * 64) < api.CHUNK
    assert peak <= 4 * k * traced_peak(lambda: loss(p)), (peak, k)


def test_a_hessian_vector_product_of_many_inputs_holds_about_a_chunk_too():
    """hvp carries v and a chunk of the inputs' directions per pass, sized as the
    gradient's: at most 4 times the loss's peak per direction of its largest pass."""
    loss, p = network(64)
    directions = []

    def recorded(q):
        directions.append(q.directions)
        return loss(q)
    peak = traced_peak(lambda: dn.hvp(recorded, p, np.ones(p.size)))
    k = max(m for _, m in directions)
    assert directions[0] == (1, 1) and k < api.CHUNK
    assert peak <= 4 * k * traced_peak(lambda: loss(p)), (peak, k)


def test_an_x_that_is_not_contiguous_is_copied_first():
    """The README: a strided x is copied whole before its blocks are evaluated, so the
    peak holds that copy besides the output."""
    big = np.linspace(0.1, 10.0, 2 * 10 ** 6)
    strided = big[::2]
    contiguous = np.ascontiguousarray(strided)
    plain = traced_peak(lambda: dn.derivative(np.sin, contiguous))
    peak = traced_peak(lambda: dn.derivative(np.sin, strided))
    assert peak >= plain + strided.nbytes * 0.99
    np.testing.assert_array_equal(dn.derivative(np.sin, strided),
                                  dn.derivative(np.sin, contiguous))
