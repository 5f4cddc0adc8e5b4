# generated from rules.pxd.in and tests/golden/table.py by src/generate.py: edit those, not this
# Cython declarations of the rule functions in rules.h.
from chain cimport dn_jet, dn_jet2

cdef extern from "rules.h" nogil:
    dn_jet dn_rule_tanh(double x, double p, double q)
    dn_jet dn_rule_arcsin(double x, double p, double q)
    dn_jet dn_rule_log2(double x, double p, double q)
    dn_jet dn_rule_sqrt(double x, double p, double q)
    dn_jet dn_rule_scaled_exp(double x, double p, double q)
    dn_jet dn_rule_erf(double x, double p, double q)
    dn_jet dn_rule_ndtri(double x, double p, double q)
    dn_jet dn_rule_ive(double x, double p, double q)
    dn_jet dn_rule_absolute(double x, double p, double q)
    dn_jet2 dn_rule_multiply(double x, double y)
    dn_jet2 dn_rule_hypot(double x, double y)
    dn_jet2 dn_rule_xlogy(double x, double y)
    dn_jet2 dn_rule_maximum(double x, double y)
