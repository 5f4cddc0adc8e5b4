"""dualnum's benchmark and accuracy report: ``python -m dualnum.bench``.

One module per job: ``suite`` (the functions, written once for floats, duals, complex
numbers and mpmath), ``accuracy`` (errors against 50-digit references, with the finite
differences' bounds), ``steps`` (the step-size sweep), ``timing`` (side-by-side timing),
``workloads`` (the timed tasks, shared with ``benchmarks/``), ``speed``, ``peers`` (JAX,
num-dual, numdifftools, scipy.differentiate where installed), ``gradcheck`` (a planted bug),
``plots``, ``writer`` (report.md and results.json) and ``cli`` (the command).
"""
