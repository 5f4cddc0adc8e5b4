"""The buffer pool used during block-by-block evaluation: recycled buffers never alias live
arrays, arrays outlive the pool, and nesting works."""
import numpy as np

from dualnum._pool import reuse_buffers


def test_live_arrays_never_share_a_buffer():
    with reuse_buffers():
        kept = []
        for i in range(50):
            a = np.full(10000, float(i))
            b = a + 1.0          # same size: may take a recycled buffer, never a live one
            kept.append((a, b))
            del a, b
        for i, (a, b) in enumerate(kept):
            assert np.all(a == i) and np.all(b == i + 1)


def test_arrays_outlive_the_pool():
    with reuse_buffers():
        made = [np.arange(5000.0) * k for k in range(10)]
    for k, a in enumerate(made):
        np.testing.assert_array_equal(a, np.arange(5000.0) * k)
    del made  # freed after the pool closed: back to malloc, no crash


def test_nested_pools_and_results():
    with reuse_buffers():
        x = np.linspace(0.0, 1.0, 20000)
        with reuse_buffers():
            y = np.sin(x) ** 2 + np.cos(x) ** 2
        z = y * 2.0
    np.testing.assert_allclose(z, 2.0)
