"""Ratio report for the benchmarks.

Timings on a shared machine drift; the ratio between two timings taken side by side in one
run is what is stable. Each benchmark records its group's baseline name and, optionally, the
target ratio it must meet; after the run this prints every benchmark's fastest round as a
multiple of its baseline's fastest round (interference from other work only ever adds time,
so the minimum is the steadiest estimate of the cost itself), with the target beside it.

LAPACK and BLAS run on one thread (set here, before NumPy loads OpenBLAS): the ratio is the
work of the dual call against the float call's. With its threads, OpenBLAS's first calls of
eigh at n = 100 took 0.4 s each instead of 1 ms on the 2-vCPU machine while other work ran
(its threads waited for a core), and the float baseline, timed first, took them all.
JAX, where installed, runs on the CPU (JAX_PLATFORMS, unless set): every ratio compares work
on the same processor.

A benchmark may name further baselines (``also``), each with its target: the ratio table
gives one more row per baseline, from the same timing. Notes (``extra_info["note"]``: a
compilation time, say) follow the table.
"""
import os
import sys

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
if "numpy" in sys.modules:  # too late for the variables: say so rather than time threads
    sys.stderr.write("benchmarks/conftest.py: NumPy was imported before the benchmarks' "
                     "conftest; BLAS may use several threads (run the benchmarks alone)\n")

import numpy as np  # noqa: E402  (after the variables above)
import pytest  # noqa: E402

from dualnum.bench.workloads import finite_difference_name  # noqa: E402


def measure(benchmark, func, *args, baseline, target=None, also=()):
    """Time ``func(*args)`` and label it for the ratio report; ``also``: further
    (baseline, target) pairs of the same group."""
    benchmark.extra_info["baseline"] = baseline
    if target is not None:
        benchmark.extra_info["target"] = target
    if also:
        benchmark.extra_info["also"] = [list(pair) for pair in also]
    return benchmark(func, *args)


def time_candidate(benchmark, test, group, name, func, candidates, baseline, target,
                   tolerance, derivative=lambda result: result):
    """Time one candidate of a group of a finite-difference comparison (named as pytest
    names ``test``'s parameters) against its ``baseline``; dualnum's result (the derivative
    picked by ``derivative``) must agree with the finite difference's estimate within
    ``tolerance``."""
    benchmark.group = group
    result = measure(benchmark, func, baseline="%s[%s-%s]" % (test, group, baseline),
                     target=target)
    if name == "dualnum":
        estimate = candidates[finite_difference_name(candidates)]()
        np.testing.assert_allclose(derivative(result), estimate, rtol=tolerance,
                                   atol=tolerance)


def _after_common(name, other):
    """other past the prefix it shares with name, without pytest's closing bracket: the
    baseline's candidate in a row of the same parametrised test."""
    shared = os.path.commonprefix([name, other])
    cut = max(shared.rfind("-"), shared.rfind("[")) + 1   # back to the parameter's start
    return other[cut:].rstrip("]") or other


def ratio_rows(benchmarks):
    """(group, name, fastest round in seconds, ratio to baseline, target) for every
    benchmark that ran."""
    by_name = {(b.group, b.name): b for b in benchmarks if b}
    rows = []
    for b in benchmarks:
        if not b:
            continue
        pairs = [(b.extra_info.get("baseline"), b.extra_info.get("target"))]
        pairs += [tuple(pair) for pair in b.extra_info.get("also", ())]
        for i, (baseline, target) in enumerate(pairs):
            base = by_name.get((b.group, baseline))
            ratio = b.stats.min / base.stats.min if base else float("nan")
            name = b.name if i == 0 else "%s / %s" % (b.name, _after_common(b.name,
                                                                              baseline))
            rows.append((b.group, name, b.stats.min, ratio, target))
    return rows


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config):
    session = getattr(config, "_benchmarksession", None)
    if session is None or not session.benchmarks:
        return
    write = terminalreporter.write_line
    write("")
    write("ratios to each group's baseline (fastest rounds; target: the ratio to reach)")
    write("%-28s %-44s %12s %8s %8s" % ("group", "benchmark", "min", "ratio", "target"))
    for group, name, median, ratio, target in ratio_rows(session.benchmarks):
        if ratio != ratio:   # NaN: the baseline did not run (a peer not installed)
            verdict = "no baseline" if target is None else "%.2f no baseline" % target
        else:
            verdict = "" if target is None else "%.2f %s" % (
                target, "ok" if ratio <= target else "MISSED")
        write("%-28s %-44s %10.3g s %8.2f %s" % (group, name, median, ratio, verdict))
    for b in session.benchmarks:
        if b and b.extra_info.get("note"):
            write("%s: %s" % (b.name, b.extra_info["note"]))
