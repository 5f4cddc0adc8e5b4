"""dualnum.dask.jacobian, gradient and hessian: each direction chunk (Hessian block) one Dask
task, a lazy Dask array out, computed bit for bit as the in-memory functions compute, on the
threaded and processes schedulers and a real 2-process dask.distributed cluster; SciPy's
rosen_der and rosen_hess as references from outside."""
import subprocess
import sys
import warnings

import cloudpickle
import numpy as np
import pytest

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")

import dualnum as dn  # noqa: E402
import dualnum.dask as dnd  # noqa: E402
from dualnum import api  # noqa: E402
from dualnum.dask import directions  # noqa: E402
from scipy.optimize import rosen, rosen_der, rosen_hess  # noqa: E402

N = 10
X = np.linspace(-1.2, 1.9, N)
CHUNKS = [1, 3, N - 1, N, None]


def same_bits(got, want):
    """got (a computed Dask array) has want's shape and float bits, NaN included."""
    got, want = np.asarray(got), np.asarray(want)
    return (got.shape == want.shape and got.dtype == want.dtype == np.float64
            and got.tobytes() == want.tobytes())


def rosenbrock(p):
    """Rosenbrock's function in NumPy operations (the directions' fast path; SciPy's rosen
    converts its input with np.asarray: one direction per evaluation)."""
    return np.sum(100.0 * (p[1:] - p[:-1] ** 2) ** 2 + (1.0 - p[:-1]) ** 2)


def vector(p):
    """A vector function of a 1-D or 2-D p: shape (3,) + p.shape[1:]."""
    return np.stack([np.sin(p[0]) * p[-1], np.sum(np.exp(p) * p[::-1], axis=0),
                     np.prod(p[:3], axis=0) / (1.0 + p[1] ** 2)])


def dense(p):
    """A product through BLAS whose perturbation parts are dense (cumsum's): its bits
    depend on how many directions a pass carries."""
    W = np.cos(np.add.outer(0.7 * np.arange(4), 0.31 * np.arange(p.size)))
    return np.tanh(W @ np.cumsum(p))


def same_chunks(f, x, chunk):
    """The Jacobian by the in-memory evaluation of the same chunks, one after another."""
    x = np.asarray(x, dtype=np.float64)
    parts = [api.along(f, x, api._unit_columns(x, a, min(a + chunk, x.size)), api.new_tag())
             for a in range(0, x.size, chunk)]
    return np.concatenate(parts, axis=-1).reshape(parts[0].shape[:-1] + x.shape)


# ---- against the in-memory functions, bit for bit ----

@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("f", [rosenbrock, rosen], ids=["numpy", "scipy"])
def test_rosenbrock_gradient_and_hessian(threads, f, chunk):
    g, H = dnd.gradient(f, X, chunk=chunk), dnd.hessian(f, X, chunk=chunk)
    assert isinstance(g, da.Array) and isinstance(H, da.Array)
    assert g.shape == (N,) and H.shape == (N, N)
    assert same_bits(g.compute(), dn.gradient(f, X))
    assert same_bits(H.compute(), dn.hessian(f, X))
    np.testing.assert_allclose(g.compute(), rosen_der(X), rtol=1e-14, atol=1e-12)
    np.testing.assert_allclose(H.compute(), rosen_hess(X), rtol=1e-14, atol=1e-12)


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("shape", [(N,), (2, 5)])
def test_vector_jacobian(threads, chunk, shape):
    x = X.reshape(shape)
    J = dnd.jacobian(vector, x, chunk=chunk)
    want = dn.jacobian(vector, x)
    assert J.shape == want.shape == (3,) + shape[1:] + shape
    assert same_bits(J.compute(), want)


@pytest.mark.parametrize("chunk", CHUNKS)
def test_two_dimensional_x(threads, chunk):
    x = X.reshape(2, 5)
    f = lambda p: rosenbrock(p.reshape(-1)) * np.sum(p[0] * p[1])  # noqa: E731
    g, H = dnd.gradient(f, x, chunk=chunk), dnd.hessian(f, x, chunk=chunk)
    assert g.shape == (2, 5) and H.shape == (2, 5, 2, 5)
    assert same_bits(g.compute(), dn.gradient(f, x))
    assert same_bits(H.compute(), dn.hessian(f, x))


def summed(p):
    """A sum of a product's result: NumPy sums one direction's column otherwise than
    several."""
    W = np.sin(np.add.outer(0.3 * np.arange(400), 0.7 * np.arange(p.size)))
    return np.sum(np.tanh(W @ np.sin(p)) ** 2)


@pytest.mark.parametrize("chunk", [1, 2, 3, N - 1])
@pytest.mark.parametrize("f", [dense, summed])
def test_blas_products_match_the_same_chunks_in_memory(threads, f, chunk):
    J = dnd.jacobian(f, X, chunk=chunk).compute()
    assert same_bits(J, same_chunks(f, X, chunk))
    np.testing.assert_allclose(J, dn.jacobian(f, X), rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("n", [N, api.HESSIAN_CHUNK, api.CHUNK])
def test_one_chunk_of_all_directions_is_the_in_memory_pass(threads, n):
    # up to CHUNK inputs dualnum.jacobian takes one pass (up to HESSIAN_CHUNK, hessian one
    # block): so does chunk=x.size, for any f
    x = np.linspace(-1.2, 1.9, n)
    for f in (dense, summed, vector, rosenbrock):
        assert same_bits(dnd.jacobian(f, x, chunk=n).compute(), dn.jacobian(f, x))
    if n <= api.HESSIAN_CHUNK:
        f = lambda p: np.sum(dense(p) ** 2)  # noqa: E731
        assert same_bits(dnd.hessian(f, x, chunk=n).compute(), dn.hessian(f, x))


def test_scalar_and_empty_x(threads):
    assert dnd.gradient(lambda t: t ** 3, 2.0).shape == ()
    assert same_bits(dnd.gradient(lambda t: t ** 3, 2.0).compute(), 12.0)
    assert same_bits(dnd.jacobian(lambda t: [t, t ** 2], 2.0).compute(),
                     dn.jacobian(lambda t: [t, t ** 2], 2.0))
    assert same_bits(dnd.hessian(lambda t: t ** 3, 2.0).compute(), 12.0)
    empty = np.zeros((0, 3))
    f = lambda p: np.sum(p ** 2)  # noqa: E731
    assert same_bits(dnd.gradient(f, empty).compute(), dn.gradient(f, empty))
    assert same_bits(dnd.hessian(f, empty).compute(), dn.hessian(f, empty))
    assert same_bits(dnd.jacobian(lambda p: p * 2, empty).compute(),
                     dn.jacobian(lambda p: p * 2, empty))


def test_args_and_kwargs_travel_with_f(threads):
    f = lambda p, a, scale=1.0: scale * np.sum(p ** a)  # noqa: E731
    got = dnd.hessian(f, X, args=(3,), kwargs={"scale": 2.0}, chunk=4).compute()
    assert same_bits(got, dn.hessian(f, X, args=(3,), kwargs={"scale": 2.0}))


# ---- schedulers: processes and a real cluster, lambdas and closures by cloudpickle ----

def test_processes_scheduler_with_a_lambda():
    a = 3.0  # a closure's cell travels with it
    f = lambda p: np.sum(np.sin(a * p) * p[::-1]) + rosenbrock(p)  # noqa: E731
    with dask.config.set(scheduler="processes", num_workers=2):
        g, H = dnd.gradient(f, X, chunk=3), dnd.hessian(f, X, chunk=4)
        J = dnd.jacobian(lambda p: vector(p) * a, X, chunk=4)
        got = dask.compute(g, H, J)
    assert same_bits(got[0], dn.gradient(f, X))
    assert same_bits(got[1], dn.hessian(f, X))
    assert same_bits(got[2], dn.jacobian(lambda p: vector(p) * a, X))


def test_cluster(cluster):
    a = 0.5
    f = lambda p, b: b * np.sum(np.exp(a * p) * p[::-1]) + rosenbrock(p)  # noqa: E731
    g, H = dnd.gradient(f, X, args=(2.0,)), dnd.hessian(f, X, args=(2.0,))
    assert g.numblocks == (2,)  # the default: a task per worker (2 workers, 1 thread each)
    got = dask.compute(g, H, dnd.jacobian(rosen_der, X, chunk=3),
                       dnd.gradient(rosen, X, chunk=4))
    assert same_bits(got[0], dn.gradient(f, X, args=(2.0,)))
    assert same_bits(got[1], dn.hessian(f, X, args=(2.0,)))
    assert same_bits(got[2], dn.jacobian(rosen_der, X))
    assert same_bits(got[3], dn.gradient(rosen, X))


def test_the_bits_do_not_depend_on_the_scheduler_that_computes(threads):
    # the chunks are fixed when the graph is made: computed elsewhere, the same tasks
    J = dnd.jacobian(dense, X, chunk=3)
    want = J.compute()
    assert same_bits(J.compute(scheduler="sync"), want)
    assert same_bits(J.compute(scheduler="processes", num_workers=2), want)


# ---- laziness and what the tasks hold ----

def recording(f, calls):
    def g(p):
        calls.append(getattr(p, "directions", type(p).__name__))
        return f(p)
    return g


def test_nothing_is_computed_before_compute(threads):
    calls = []
    g = dnd.gradient(recording(rosenbrock, calls), X, chunk=3)
    H = dnd.hessian(recording(rosenbrock, calls), X, chunk=3)
    assert calls == []
    J = dnd.jacobian(recording(vector, calls), X, chunk=3)
    assert calls == ["ndarray"]  # f at x on floats, for the shape of its result
    dask.compute(g, H, J, scheduler="sync")
    assert len(calls) == 1 + 4 + 10 + 4 and "ndarray" not in calls[1:]


def test_each_task_seeds_its_own_chunk(threads):
    calls = []
    dnd.gradient(recording(rosenbrock, calls), X, chunk=4).compute(scheduler="sync")
    assert sorted(calls) == [2, 4, 4]  # one evaluation a task, of its own directions
    x = np.linspace(0.0, 1.0, 300)  # an identity would be 720 kB
    for lazy in (dnd.gradient(rosenbrock, x, chunk=64), dnd.hessian(rosenbrock, x, chunk=64)):
        sizes = [len(cloudpickle.dumps(v)) for v in dict(lazy.__dask_graph__()).values()]
        # x, once; every other node (f, the tasks, Dask's own) far smaller than x
        assert sum(size > x.nbytes for size in sizes) == 1
        assert max(sorted(sizes)[:-1]) < x.nbytes // 2


def test_hessian_blocks_are_the_lower_triangle(threads):
    seen = []

    def f(p):
        seen.append(p.eps1eps2.shape[-2:])
        return rosenbrock(p)
    H = dnd.hessian(f, X, chunk=4)
    assert H.chunks == ((4, 4, 2), (4, 4, 2))
    H.compute(scheduler="sync")
    assert sorted(seen) == sorted([(4, 4), (4, 4), (4, 4), (2, 4), (2, 4), (2, 2)])


def test_x_is_taken_at_the_call(threads):
    x = X.copy()
    g = dnd.gradient(rosenbrock, x, chunk=3)
    x[:] = 0.0
    assert same_bits(g.compute(), dn.gradient(rosenbrock, X))


# ---- the default chunking ----

def test_default_chunk_gives_a_task_per_worker():
    with dask.config.set(scheduler="threads", num_workers=3):
        assert dnd.gradient(rosenbrock, X).chunks == ((4, 4, 2),)
        assert dnd.hessian(rosenbrock, X).chunks == ((5, 5), (5, 5))  # 3 blocks
    with dask.config.set(scheduler="processes", num_workers=5):
        assert dnd.gradient(rosenbrock, X).chunks == ((2,) * 5,)
    with dask.config.set(scheduler="sync"):
        assert dnd.gradient(rosenbrock, X).chunks == ((N,),)
        assert dnd.hessian(rosenbrock, X).chunks == ((N,), (N,))
    with dask.config.set(scheduler="threads", num_workers=1):
        x = np.linspace(0.0, 1.0, 3 * api.CHUNK)  # at most CHUNK directions a task
        assert dnd.gradient(rosenbrock, x).chunks == ((api.CHUNK,) * 3,)
        n = 2 * api.HESSIAN_CHUNK  # at most HESSIAN_CHUNK rows and columns a block
        assert dnd.hessian(rosenbrock, x[:n]).chunks == ((api.HESSIAN_CHUNK,) * 2,) * 2


def test_default_chunk_on_the_cluster(cluster):
    assert directions._workers() == 2
    assert dnd.hessian(rosenbrock, X).chunks == ((5, 5), (5, 5))


# ---- errors ----

@pytest.mark.parametrize("chunk, error, words", [
    (0, ValueError, "at least 1"), (-2, ValueError, "at least 1"),
    (2.0, TypeError, "not float"), (True, TypeError, "not bool"),
    ("3", TypeError, "not str"), ((2, 2), TypeError, "not tuple")])
@pytest.mark.parametrize("function", [dnd.jacobian, dnd.gradient, dnd.hessian])
def test_bad_chunk(function, chunk, error, words):
    with pytest.raises(error, match="chunk must .*" + words):
        function(rosenbrock, X, chunk=chunk)


def test_numpy_integer_chunk_and_one_beyond_x(threads):
    assert dnd.gradient(rosenbrock, X, chunk=np.int64(4)).chunks == ((4, 4, 2),)
    assert dnd.gradient(rosenbrock, X, chunk=N + 5).chunks == ((N,),)
    assert dnd.hessian(rosenbrock, X, chunk=N + 5).chunks == ((N,), (N,))


@pytest.mark.parametrize("call", [
    lambda m: m.jacobian(X, rosenbrock), lambda m: m.gradient(rosenbrock, ["a", "b"]),
    lambda m: m.hessian(rosenbrock, [1 + 0j]), lambda m: m.jacobian(rosenbrock, [[1.0], []]),
    lambda m: m.gradient(rosenbrock, X, args=3), lambda m: m.hessian(rosenbrock, X, kwargs=[]),
    lambda m: m.gradient(rosenbrock, dn.DualArray(X, 1.0))])
def test_argument_errors_are_the_in_memory_ones(call):
    with pytest.raises((TypeError, ValueError)) as memory:
        call(dn)
    with pytest.raises(type(memory.value)) as lazy:
        call(dnd)
    assert str(lazy.value) == str(memory.value)


def test_a_dask_x_is_refused():
    with pytest.raises(TypeError, match=r"held in memory.*x\.compute\(\)"):
        dnd.gradient(rosenbrock, da.from_array(X, chunks=5))


def test_gradient_of_a_vector_f_raises_the_in_memory_error_on_compute(threads):
    g = dnd.gradient(vector, X, chunk=3)
    with pytest.raises(ValueError) as memory:
        dn.gradient(vector, X)
    with pytest.raises(ValueError) as lazy:
        g.compute()
    assert str(lazy.value) == str(memory.value)
    with pytest.raises(ValueError, match="hessian and hvp need a scalar-valued f"):
        dnd.hessian(vector, X, chunk=3).compute()


def test_a_result_of_another_shape_on_duals_is_refused(threads):
    f = lambda p: p[:2] if isinstance(p, np.ndarray) else p[:3]  # noqa: E731
    with pytest.raises(ValueError, match=r"shape \(2,\) at x on floats and \(3,\) on duals"):
        dnd.jacobian(f, X, chunk=3).compute()


class Direction7(ArithmeticError):
    pass


def fails_at_7(p):
    if np.any(p.dual[7] != 0):
        raise Direction7("the task of direction 7")
    return rosenbrock(p)


def test_f_raising_in_one_task_propagates(threads):
    g = dnd.gradient(fails_at_7, X, chunk=3)
    with pytest.raises(Direction7, match="direction 7"):
        g.compute()
    with pytest.raises(Direction7, match="direction 7"):
        g.compute(scheduler="processes", num_workers=2)


def test_f_raising_in_one_task_propagates_from_the_cluster(cluster):
    with pytest.raises(Direction7, match="direction 7"):
        dnd.gradient(fails_at_7, X, chunk=3).compute()


def test_nan_second_derivatives_warn_when_computed():
    f, x = (lambda p: np.sum(np.abs(p))), np.array([0.0, 1.0])  # a kink at 0
    H = dnd.hessian(f, x, chunk=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h = H.compute(scheduler="sync")
    assert [w.category for w in caught] == [RuntimeWarning]
    assert "second derivative is NaN at 1 of 1 entries" in str(caught[0].message)
    with pytest.warns(RuntimeWarning, match="NaN at 1 of 4 entries"):
        assert np.isnan(h[0, 0]) and same_bits(h, dn.hessian(f, x))


# ---- Dask stays optional ----

def test_dualnum_alone_never_imports_dask():
    code = ("import sys, numpy as np, dualnum as dn\n"
            "x = np.linspace(0.0, 1.0, 5)\n"
            "dn.jacobian(np.sin, x); dn.gradient(np.sum, x); dn.hessian(np.sum, x)\n"
            "dn.derivative(np.sin, x)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed', 'xarray')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("make", [
    lambda f, x, a: dnd.jacobian(f, x, args=(a,)),
    lambda f, x, a: dnd.gradient(f, x, args=(a,)),
    lambda f, x, a: dnd.hessian(f, x, kwargs={"a": a}),
    lambda f, x, a: dnd.gradient(f, x, args=([1.0, a],)),
], ids=["jacobian args", "gradient args", "hessian kwargs", "nested in a list"])
def test_dask_collections_among_f_s_arguments_are_refused(make):
    # f's constants travel whole into every task, where each would compute
    def f(p, a):
        return np.sum(p * p) * 2.0

    with pytest.raises(TypeError, match=r"Dask collection.*\.compute\(\)"):
        make(f, X, da.ones(3, chunks=2))
