"""The report's figures (matplotlib, Agg backend: no display needed).

``draw(results, out_dir)`` writes steps.png (Fike & Alonso's step-size figure),
elementwise.png and rosenbrock.png (time per call of each candidate against n, log-log),
for the sections present, and returns their file names.
Without matplotlib it raises ImportError, which the command reports as a skipped line.
"""
import os


_STYLE = {"central": {"marker": "x", "ms": 5, "ls": "--", "zorder": 3}}


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


NAMES = ("steps.png", "elementwise.png", "rosenbrock.png")


def draw(results, out_dir):
    plt = _pyplot()
    drawn = []
    for name, figure in zip(NAMES, (_steps, _against_n("elementwise"),
                                    _against_n("rosenbrock"))):
        fig = figure(plt, results)
        if fig is not None:
            fig.savefig(os.path.join(out_dir, name), dpi=100, bbox_inches="tight")
            plt.close(fig)
            drawn.append(name)
    return drawn


def _steps(plt, results):
    sweep = results.get("steps")
    if not sweep:
        return None
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, order, title in zip(axes, ("first", "second"), ("f'", "f''")):
        for name, errors in sweep[order].items():
            if name == "dualnum":
                ax.axhline(max(errors, 1e-17), color="k", lw=2, label="dualnum (no step)")
                continue
            points = [(h, e if e > 0 else 1e-17) for h, e in zip(sweep["steps"], errors)
                      if e is not None]
            # dashed and drawn on top where two schemes' errors coincide (central and
            # the complex step share their truncation error at large h)
            ax.loglog(*zip(*points), label=name, **_STYLE.get(name, {"marker": "o", "ms": 3}))
        ax.set_xlabel("step h")
        ax.set_title("%s of %s at x = %g" % (title, sweep["function"], sweep["x"]))
        ax.invert_xaxis()
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(fontsize=8, loc="best")
    axes[0].set_ylabel("relative error (against mpmath, 50 digits)")
    return fig


def _against_n(key):
    """The figure of a section timed against n: time per call of every candidate."""
    def figure(plt, results):
        section = results.get("speed", {}).get(key)
        if not section:
            return None
        tasks = [(task, c) for task, c in section.items() if task != "n"]
        fig, axes = plt.subplots(1, len(tasks), figsize=(5 * len(tasks), 4), squeeze=False)
        for ax, (task, candidates) in zip(axes[0], tasks):
            for candidate, stats in candidates.items():
                timed = [s for s in stats if "min" in s]   # a peer's "n/a" has no time
                if timed:
                    ax.loglog([s["n"] for s in timed], [s["min"] for s in timed], marker="o",
                              ms=3, label=candidate)
            ax.set_title(task)
            ax.set_xlabel("n")
            ax.grid(True, alpha=0.3)
            ax.legend(fontsize=8, loc="best")
        axes[0][0].set_ylabel("seconds per call (fastest repeat)")
        return fig
    return figure
