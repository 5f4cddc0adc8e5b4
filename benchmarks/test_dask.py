"""f' of more points than memory holds: the report's composite f (dualnum.bench.workloads:
exp(sin x) x^2/(1 + x^2) + sqrt(x) ln x + tanh x) at N points of (0.1, 10) generated lazily
as a Dask array (``da.linspace``, chunks of 2^20 points: 8 MiB), its derivative
``dn.derivative(f, x)`` (dualnum.dask.elementwise) summed, so that no step holds all N;
Dask's threaded scheduler on every core. Against the same pipeline with plain f (the
baseline) and with the central difference (two evaluations of f per point), each mapped
over the chunks as a NumPy function.

The peak resident memory of the process while each candidate runs (sampled every 10 ms
with psutil, which distributed brings) must stay under 2 GB above its size before the run
(run alone, the process starts near 250 MB; after the rest of the suite it holds what that
took), whatever N; it is a note below
the ratio table, with the process's lifetime maximum (``resource.getrusage``). N is
``DUALNUM_BENCH_POINTS`` (default 10^7, for CI; 10^9, 8 GB of input, by hand: README's
"Benchmarks"). One round each (a round of 10^9 points takes a minute).
Run: ``DUALNUM_BENCH_POINTS=1e9 python -m pytest benchmarks/test_dask.py``.
"""
import os
import resource
import threading
import time

import pytest

da = pytest.importorskip("dask.array")
psutil = pytest.importorskip("psutil")

import dualnum as dn  # noqa: E402
from dualnum.bench.workloads import H1, f_numpy  # noqa: E402

POINTS = int(float(os.environ.get("DUALNUM_BENCH_POINTS", "1e7")))
CHUNK = 2 ** 20
LOW, HIGH = 0.1, 10.0
PEAK_LIMIT = 2 * 10 ** 9   # bytes
GROUP = "f' of %.0e points, Dask, summed" % POINTS
PLAIN, CENTRAL, DUALNUM = "plain f", "central difference", "dualnum"


def points(n=POINTS):
    return da.linspace(LOW, HIGH, n, chunks=CHUNK)


def central(chunk):
    return (f_numpy(chunk + H1) - f_numpy(chunk - H1)) / (2 * H1)


# f and the central difference chunk by chunk, as NumPy functions (map_blocks): what a user
# would write (f applied to the Dask array itself makes a task of every operation)
CANDIDATES = {
    PLAIN: lambda x: x.map_blocks(f_numpy).sum(),
    CENTRAL: lambda x: x.map_blocks(central).sum(),
    DUALNUM: lambda x: dn.derivative(f_numpy, x).sum(),
}


class PeakMemory:
    """The largest resident set size of this process while inside the block, sampled every
    10 ms by a thread, and its size on entering (``start``): in a run of the whole
    benchmark suite the process already holds what earlier benchmarks took (and the
    allocator keeps), so the computation's own is ``peak - start``."""

    def __enter__(self):
        self.process, self._done = psutil.Process(), threading.Event()
        self.start = self.peak = self.process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while True:
            self.peak = max(self.peak, self.process.memory_info().rss)
            if self._done.wait(0.01):
                return

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)
        return False


@pytest.mark.parametrize("name", list(CANDIDATES))
def test_dask_derivative_of_many_points(benchmark, name):
    benchmark.group = GROUP
    # a first computation of two chunks: the first calls of the scheduler's threads, of
    # NumPy and of dualnum cost up to 1.5 s, which a single round would take for the work
    CANDIDATES[name](points(2 * CHUNK)).compute(scheduler="threads")
    total = CANDIDATES[name](points())   # the graph, built lazily
    benchmark.extra_info["baseline"] = "test_dask_derivative_of_many_points[%s]" % PLAIN
    # one round of 10^9 points takes a minute; smaller runs take three, the fastest counted,
    # as one round of a few seconds drifts with what else the machine does
    rounds = 1 if POINTS > 10 ** 8 else 3
    with PeakMemory() as memory:
        start = time.perf_counter()
        value = benchmark.pedantic(total.compute, kwargs={"scheduler": "threads"},
                                   rounds=rounds, iterations=1)
        seconds = (time.perf_counter() - start) / rounds
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # KiB on Linux
    benchmark.extra_info["note"] = (
        "%d points in %.1f s; peak RSS while it ran %.0f MB, %.0f MB above its size before "
        "(the process's lifetime maximum %.0f MB)"
        % (POINTS, seconds, memory.peak / 1e6, (memory.peak - memory.start) / 1e6,
           maxrss / 1e6))
    assert memory.peak - memory.start < PEAK_LIMIT, (memory.start, memory.peak)
    if name != PLAIN:   # the sum of f' at evenly spaced points: (f(b) - f(a)) / step
        step = (HIGH - LOW) / (POINTS - 1)
        expected = (f_numpy(HIGH) - f_numpy(LOW)) / step
        assert value == pytest.approx(expected, rel=1e-3)
