"""``python -m dualnum.bench`` (also ``dualnum-bench`` and ``python -m dualnum``): dualnum
against finite differences and its peers, measured in one run.

Prints each table as it is measured, with a progress display (tqdm) on stderr, and writes
report.md, results.json and the figures into --out. Sections (--only): accuracy (errors
against mpmath at 50 digits), steps (Fike & Alonso's step-size sweep), speed (side-by-side
timings) and gradcheck (a planted bug, checked exactly and by finite differences). mpmath,
matplotlib, tqdm and the peers are optional: without one, what needs it is skipped with a line
that says so.

>>> from dualnum.bench.cli import parser
>>> parser().parse_args(["--quick", "--only", "accuracy,steps"]).only
['accuracy', 'steps']
"""
import argparse
import os
import sys

import dualnum as dn

from . import accuracy, gradcheck, gradients, peers as peers_module, plots, speed, steps, writer
from .suite import SCALAR, VECTOR, mpmath_namespace

SECTIONS = ("accuracy", "steps", "speed", "gradcheck")
STATISTIC = ("Time per call: the fastest of %d repeats (each about %g s of calls, the "
             "candidates of one task timed in turns), with the spread of the repeats "
             "(slowest over fastest, minus one); ratios divide fastest by fastest.")


def _sections(text):
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            "unknown section %s: choose among %s, comma-separated"
            % (", ".join(map(repr, unknown)) or "(none given)", ", ".join(SECTIONS)))
    return names


def parser(prog=None):
    p = argparse.ArgumentParser(
        prog=prog,
        description="dualnum against finite differences and its peers: accuracy against "
                    "mpmath at 50 digits, the step-size sweep, speed, gradient checking; "
                    "writes report.md, results.json and PNG figures.")
    p.add_argument("--quick", action="store_true",
                   help="small sizes and few repeats (under a minute)")
    p.add_argument("--out", default="dualnum-report", metavar="DIR",
                   help="folder for report.md, results.json and the figures "
                        "(default: ./dualnum-report)")
    p.add_argument("--only", type=_sections, default=list(SECTIONS), metavar="TASKS",
                   help="comma-separated sections to run, among %s (default: all)"
                        % ", ".join(SECTIONS))
    p.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                   help="time and check the peers that are installed (JAX, num-dual, "
                        "numdifftools, scipy.differentiate; default: yes)")
    return p


def _progress():
    """tqdm's progress bars on stderr (a long run shows where it is), or none without tqdm."""
    try:
        from tqdm import tqdm
    except ImportError:
        return (lambda items, label: items), ["progress display: tqdm not installed"]
    return (lambda items, label: tqdm(list(items), desc=label, file=sys.stderr,
                                      leave=False)), []


def _say(results, line):
    results["skipped"].append(line)
    print("skipped: " + line)


def _accuracy(results, mp, found, progress):
    rows = []
    for fn in progress(SCALAR.values(), "accuracy"):
        row = accuracy.scalar_row(fn, mp)
        row["peers"] = {peer.name: peers_module.accuracy_of(peer, fn, row) for peer in found}
        rows.append(row)
    vector = [gradients.vector_row(fn, mp) for fn in progress(VECTOR.values(), "gradients")]
    results["accuracy"] = {"digits": accuracy.DIGITS, "scalar": rows, "vector": vector}
    print("\nAccuracy (relative error against mpmath at %d digits)\n" % accuracy.DIGITS)
    print(writer.accuracy_table(results["accuracy"]))
    print("\n" + writer.vector_table(results["accuracy"]))
    if found:
        print("\n" + writer.peers_table(results["accuracy"]))


def _speed(results, sizes, found, progress):
    section = {"statistic": STATISTIC % (sizes["repeats"], sizes["target"])}
    results["speed"] = section
    print("\nSpeed. " + section["statistic"])
    section["scalar"] = speed.scalar(sizes, found)
    for task, group in section["scalar"].items():
        print("\n%s\n%s" % (task, writer.timing_table(group)))
    for key in ("elementwise", "rosenbrock"):
        section[key] = speed.against_n(key, sizes, progress, found)
        for task, group in section[key].items():
            for n in section[key]["n"] if task != "n" else ():
                table = writer.timing_table(writer.at_n(group, n))
                print("\n%s, n = %d\n%s" % (task, n, table))
    section["taylor"] = speed.taylor(sizes, found)
    for title, group in writer.taylor_groups(section["taylor"]):
        print("\n%s\n%s" % (writer.taylor_title(title), writer.taylor_table(group)))
    section["grid"] = speed.grid(sizes, progress)
    for against in writer.GRID_RATIOS:
        print("\n%s\n%s" % (writer.grid_title(against), writer.grid_table(section["grid"],
                                                                            against)))


def run(args):
    """Run the sections of ``args`` (parsed by ``parser()``); returns the results."""
    results = {"version": dn.__version__, "quick": args.quick, "skipped": [], "plots": []}
    progress, lines = _progress()
    for line in lines:
        _say(results, line)
    found = []
    if args.peers:
        found, lines = peers_module.find()
        for line in lines:
            _say(results, line)
    else:
        _say(results, "peers: --no-peers")
    mp = None
    if {"accuracy", "steps"} & set(args.only):
        try:
            mp = mpmath_namespace()
        except ImportError:
            asked = " and ".join(name for name in ("accuracy", "steps") if name in args.only)
            _say(results, "%s: mpmath not installed (it gives the 50-digit references: pip "
                          "install mpmath)" % asked)
    if mp is not None and "accuracy" in args.only:
        _accuracy(results, mp, found, progress)
    if mp is not None and "steps" in args.only:
        results["steps"] = steps.sweep(mp)
        print("\nStep-size sweep of %s: see steps.png" % results["steps"]["function"])
    if "speed" in args.only:
        _speed(results, speed.QUICK if args.quick else speed.FULL, found, progress)
    if "gradcheck" in args.only:
        lines = []
        results["gradcheck"] = gradcheck.planted_bug(lines)
        for line in lines:
            _say(results, line)
        print("\nGradient checking\n" + results["gradcheck"]["text"])
    try:
        results["plots"] = plots.draw(results, args.out)
    except ImportError:
        _say(results, "plots: matplotlib not installed (pip install matplotlib)")
    return results


def _out_dir(p, out):
    """Makes the folder ``out`` (argparse's error, exit status 2, where it cannot be: a file
    of that name, no permission) and removes the figures of an earlier run from it, so
    that it holds only what this run's report shows."""
    if not out:
        p.error("--out is empty: name the report's folder (default: ./dualnum-report)")
    try:
        os.makedirs(out, exist_ok=True)
        for name in plots.NAMES:
            path = os.path.join(out, name)
            if os.path.isfile(path):
                os.remove(path)
    except OSError as err:
        p.error("--out %r cannot be the report's folder: %s" % (out, err.strerror or err))


def main(argv=None, prog=None):
    """The command (named ``prog`` in its usage line: the script's name by default);
    returns its exit status."""
    p = parser(prog)
    args = p.parse_args(argv)
    _out_dir(p, args.out)
    results = run(args)
    for path in writer.write(results, args.out):
        print("wrote " + path)
    return 0
