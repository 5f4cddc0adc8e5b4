"""dualnum.dask.elementwise: derivative, second_derivative and derivatives of a Dask array
are lazy Dask arrays of its chunks, with the bits of the in-memory call on the whole array
whatever the chunks (each chunk evaluated on the whole array's path: the fast path, reached
here by chunks smaller than a block, is compared with the in-memory call that it must
match, and shown to differ without it), on Dask's threaded scheduler and on a real
2-process cluster, which survives a worker killed in the middle of a computation."""
import os
import signal
import subprocess
import sys
import time
import tracemalloc
import warnings

import numpy as np
import pytest

import dask
import dask.array as da

import dualnum as dn
import dualnum.dask as ddn
from dualnum import api
from dualnum.arrays.elementwise import EVERY_TWIN
from dualnum.higher import block_size

BLOCK, HYPER_BLOCK = api.BLOCK, api.HYPER_BLOCK


def same_bits(got, want):
    """The same numbers to the last bit (the sign of a zero too), NaN at the same places (a
    NaN's sign bit is not a value: see dualnum.dask.elementwise)."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype == np.float64
    nan = np.isnan(want)
    np.testing.assert_array_equal(np.isnan(got), nan)
    assert got[~nan].tobytes() == want[~nan].tobytes()


def refuse(*args, **kwargs):
    """A scheduler that fails the test: something was computed."""
    raise AssertionError("a Dask graph was computed")


def f(t):
    """Rules that change path at several sizes (dualnum.arrays.elementwise.TWIN_FROM: exp
    600, arctan 640, tan 1100, log1p 1900, arccosh 2000, log 3200, arcsin 6000), the vector
    loops (sin, tanh) and arithmetic."""
    return (np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2) + np.tanh(t) + np.arctan(t)
            + np.tan(t / 4) + np.log1p(np.abs(t)) + np.arccosh(2 + t * t)
            + np.log(3 + t) + np.arcsin(t / 8))


def points(n, seed=0):
    """n points of (-2.9, 2.9) with NaN, infinities and signed zeros among them."""
    x = np.random.default_rng(seed).uniform(-2.9, 2.9, n)
    x[::97], x[5], x[11], x[13], x[-2] = np.nan, np.inf, -np.inf, -0.0, 0.0
    return x


def in_memory(function, x, g=f, **keywords):
    """function(g, x) on the NumPy array x, its RuntimeWarnings (NaN) silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return function(g, x, **keywords)


def computed(result, **options):
    """The Dask result (an array or a tuple of them) computed in one call."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        parts = dask.compute(*(result if isinstance(result, tuple) else (result,)),
                             **options)
    return parts if isinstance(result, tuple) else parts[0]


def assert_same(got, want):
    for g, w in zip(got if isinstance(got, tuple) else (got,),
                    want if isinstance(want, tuple) else (want,)):
        same_bits(g, w)


FUNCTIONS = {"derivative": dn.derivative, "second_derivative": dn.second_derivative,
             "derivatives": dn.derivatives}


# ---- laziness ----

@pytest.mark.parametrize("name, keywords", [("derivative", {}), ("second_derivative", {}),
                                            ("derivatives", {}), ("derivative", {"order": 3}),
                                            ("derivatives", {"order": 10})])
def test_nothing_is_computed_until_asked_and_the_chunks_are_x_s(name, keywords):
    x = da.from_array(points(10 ** 5), chunks=7001)
    with dask.config.set(scheduler=refuse):
        out = FUNCTIONS[name](f, x, **keywords)
        parts = out if isinstance(out, tuple) else (out,)
        for part in parts:
            assert isinstance(part, da.Array) and part.chunks == x.chunks
            assert part.dtype == np.float64
            (part + 1).sum()   # building on it computes nothing either
    assert len(parts) == {"derivatives": 1 + keywords.get("order", 2)}.get(name, 1)


def test_the_parts_of_derivatives_share_one_task_per_chunk():
    calls = []

    def counted(t):
        calls.append(t.shape)
        return t * t * t

    x = da.linspace(0.5, 2.0, 10 ** 4, chunks=999)
    parts = dn.derivatives(counted, x)
    at_build = len(calls)   # the check at made-up elements (_check_now)
    computed(parts, scheduler="threads")
    per_chunk = (len(calls) - at_build) / x.numblocks[0]
    del calls[:]
    computed(parts[0], scheduler="threads")
    assert per_chunk == len(calls) / x.numblocks[0]   # all three cost what one costs


def test_the_peak_memory_is_a_few_chunks():
    n, chunk = 2 ** 22, 2 ** 16   # 32 MiB of input, never held
    x = da.linspace(0.1, 3.0, n, chunks=chunk)
    total = dn.derivative(np.sin, x).sum()
    tracemalloc.start()
    try:
        value = total.compute(scheduler="threads", num_workers=2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    integral = (np.sin(3.0) - np.sin(0.1)) * (n - 1) / 2.9   # the sum of cos at n points
    assert value == pytest.approx(integral, rel=1e-3)
    assert peak < 16 * chunk * 8, peak   # 8 MiB: a few chunks and their temporaries


# ---- the bits of the in-memory call, whatever the chunks ----

N = 3 * BLOCK + 7 + 3 * 1009   # not a multiple of any chunk below: odd boundaries


@pytest.mark.parametrize("chunk", [1000, BLOCK - 1, BLOCK + 1, 3 * BLOCK + 7])
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_chunks_give_the_whole_array_s_bits(threads, name, chunk):
    x = points(N)
    got = computed(FUNCTIONS[name](f, da.from_array(x, chunks=chunk)))
    assert_same(got, in_memory(FUNCTIONS[name], x))


@pytest.mark.parametrize("chunk", [700, HYPER_BLOCK - 1, HYPER_BLOCK + 1, 2 * HYPER_BLOCK + 3])
@pytest.mark.parametrize("name", ["second_derivative", "derivatives"])
def test_hyper_dual_chunks_give_the_whole_array_s_bits(threads, name, chunk):
    x = points(4 * HYPER_BLOCK + 333, seed=1)
    got = computed(FUNCTIONS[name](f, da.from_array(x, chunks=chunk)))
    assert_same(got, in_memory(FUNCTIONS[name], x))


@pytest.mark.parametrize("n", [5000, BLOCK, BLOCK + 1, HYPER_BLOCK + 1])
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_small_chunks_take_the_whole_array_s_path(threads, name, n):
    # chunks below the size from which every rule takes the NumPy twin or vector loop: on
    # their own they take the kernels, and round otherwise than the whole array's blocks
    x = points(n, seed=2)
    want = in_memory(FUNCTIONS[name], x)
    got = computed(FUNCTIONS[name](f, da.from_array(x, chunks=590)))
    assert_same(got, want)
    alone = [in_memory(FUNCTIONS[name], x[i:i + 590]) for i in range(0, n, 590)]
    joined = np.concatenate([a if not isinstance(a, tuple) else a[-1] for a in alone])
    last = want if not isinstance(want, tuple) else want[-1]
    assert joined.tobytes() != last.tobytes()   # the path matters: the test reaches it


def test_chunks_beyond_a_block_take_the_path_of_every_block():
    # a chunk of more than a block goes in blocks of at least half a block, which take the
    # path of large arrays in every rule, as the whole array's blocks do
    assert HYPER_BLOCK // 2 >= EVERY_TWIN and BLOCK // 2 >= EVERY_TWIN


@pytest.mark.parametrize("chunks", [(77, 130), (300, 1), (1, 700), (128, 512)])
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_two_dimensional_chunks(threads, name, chunks):
    x = points(300 * 700, seed=3).reshape(300, 700)
    got = computed(FUNCTIONS[name](f, da.from_array(x, chunks=chunks)))
    assert_same(got, in_memory(FUNCTIONS[name], x))
    small = x[:30, :50]   # below a block: one evaluation of the whole, 2-D
    got = computed(FUNCTIONS[name](f, da.from_array(small, chunks=(7, 13))))
    assert_same(got, in_memory(FUNCTIONS[name], small))


def taylor_f(t):
    """f with a square root of a fourth power (the Taylor kernels ask for more orders at 0)
    and an absolute value (no series at 0: NaN coefficients with a warning)."""
    return f(t) + np.sqrt(t ** 4) + np.abs(t - 1)


@pytest.mark.parametrize("order", [3, 10])
def test_taylor_orders_give_the_whole_array_s_bits(threads, order):
    block = block_size(order)
    x = points(3 * block + 1234, seed=4)
    x[::101], x[7] = 0.0, 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        top = dn.derivative(taylor_f, x, order=order)
        every = dn.derivatives(taylor_f, x, order=order)
        for chunk in (1000, block - 1, block + 1, 2 * block + 7):
            lazy = da.from_array(x, chunks=chunk)
            same_bits(dn.derivative(taylor_f, lazy, order=order).compute(), top)
            got = dask.compute(*dn.derivatives(taylor_f, lazy, order=order))
            assert len(got) == order + 1
            assert_same(tuple(got), every)


@pytest.mark.parametrize("keywords", [{}, {"order": 3}], ids=["duals", "order 3"])
def test_each_chunk_is_evaluated_in_its_task_s_thread(keywords):
    # README: workers=1 in the tasks (the scheduler runs chunks at once); chunks of several
    # blocks each, which the in-memory default would spread over the machine's threads
    import threading
    seen = set()

    def g(t):
        seen.add(threading.get_ident())
        return t * t
    x = da.from_array(np.linspace(0.0, 1.0, 6 * BLOCK), chunks=3 * BLOCK)
    got = dn.derivative(g, x, **keywords).compute(scheduler="sync")
    assert seen == {threading.get_ident()}
    np.testing.assert_array_equal(got, dn.derivative(lambda t: t * t, x.compute(), workers=1,
                                                     **keywords))


def test_order_zero_and_the_scalar_array():
    x = da.linspace(0.5, 1.0, 11, chunks=4)
    (value,) = dn.derivatives(np.exp, x, order=0)
    same_bits(value.compute(), dn.derivatives(np.exp, x.compute(), order=0)[0])
    same_bits(dn.derivative(np.exp, x, order=0).compute(), value.compute())
    zero_d = dn.derivative(np.sin, da.from_array(np.array(0.5)))
    assert zero_d.shape == () and zero_d.compute() == np.cos(0.5)


# ---- f must be elementwise ----

def test_an_f_that_is_not_elementwise_is_refused_when_the_graph_is_built():
    x = da.from_array(points(10 ** 4), chunks=1000)
    with dask.config.set(scheduler=refuse):
        for function in (dn.derivative, dn.second_derivative, dn.derivatives):
            with pytest.raises(ValueError, match="elementwise f"):
                function(lambda t: t - t.mean(), x)
        with pytest.raises(ValueError, match="elementwise f"):
            dn.derivatives(lambda t: np.cumsum(t), x, order=4)
        with pytest.raises(ValueError, match="elementwise f"):
            dn.derivative(lambda t: t - t.mean(axis=1, keepdims=True), x.reshape(100, 100))


def by_size(t):
    """Not elementwise: f of an element depends on the size of the array. The check at
    made-up elements (3) misses it; the chunks' (1000 elements, probed on 512) does not."""
    return t * (t.size > 600)


def test_an_f_that_is_not_elementwise_on_larger_arrays_raises_when_computed(threads):
    lazy = dn.derivative(by_size, da.ones(2000, chunks=1000))
    with pytest.raises(ValueError, match="elementwise f") as caught:
        lazy.compute()
    with pytest.raises(ValueError) as direct:
        dn.derivative(by_size, np.ones(1000))
    assert str(caught.value) == str(direct.value)


def test_f_failing_at_the_made_up_elements_is_left_to_the_chunks(threads):
    def picky(t):
        if np.any(t.real < 1.0):
            raise ArithmeticError("only t >= 1")
        return np.sqrt(t - 1.0)
    x = da.linspace(2.0, 3.0, 10, chunks=3)
    same_bits(dn.derivative(picky, x).compute(), dn.derivative(picky, x.compute()))
    with pytest.raises(ArithmeticError):
        dn.derivative(picky, da.linspace(0.0, 3.0, 10, chunks=3)).compute()


# ---- arguments and inputs ----

def test_args_and_kwargs_pass_through(threads):
    def g(t, a, scale=1.0):
        return scale * t ** a
    x = points(5000)
    lazy = da.from_array(x, chunks=999)
    options = {"args": (3,), "kwargs": {"scale": np.float64(2.5)}}
    for function in (dn.derivative, dn.second_derivative, dn.derivatives):
        assert_same(computed(function(g, lazy, **options)), in_memory(function, x, g, **options))
    assert_same(computed(dn.derivative(g, lazy, order=4, **options)),
                in_memory(dn.derivative, x, g, order=4, **options))


def test_dask_collections_among_the_arguments_are_refused():
    x = da.ones(10, chunks=5)
    with pytest.raises(TypeError, match=r"args\[1\] is a Dask collection.*compute"):
        dn.derivative(lambda t, a, b: a * b * t, x, args=(2.0, da.ones(10, chunks=5)))
    with pytest.raises(TypeError, match=r"kwargs\['b'\] is a Dask collection"):
        dn.derivatives(lambda t, b: b * t, x, kwargs={"b": dask.delayed(2.0)})
    with pytest.raises(TypeError, match="args must be a tuple"):
        dn.second_derivative(lambda t, a: a * t, x, args=2.0)


def test_inputs_are_checked_as_the_numpy_path_checks_them(threads):
    for values in (np.arange(12), np.arange(12) % 2 == 0, np.arange(12, dtype=np.int8)):
        lazy = da.from_array(values, chunks=5)
        same_bits(dn.derivative(np.exp, lazy).compute(), dn.derivative(np.exp, values))
        assert_same(computed(dn.derivatives(np.exp, lazy)), dn.derivatives(np.exp, values))
    for values in (np.ones(4, complex), np.array(["1.0", "2.0"]),
                   np.array(["2024-01-01"], dtype="datetime64[D]")):
        with pytest.raises(TypeError) as numpy_error:
            dn.derivative(np.exp, values)
        with pytest.raises(TypeError) as dask_error:
            dn.derivative(np.exp, da.from_array(values, chunks=2))
        assert str(dask_error.value) == str(numpy_error.value)
    objects = np.array([1.0, None, 2.0], dtype=object)
    lazy = dn.derivative(np.exp, da.from_array(objects, chunks=2))   # elements: at compute
    with pytest.raises(TypeError, match="not None"):
        lazy.compute()
    with pytest.raises(TypeError, match="f must be the function"):
        dn.derivative(2.0, da.ones(3))
    with pytest.raises(TypeError, match="order must be a non-negative int"):
        dn.derivatives(np.exp, da.ones(3), order=2.5)
    with pytest.raises(ValueError, match="exceeds the largest float64"):
        dn.derivative(np.exp, da.ones(3), order=171)


def test_unknown_chunk_sizes_are_refused():
    x = da.arange(10, chunks=4)
    with pytest.raises(ValueError, match="compute_chunk_sizes"):
        dn.derivative(np.sin, x[x > 3])


def test_the_subpackage_functions_are_the_api_s():
    x = da.linspace(0.0, 1.0, 100, chunks=30)
    same_bits(ddn.derivative(np.cos, x).compute(), dn.derivative(np.cos, x).compute())
    assert_same(computed(ddn.derivatives(np.cos, x, order=3)),
                computed(dn.derivatives(np.cos, x, order=3)))


def test_chunk_function_maps_over_numpy_chunks():
    x = points(BLOCK + 5)
    run = ddn.chunk_function(dn.second_derivative, f, x.size)
    got = da.from_array(x, chunks=800).map_blocks(run, dtype=np.float64)
    same_bits(computed(got, scheduler="threads"), in_memory(dn.second_derivative, x))
    with pytest.raises(ValueError, match="function must be dn.derivative"):
        ddn.chunk_function(dn.gradient, f, 10)
    assert "second_derivative" in repr(run)


# ---- on a cluster ----

def test_a_cluster_gives_the_in_memory_results(cluster):
    x = points(BLOCK + 4321, seed=5)
    scale = 1.5

    def closure(t):   # a closure over a local variable, carried by cloudpickle
        return scale * np.sinh(t / 4) + f(t)

    lazy = da.from_array(x, chunks=5000)
    got = cluster.compute(dn.derivative(closure, lazy)).result()
    same_bits(got, in_memory(dn.derivative, x, closure))
    parts = cluster.gather(cluster.compute(list(dn.derivatives(lambda t: np.cos(t) * t,
                                                               lazy))))
    assert_same(tuple(parts), in_memory(dn.derivatives, x, lambda t: np.cos(t) * t))
    with dask.config.set(scheduler=cluster):   # the cluster as Dask's default
        got = dask.compute(dn.derivative(closure, lazy, order=3))[0]
    same_bits(got, in_memory(dn.derivative, x, closure, order=3))
    with pytest.raises(ValueError, match="elementwise f"):
        cluster.compute(dn.derivative(by_size, lazy)).result()


def slow_square(t):
    """An elementwise f that takes a while per chunk."""
    time.sleep(0.05)
    return t * t


def test_a_worker_killed_in_the_middle_is_survived(cluster):
    x = np.linspace(0.0, 1.0, 40 * 500)
    future = cluster.compute(dn.derivative(slow_square, da.from_array(x, chunks=500)))
    # wait until a worker holds finished chunks, then kill its process: they, and what it
    # was computing, are computed again elsewhere, and its nanny starts it again
    deadline = time.monotonic() + 30
    while True:
        holding = {w: keys for w, keys in cluster.has_what().items() if keys}
        if holding or future.done() or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert holding and not future.done(), "no chunk was computed in time to kill its worker"
    victim = max(holding, key=lambda w: len(holding[w]))
    pid = cluster.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    same_bits(future.result(timeout=60), dn.derivative(slow_square, x))
    cluster.wait_for_workers(2, timeout=60)   # restarted: the session's cluster goes on
    assert victim not in cluster.has_what() or cluster.run(os.getpid)[victim] != pid
    same_bits(cluster.compute(dn.derivative(np.exp, da.from_array(x, chunks=5000)))
              .result(), dn.derivative(np.exp, x))


# ---- without Dask ----

def run_python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_without_dask_the_api_works_and_dualnum_dask_names_the_extra():
    done = run_python("""
import sys
sys.modules['dask'] = None
import numpy as np, dualnum as dn
assert dn.derivative(np.sin, np.array([0.0, 1.0]))[0] == 1.0
assert dn.derivatives(lambda t: t ** 3, 2.0) == (8.0, 12.0, 12.0)
assert dn.second_derivative(np.exp, np.zeros(3)).tolist() == [1.0] * 3
assert dn.derivative(np.exp, 0.0, order=3) == 1.0
try:
    import dualnum.dask
except ImportError as e:
    assert 'pip install "dualnum[dask]"' in str(e), e
else:
    raise AssertionError("no ImportError")
try:
    dn.dask
except ImportError as e:
    assert 'pip install "dualnum[dask]"' in str(e), e
else:
    raise AssertionError("no ImportError")
print("ok")
""")
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_dualnum_and_numpy_derivatives_do_not_import_dask():
    done = run_python("""
import sys
import numpy as np, dualnum as dn
x = np.linspace(0.0, 1.0, 2 * 65536 + 1)
dn.derivative(np.sin, x); dn.second_derivative(np.sin, x); dn.derivatives(np.sin, x)
dn.derivative(np.sin, x, order=3); dn.derivatives(np.sin, 0.5, order=3); dn.derivative(np.sin, 0.5)
print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'xarray')))
""")
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


@pytest.mark.parametrize("call", [
    lambda f, x: dn.gradient(lambda t: np.sum(t ** 2), x),
    lambda f, x: dn.jacobian(np.sin, x),
    lambda f, x: dn.hessian(lambda t: np.sum(t ** 3), x),
    lambda f, x: dn.hvp(lambda t: np.sum(t ** 3), x, np.ones(8)),
])
def test_functions_that_would_read_a_dask_array_whole_refuse_it(call):
    """README: nothing computes a Dask array silently: gradient, jacobian, hessian and hvp
    of a Dask x raise TypeError pointing to dualnum.dask (and to .compute())."""
    x = da.linspace(0.1, 1.0, 8, chunks=4)
    with pytest.raises(TypeError, match="lazy Dask array.*dualnum.dask.jacobian"):
        call(None, x)


@pytest.mark.parametrize("name", ["forward", "backward", "central", "five_point",
                                  "second_central", "gradient", "jacobian", "hessian"])
def test_finite_differences_refuse_a_dask_x_or_step(name):
    """README: the finite differences given a Dask x or step raise TypeError (x.compute(),
    or dualnum.derivative, which keeps a Dask x lazy): the step's check (np.any(h == 0))
    and NumPy's conversions would compute it."""
    formula = getattr(dn.fd, name)
    x = da.linspace(0.1, 1.0, 8, chunks=4)
    with dask.config.set(scheduler=refuse):
        with pytest.raises(TypeError, match=r"x is a lazy Dask array.*(x\.compute\(\)|"
                           r"dualnum\.dask\.jacobian)"):
            formula(np.sin, x)
        with pytest.raises(TypeError, match=r"step is a lazy Dask array.*step\.compute\(\)"):
            formula(lambda t: np.sum(np.sin(t)), np.linspace(0.1, 1.0, 8), step=x * 1e-4)
    if name in ("central", "forward", "second_central"):  # the fix named by the message
        lazy = dn.derivative(np.sin, x, **({"order": 2} if "second" in name else {}))
        assert isinstance(lazy, da.Array)


@pytest.mark.parametrize("check, wrong", [
    (dn.check_grad, lambda f: lambda p: da.from_array(np.cos(p), chunks=2)),
    (dn.check_jacobian, lambda f: lambda p: da.from_array(np.diag(np.cos(p)), chunks=2)),
    (dn.check_hessian, lambda f: lambda p: da.from_array(np.diag(-np.sin(p)), chunks=2)),
])
def test_checks_refuse_a_hand_written_derivative_that_returns_a_dask_array(check, wrong):
    x = np.linspace(0.1, 1.0, 4)
    f = np.sin if check is dn.check_jacobian else (lambda p: np.sum(np.sin(p)))
    with dask.config.set(scheduler=refuse):
        with pytest.raises(TypeError, match=r"returned is a lazy Dask array.*\.compute\(\)"):
            check(f, wrong(f), x)
    right = (lambda p: wrong(f)(p).compute())
    assert check(f, right, x).ok  # computed first, the same derivative passes


def test_finite_differences_of_a_dask_valued_f_refuse_it():
    x = np.linspace(0.1, 1.0, 4)
    with dask.config.set(scheduler=refuse):
        for formula in (dn.fd.jacobian, dn.fd.hessian):
            with pytest.raises(TypeError, match=r"what f returned is a lazy Dask array"):
                formula(lambda p: da.from_array(np.sum(p ** 2) * np.ones(1), chunks=1)[0], x)


def test_a_dask_backed_xarray_field_is_refused_not_read_whole():
    xr = pytest.importorskip("xarray")
    field = xr.DataArray(da.linspace(0.1, 1.0, 8, chunks=4), dims="x")
    with pytest.raises(TypeError, match="inside an xarray object"):
        dn.derivative(np.sin, field)


@pytest.mark.parametrize("args, kwargs, name", [
    (([1.0, da.ones(3)],), None, r"args\[0\]\[1\]"),
    (((da.ones(3),),), None, r"args\[0\]\[0\]"),
    ((), {"p": {"a": da.ones(3)}}, r"kwargs\['p'\]\['a'\]"),
])
def test_dask_collections_nested_in_the_arguments_are_refused(args, kwargs, name):
    x = da.linspace(0.1, 1.0, 8, chunks=4)
    with pytest.raises(TypeError, match=name + " is a Dask collection"):
        dn.derivative(lambda t, *a, **k: t * 2.0, x, args=args, kwargs=kwargs)


def test_order_none_is_refused_when_the_graph_is_built():
    x = da.from_array(np.linspace(0.1, 1.0, 10), chunks=4)
    with dask.config.set(scheduler=refuse):
        with pytest.raises(TypeError, match="order must be a non-negative int, not None"):
            dn.derivative(np.sin, x, order=None)


def test_workers_one_is_what_the_tasks_take_and_more_is_refused():
    # README: workers= beside a Dask x may be left out or 1 (each chunk runs in its task's
    # thread); more is a TypeError naming the scheduler
    x = da.from_array(np.linspace(0.1, 1.0, 3 * BLOCK), chunks=BLOCK)
    with dask.config.set(scheduler="sync"):
        for call in (dn.derivative, dn.second_derivative):
            same_bits(call(np.sin, x, workers=1).compute(), call(np.sin, x).compute())
        got = dask.compute(*dn.derivatives(np.sin, x, workers=np.int64(1)))
        assert_same(tuple(got), dn.derivatives(np.sin, x.compute()))
    for workers in (2, 4):
        with pytest.raises(TypeError, match="workers=%d: a Dask array's chunks" % workers):
            dn.derivative(np.sin, x, workers=workers)
    with pytest.raises(ValueError, match="workers must be None"):
        dn.derivative(np.sin, x, workers=0)
