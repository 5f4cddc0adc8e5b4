"""Fixtures shared by several test modules: a real dask.distributed cluster and Dask's
threaded scheduler, for the tests of dualnum.dask. Dask is imported only where a test asks
for one (the other tests check that dualnum alone never imports it)."""
import os

import pytest


@pytest.fixture(scope="module")
def cluster():
    """A Client of a LocalCluster of 2 worker processes with 1 thread each (no dashboard),
    started on first use and closed at the end of the test module. Per module, and the
    environment restored after it: distributed's nanny sets variables in this process's
    environment (MALLOC_TRIM_THRESHOLD_, OMP_NUM_THREADS, ...) and runs an event loop
    thread, which the tests of heap reuse, leaks and timings after it would otherwise
    inherit."""
    from distributed import Client, LocalCluster
    environ = dict(os.environ)
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as local, Client(local) as client:
            yield client
    finally:
        os.environ.clear()
        os.environ.update(environ)


@pytest.fixture
def threads():
    """Dask's threaded scheduler as the default, within the test."""
    import dask
    with dask.config.set(scheduler="threads"):
        yield
