"""Fixtures shared by several test modules: a real dask.distributed cluster and Dask's
threaded scheduler, for the tests of dualnum.dask. Dask is imported only where a test asks
for one (the other tests check that dualnum alone never imports it)."""
import os

import pytest


@pytest.fixture(scope="module")
def cluster():
    """A Client of a LocalCluster of 2 worker processes with 1 thread each (no dashboard),
    started on first use in a test module and closed at its end.

    Module-scoped rather than kept for the session: a live client's threads allocate in
    the background, which the memory tests of later modules (test_leaks, test_pool) would
    count. Its nannies set variables in os.environ when they start a worker
    (MALLOC_TRIM_THRESHOLD_, OMP_NUM_THREADS, ...), which the subprocesses of later tests
    would inherit: the environment is restored on closing."""
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
