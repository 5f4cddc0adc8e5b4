# Cython declarations of the C headers helpers.h and chain.h.

cdef extern from "helpers.h" nogil:
    void dn_divmod(double a, double b, double *q, double *r)

cdef extern from "chain.h" nogil:
    ctypedef struct dn_jet:
        double f0, f1, f2, below, above
    ctypedef struct dn_jet2:
        double f, fx, fy, fxx, fxy, fyy, tie, origin
    ctypedef struct dn_dual:
        double re, du
    ctypedef struct dn_hyper:
        double re, e1, e2, e12

    dn_dual dn_dual_apply(dn_jet g, dn_dual x)
    dn_hyper dn_hyper_apply(dn_jet g, dn_hyper x)
    dn_dual dn_dual_apply2(dn_jet2 g, dn_dual x, dn_dual y)
    dn_hyper dn_hyper_apply2(dn_jet2 g, dn_hyper x, dn_hyper y)
