# Tags: which derivative computation a dual number belongs to.
#
# Every call of dualnum's API seeds its input with a fresh tag; every result of an operation
# carries the tag of its operands. Two operands with different tags that both carry a
# perturbation belong to two computations (an outer call's variable reached by the function
# of an inner call, through a closure or a global): adding their perturbation parts would
# mix two different infinitesimals and give a wrong derivative (perturbation confusion), so
# the operation raises instead. A constant (every perturbation part zero) belongs to any
# computation and takes the other operand's tag. Numbers built by hand (Dual(...),
# DualArray(...)) carry tag 0.

cdef long long last_tag = 0


cdef inline long long fresh_tag() noexcept:
    """A tag that nothing returned before (1, 2, ...). Unique across threads: the
    increment runs under the GIL with no Python code between its read and its write."""
    global last_tag
    last_tag += 1
    return last_tag


def new_tag():
    """A fresh tag: one per call of dualnum's API.

    >>> new_tag() < new_tag()
    True
    """
    return fresh_tag()


def confusion(long long a, long long b):
    """The TypeError for an operation on two duals that carry perturbations of different
    tags ``a`` and ``b`` (see the comment at the top of src/tags.pxi)."""
    hand = (" (A dual number or array built by hand, Dual(...) or DualArray(...), with a "
            "nonzero perturbation counts as a computation of its own.)" if a == 0 or b == 0
            else "")
    return TypeError(
        "perturbation confusion: dual numbers of two derivative computations meet here. The "
        "function that one dualnum call differentiates uses a variable that another call is "
        "differentiating (an outer call's variable, reached through a closure or a global, "
        "or returned), and a dual number holds one perturbation, not one per call: the "
        "derivative would be wrong. For second derivatives use second_derivative, "
        "derivatives, hessian or hvp; otherwise compute the inner derivative outside the "
        "function, at plain numbers (a nested call whose function does not use the outer "
        "variable is exact)." + hand)


def mixed_types(long long a, long long b):
    """The TypeError for an operation on a Dual (tag a) and a HyperDual (tag b): perturbation
    confusion where they belong to two computations of dualnum's API (an inner call's Dual
    beside an outer hessian's HyperDual), else a mix of types (within one computation, or a
    number built by hand, tag 0, which needs the other's type or its real part)."""
    return confusion(a, b) if a != b and a != 0 and b != 0 else TypeError(MIXED_TYPES)
