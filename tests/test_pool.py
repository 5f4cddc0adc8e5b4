"""The buffer pool used during block-by-block evaluation: recycled buffers never alias live
arrays, arrays outlive the pool, and nesting works; the heap thresholds set at import keep
freed temporaries for reuse, unless the user set them."""
import os
import subprocess
import sys

import numpy as np
import pytest

from dualnum import _pool
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


# Minor page faults per call of a dual kernel on 1e5 elements (two 800 kB outputs freed per
# call), in a fresh interpreter: with glibc's thresholds as dualnum sets them the heap keeps
# the freed outputs (measured 0); glibc's start-up thresholds, which the MALLOC_ variable
# below pins, hand them back every call (measured ~390: each 4 kB page faulted in again).
_FAULTS = """
import resource, numpy as np, dualnum
x, b = np.linspace(0.5, 1.5, 100_000), np.ones((100_000, 1))
for _ in range(3):
    dualnum.ufuncs.dual_multiply(x, b, x, b)
start = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50):
    dualnum.ufuncs.dual_multiply(x, b, x, b)
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - start) / 50)
"""


def _faults_per_call(**environ):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), **environ)
    run = subprocess.run([sys.executable, "-c", _FAULTS], env=env, capture_output=True,
                         text=True, check=True)
    return float(run.stdout)


@pytest.mark.skipif(not _pool.keep_freed_heap(os.environ), reason="glibc's heap thresholds")
def test_dual_kernels_reuse_freed_heap_memory():
    assert _faults_per_call() < 20
    assert _faults_per_call(MALLOC_MMAP_THRESHOLD_="131072") > 200  # the user's setting kept


def test_the_users_malloc_settings_are_left_alone():
    for environ in ({"MALLOC_TRIM_THRESHOLD_": "0"}, {"MALLOC_MMAP_THRESHOLD_": "0"},
                    {"MALLOC_TOP_PAD_": "0"}, {"MALLOC_MMAP_MAX_": "0"},
                    {"GLIBC_TUNABLES": "glibc.malloc.trim_threshold=0"}):
        assert not _pool.keep_freed_heap(environ)
