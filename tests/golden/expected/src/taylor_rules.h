/* generated from taylor_rules.h.in and tests/golden/table.py by src/generate.py: edit those, not this */
/* The Taylor kernels of the rule table, one per entry with a `taylor` field: the series of
   g(u) to order d from the series u (normalised coefficients, laid out as in taylor.h),
   compiled from the field by src/taylor_compile.py. Each returns 0, 1 where some element
   has no Taylor series at its point (NaN put in the coefficients that do not exist), or -1
   where memory ran out; *shortp is raised to the most orders of the input some element
   lacked (those coefficients NaN). Free of Python objects: callable without the GIL. */
#ifndef DUALNUM_TAYLOR_RULES_H
#define DUALNUM_TAYLOR_RULES_H
#include "rules.h"
#include "taylor.h"
#include "taylor_points.h"

typedef int (*dn_taylor_unary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                    double *out, dn_index so, double p, double q,
                                    int *shortp);
typedef int (*dn_taylor_binary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                     const double *Y, dn_index SY, double *out, dn_index so,
                                     double p, double q, int *shortp);

static const dn_taylor_unary_rule dn_taylor_unary_rules[] = {
    NULL
};
static const char *const dn_taylor_unary_names[] = {
    NULL
};
/* 1 for a rule that calls SciPy's kernels (scipy_special.h): load them first */
static const int dn_taylor_unary_scipy[] = {
    0
};
static const dn_taylor_binary_rule dn_taylor_binary_rules[] = {
    NULL
};
static const char *const dn_taylor_binary_names[] = {
    NULL
};

#endif
