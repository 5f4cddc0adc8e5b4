"""``workers=``: the blocks of an elementwise derivative on several threads (dualnum._threads).

Every result must equal the one-thread result (``workers=1``, the loop in order) to the bit,
NaN payloads and signed zeros included, over sizes just past the block sizes of duals
(BLOCK) and hyper-duals (HYPER_BLOCK), 1-D, 2-D and 3-D, with NaN and infinities among the
elements; the refusals, the errors of f, the probe and the warnings must be those of one
thread too. Derivatives of order n (Taylor arithmetic) as well, over their own blocks
(``higher.block_size``), with the evaluations that a kernel short of orders asks for again
each thread's own.
"""
import threading
import warnings

import numpy as np
import pytest

import dualnum as dn
from dualnum import _threads, api, higher

TAYLOR_BLOCK = higher.block_size(3)
SHAPES = [(2 * api.BLOCK + 1,), (5 * api.HYPER_BLOCK - 1,), (3 * TAYLOR_BLOCK + 1,),
          (3, (2 * api.BLOCK + 1) // 3), (47, (3 * TAYLOR_BLOCK + 1) // 47), (3, 5, 6554)]
WORKERS = [1, 2, 3, 4, 5, None]
# (name, call): first, second and all three; order n
CALLS = [
    ("derivative", lambda f, x, w: dn.derivative(f, x, workers=w)),
    ("second_derivative", lambda f, x, w: dn.second_derivative(f, x, workers=w)),
    ("derivatives", lambda f, x, w: dn.derivatives(f, x, workers=w)),
    ("derivative order 3", lambda f, x, w: dn.derivative(f, x, order=3, workers=w)),
    ("derivatives order 2", lambda f, x, w: dn.derivatives(f, x, order=2, workers=w)),
]


def composite(t):
    """The benchmarks' f, with a quotient that meets 0/0 and inf/inf (NaN)."""
    return np.exp(np.sin(t)) * t ** 2 / (1 + t ** 2) + np.tanh(t) + t / t


def points(shape):
    """Points of [-3, 3] with NaN, infinities, zeros and signed zeros among them, spread
    over every block."""
    x = np.linspace(-3.0, 3.0, int(np.prod(shape)))
    x[::7919] = np.nan
    x[1::10007] = np.inf
    x[2::12007] = -np.inf
    x[3::9001] = 0.0
    x[4::9001] = -0.0
    return x.reshape(shape)


def bits(result):
    parts = result if isinstance(result, tuple) else (result,)
    return np.concatenate([np.ravel(p) for p in parts]).view(np.uint64)


def quietly(call, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # (NaN second derivatives, Taylor's NaN)
        return call(*args)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_threads_give_the_one_thread_results_bit_for_bit(name, call, shape):
    x = points(shape)
    alone = quietly(call, composite, x, 1)
    assert np.shape(alone[0] if isinstance(alone, tuple) else alone) == shape
    for workers in WORKERS[1:]:
        assert np.array_equal(bits(quietly(call, composite, x, workers)), bits(alone)), \
            workers


@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_the_blocks_run_at_once_on_that_many_threads(name, call):
    # each of the first three blocks waits until three threads hold one: only threads
    # that run at once get past (one thread alone would time out)
    x = points((3 * api.BLOCK,))
    together, seen = threading.Barrier(3, timeout=30), set()

    def f(t):
        if len(seen) < 3 and threading.get_ident() not in seen:
            seen.add(threading.get_ident())
            together.wait()
        return t * t
    quietly(call, f, x, 3)
    assert threading.get_ident() in seen and len(seen) == 3


@pytest.mark.parametrize("x", [1.5, np.linspace(0.0, 1.0, 1000)], ids=["scalar", "1 block"])
@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_a_scalar_or_one_block_stays_in_the_calling_thread(name, call, x):
    seen = set()

    def f(t):
        seen.add(threading.get_ident())
        return t * t
    quietly(call, f, x, 4)
    assert seen == {threading.get_ident()}


def test_the_default_is_the_cpus_this_process_may_use_never_more_than_the_blocks(
        monkeypatch):
    monkeypatch.setattr(_threads, "machine_workers", lambda: 3)
    assert [_threads.thread_count(None, n) for n in (1, 2, 3, 9)] == [1, 2, 3, 3]
    assert [_threads.thread_count(5, n) for n in (1, 4, 9)] == [1, 4, 5]


def test_the_machine_workers_are_the_affinity_mask():
    import os
    expected = (os.process_cpu_count() if hasattr(os, "process_cpu_count")
                else len(os.sched_getaffinity(0)))
    assert _threads.machine_workers() == expected >= 1


@pytest.mark.parametrize("workers, error", [
    (0, ValueError), (-2, ValueError), (1.0, TypeError), ("2", TypeError),
    (True, TypeError), ([2], TypeError)])
@pytest.mark.parametrize("x", [0.5, np.linspace(0.0, 1.0, 10)], ids=["scalar", "array"])
@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_other_workers_are_refused_naming_the_keyword(name, call, x, workers, error):
    with pytest.raises(error, match=r"workers must be None .* or a positive int"):
        call(np.sin, x, workers)


def test_a_numpy_int_is_a_number_of_threads():
    x = points((2 * api.BLOCK + 1,))
    call = CALLS[0][1]
    assert np.array_equal(bits(quietly(call, composite, x, np.int64(3))),
                          bits(quietly(call, composite, x, 1)))


@pytest.mark.parametrize("workers", [2, 5])
@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_a_function_that_is_not_elementwise_is_refused_as_in_one_thread(name, call,
                                                                        workers):
    x = points((5 * api.HYPER_BLOCK - 1,))
    for f in (lambda t: t - t.mean(), lambda t: t * t.size, lambda t: t[::-1]):
        with pytest.raises(ValueError, match="elementwise f"):
            quietly(call, f, x, 1)
        with pytest.raises(ValueError, match="elementwise f"):
            quietly(call, f, x, workers)


def raising(t):
    """Raises on the blocks past the first whose values reach 0.2 (their first element in
    the message): a loop in order meets the first of them."""
    first = float(t.real.reshape(-1)[0] if hasattr(t, "real") else t[0])
    if float(np.max(t.real)) >= 0.2 and first > -0.9:
        raise ArithmeticError("f failed on the block from %r" % first)
    return t * t


@pytest.mark.parametrize("workers", [2, 3, 5, None])
@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_f_raising_on_blocks_raises_the_first_as_in_one_thread(name, call, workers):
    x = np.linspace(-1.0, 1.0, 9 * api.BLOCK)
    with pytest.raises(ArithmeticError) as alone:
        call(raising, x, 1)
    with pytest.raises(ArithmeticError) as threaded:
        call(raising, x, workers)
    assert str(threaded.value) == str(alone.value)
    assert getattr(threaded.value, "__notes__", None) == getattr(alone.value, "__notes__",
                                                                 None)


def test_an_elementwise_f_of_plain_arithmetic_is_not_probed_on_threads(monkeypatch):
    # the count of operations beyond elementwise arithmetic (src/_storage.pyx) is one for
    # the process: it can only make more probes, never fewer, and the blocks of one
    # elementwise f never move it
    probed = []
    check = api._check_elementwise
    monkeypatch.setattr(api, "_check_elementwise",
                        lambda *a: probed.append(1) or check(*a))
    x = points((5 * api.BLOCK,))
    call = CALLS[2][1]
    quietly(call, composite, x, 4)
    assert probed == []
    quietly(call, lambda t: np.sum([t, t], axis=0), x, 4)
    assert probed == [1]


def test_numpy_s_error_state_holds_in_every_thread():
    x = np.linspace(0.0, 1000.0, 4 * api.BLOCK)
    for workers in (1, 4):
        with np.errstate(over="raise"), pytest.raises(FloatingPointError):
            dn.derivative(np.exp, x, workers=workers)


def leading_zeros(t):
    """sqrt(t**4) = t**2: at 0 its kernel needs 2 more input orders than given, and f is
    evaluated again with them (dualnum.higher)."""
    return np.sqrt(t ** 4) + np.sin(t)


def test_orders_n_evaluate_again_where_short_in_each_thread_on_its_own():
    # zeros in every Taylor block of order 3, so that every block of every thread is short
    # and evaluated again; four callers at once, each on threads of its own: a shortfall
    # read from another thread's record, or lost to it, would leave NaN at the zeros (with
    # a warning) or differ in bits
    x = np.linspace(-1.0, 1.0, 6 * TAYLOR_BLOCK + 1)
    x[::TAYLOR_BLOCK // 2] = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # exact there: no warning either
        alone = dn.derivative(leading_zeros, x, order=3, workers=1)
    # at the zeros, the third derivative of t^2 + sin t: -cos 0 (the series there exact,
    # after the second evaluation; NaN, with a warning, had it not been made)
    zeros = x == 0.0
    assert np.count_nonzero(zeros) == 13 and np.all(np.isfinite(alone))
    np.testing.assert_allclose(alone[zeros], -1.0, rtol=1e-15, atol=0)
    start = threading.Barrier(4, timeout=60)

    def caller(workers):
        start.wait()
        return [dn.derivative(leading_zeros, x, order=3, workers=workers) for _ in range(3)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with _threads.concurrent.futures.ThreadPoolExecutor(4) as pool:
            runs = list(pool.map(caller, [1, 2, 3, None]))
    for results in runs:
        for got in results:
            assert np.array_equal(bits(got), bits(alone))


def test_orders_n_warn_where_there_is_no_series_as_in_one_thread():
    # |t| at 0 has no Taylor series: each block holding a zero warns, from whichever thread
    # evaluated it; the warnings are those of one thread
    x = np.linspace(-1.0, 1.0, 4 * TAYLOR_BLOCK)
    x[[5, TAYLOR_BLOCK + 7, 3 * TAYLOR_BLOCK + 11]] = 0.0

    def messages(workers):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = dn.derivative(np.abs, x, order=3, workers=workers)
        return out, sorted(str(w.message) for w in caught
                           if issubclass(w.category, dn.TaylorWarning))
    alone, said = messages(1)
    assert len(said) == 3 and np.isnan(alone[x == 0.0]).all()
    for workers in (2, 4):
        got, told = messages(workers)
        assert np.array_equal(bits(got), bits(alone)) and told == said


def test_a_threaded_derivative_inside_f_on_threads_finishes():
    # f itself takes a threaded derivative (from the pool's threads): the inner call's
    # caller takes the blocks no free thread took, so nothing waits on a busy pool
    inner = np.linspace(0.0, 1.0, 3 * api.BLOCK)
    expected = dn.derivative(np.sin, inner, workers=1)

    def f(t):
        assert np.array_equal(dn.derivative(np.sin, inner, workers=4), expected)
        return t * t
    x = np.linspace(0.0, 1.0, 4 * api.BLOCK)
    assert np.array_equal(dn.derivative(f, x, workers=4), 2 * x)
