/* NumPy inner loops that lift the rules of rules.h to arrays of dual and hyper-dual numbers.

   The arrays are structures of arrays: a Dual array is (real, dual) and a HyperDual array
   (real, eps1, eps2, eps1eps2), each a float64 array. The perturbation parts carry core
   dimensions of directions, so one loop serves plain arrays (k = m = 1) and arrays that
   carry a whole gradient or Hessian:
       dual:   real (), dual (k)
       hyper:  real (), eps1 (k), eps2 (m), eps1eps2 (k, m)
   The rule is evaluated once per element, then the chain rules of chain.h are applied to
   every direction, so arrays round exactly as the scalar types do. The loops call no
   Python and NumPy runs them without the GIL.

   Each loop body below is generic over its rule; DN_UNARY_LOOPS / DN_BINARY_LOOPS stamp out
   one entry point per rule (kernels.h, generated from the table), in which the rule is a
   constant, so the compiler inlines it into the loop. */
#ifndef DUALNUM_LOOPS_H
#define DUALNUM_LOOPS_H
#include <numpy/ndarraytypes.h>
#include "chain.h"

/* The generic loop bodies must be inlined into each rule's entry point, or the rule stays an
   indirect call per element and nothing vectorises. */
#if defined(__GNUC__) || defined(__clang__)
#define DN_LOOP static inline __attribute__((always_inline))
#else
#define DN_LOOP static __forceinline
#endif

/* restrict: see the contiguous loops below. */
#if defined(__GNUC__) || defined(__clang__)
#define DN_RESTRICT __restrict__
#else
#define DN_RESTRICT
#endif

typedef dn_jet (*dn_unary_rule)(double, double, double);
typedef dn_jet2 (*dn_binary_rule)(double, double);

/* The double at byte offset `off` of `base`. */
#define DN_AT(base, off) (*(double *)((base) + (off)))

/* Parameter j (0: p, 1: q) of element i of a rule with P parameters, the arguments from `at`
   on; 0 where the rule has fewer (P is a constant: no test is left at run time). */
#define DN_PARAM(args, steps, at, P, j, i) \
    ((P) > (j) ? DN_AT((args)[(at) + (j)], (i) * (steps)[(at) + (j)]) : 0.0)

/* The rule's jet at x (parameters p, q), or at (x, y), with chain.h's guard outside the
   domain: every loop evaluates its rule through these. */
DN_LOOP dn_jet dn_rule_at(dn_unary_rule rule, double x, double p, double q)
{
    return dn_defined(rule(x, p, q), x);
}

DN_LOOP dn_jet2 dn_rule2_at(dn_binary_rule rule, double x, double y)
{
    return dn_defined2(rule(x, y), x, y);
}

/* x [, p [, q]] -> f0, f1, f2: the rule itself, elementwise. */
DN_LOOP void dn_loop_jet(char **args, const npy_intp *dims, const npy_intp *steps,
                               dn_unary_rule rule, int P)
{
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = dn_rule_at(rule, DN_AT(args[0], i * steps[0]),
                              DN_PARAM(args, steps, 1, P, 0, i), DN_PARAM(args, steps, 1, P, 1, i));
        DN_AT(args[1 + P], i * steps[1 + P]) = g.f0;
        DN_AT(args[2 + P], i * steps[2 + P]) = g.f1;
        DN_AT(args[3 + P], i * steps[3 + P]) = g.f2;
    }
}

/* x, y -> f, fx, fy, fxx, fxy, fyy, elementwise. */
DN_LOOP void dn_loop_jet2(char **args, const npy_intp *dims, const npy_intp *steps,
                                dn_binary_rule rule)
{
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet2 g = dn_rule2_at(rule, DN_AT(args[0], i * steps[0]), DN_AT(args[1], i * steps[1]));
        const double v[6] = {g.f, g.fx, g.fy, g.fxx, g.fxy, g.fyy};
        for (int o = 0; o < 6; o++) DN_AT(args[2 + o], i * steps[2 + o]) = v[o];
    }
}

/* True when every argument steps by one double: plain contiguous arrays (k = m = 1), the
   case worth a loop simple enough for the compiler to vectorise. */
static inline int dn_contiguous(const npy_intp *steps, int nargs)
{
    for (int j = 0; j < nargs; j++)
        if (steps[j] != sizeof(double)) return 0;
    return 1;
}

/* The same for every argument but the P parameters from `at` on, each of which may also be
   one value for all elements (a number: step 0). */
static inline int dn_contiguous_but(const npy_intp *steps, int nargs, int at, int P)
{
    for (int j = 0; j < nargs; j++)
        if (steps[j] != sizeof(double) && !(j >= at && j < at + P && steps[j] == 0)) return 0;
    return 1;
}

/* The layouts of a two-operand loop with k = m = 1 that get loops of constant steps (so that
   each is vectorised as the plain one is): 1 every array contiguous; 2, 3: x contiguous and
   y's perturbation parts one value (y a number, or an array beside its zero parts), y's
   real part one value (2) or contiguous (3); 4, 5 the same with x and y exchanged. 0: any
   other layout. `parts`: the perturbation parts of an operand, which must step alike. */
static inline int dn_binary_layout(const npy_intp *steps, int parts)
{
    const npy_intp D = sizeof(double);
    const int y = parts + 1;
    for (int j = 0; j < 2 * y; j++)
        if (steps[j] != 0 && steps[j] != D) return 0;
    for (int j = 2; j <= parts; j++)  /* each operand's parts step alike */
        if (steps[j] != steps[1] || steps[y + j] != steps[y + 1]) return 0;
    for (int j = 2 * y; j < 3 * y; j++)  /* the outputs */
        if (steps[j] != D) return 0;
    const int xr = steps[0] == D, xp = steps[1] == D, yr = steps[y] == D, yp = steps[y + 1] == D;
    if (xr && xp && yr && yp) return 1;
    if (xr && xp && !yp) return 2 + yr;
    if (yr && yp && !xp) return 4 + xr;
    return 0;
}

/* CALL(real step of x, of x's parts, real step of y, of y's parts) for each layout. */
#define DN_BY_LAYOUT(layout, CALL) \
    switch (layout) { \
    case 1: CALL(1, 1, 1, 1); return; \
    case 2: CALL(1, 1, 0, 0); return; \
    case 3: CALL(1, 1, 1, 0); return; \
    case 4: CALL(0, 0, 1, 1); return; \
    case 5: CALL(1, 0, 1, 1); return; \
    default: break; \
    }

/* The eps1eps2 block of one element, out[a, e] = chain_second(g, b[a], c[e], d[a, e]);
   rows whose last axis is contiguous get a loop the compiler vectorises. Strides in bytes:
   sb, sc along b and c; sd, so for the rows and columns of d and out. A 1 x 1 block is an
   element without directions (e1 and e2 seed one variable; the arrays pad one direction of
   each to two: dualnum/arrays/elementwise.py), a larger one pairs different seeds: the
   mixed-seed chain rule, NaN at a kink reached with no first-order parts (src/chain.h). */
DN_LOOP void dn_block_second(dn_jet g, npy_intp k, npy_intp m,
                                   const char *b, npy_intp sb, const char *c, npy_intp sc,
                                   const char *d, const npy_intp *sd, char *out,
                                   const npy_intp *so)
{
    if (k == 1 && m == 1) {
        DN_AT(out, 0) = dn_chain_second(g, DN_AT(b, 0), DN_AT(c, 0), DN_AT(d, 0));
        return;
    }
    const int fast = sc == sizeof(double) && sd[1] == sizeof(double) && so[1] == sizeof(double);
    for (npy_intp a = 0; a < k; a++) {
        const double ba = DN_AT(b, a * sb);
        const char *drow = d + a * sd[0];
        char *orow = out + a * so[0];
        if (fast) {
            const double *cc = (const double *)c, *dd = (const double *)drow;
            double *oo = (double *)orow;
            for (npy_intp e = 0; e < m; e++) oo[e] = dn_chain_second_mixed(g, ba, cc[e], dd[e]);
        } else {
            for (npy_intp e = 0; e < m; e++)
                DN_AT(orow, e * so[1]) = dn_chain_second_mixed(g, ba, DN_AT(c, e * sc),
                                                               DN_AT(drow, e * sd[1]));
        }
    }
}

/* The same for a two-argument rule: x parts (bx, cx, dx), y parts (by, cy, dy). */
DN_LOOP void dn_block_second2(dn_jet2 g, npy_intp k, npy_intp m,
                                    const char *bx, const char *cx, const char *dx,
                                    const char *by, const char *cy, const char *dy,
                                    char *out, const npy_intp *cs)
{
    /* cs: core strides x.e1, x.e2, x.e12 (2), y.e1, y.e2, y.e12 (2), out.e12 (2) */
    if (k == 1 && m == 1) {
        DN_AT(out, 0) = dn_chain2_second(g, DN_AT(bx, 0), DN_AT(cx, 0), DN_AT(dx, 0),
                                         DN_AT(by, 0), DN_AT(cy, 0), DN_AT(dy, 0));
        return;
    }
    const int fast = cs[1] == sizeof(double) && cs[3] == sizeof(double)
        && cs[5] == sizeof(double) && cs[7] == sizeof(double) && cs[9] == sizeof(double);
    for (npy_intp a = 0; a < k; a++) {
        const double bxa = DN_AT(bx, a * cs[0]), bya = DN_AT(by, a * cs[4]);
        const char *dxr = dx + a * cs[2], *dyr = dy + a * cs[6];
        char *orow = out + a * cs[8];
        if (fast) {
            const double *cxx = (const double *)cx, *cyy = (const double *)cy;
            const double *dxx = (const double *)dxr, *dyy = (const double *)dyr;
            double *oo = (double *)orow;
            for (npy_intp e = 0; e < m; e++)
                oo[e] = dn_chain2_second_mixed(g, bxa, cxx[e], dxx[e], bya, cyy[e], dyy[e]);
        } else {
            for (npy_intp e = 0; e < m; e++)
                DN_AT(orow, e * cs[9]) = dn_chain2_second_mixed(
                    g, bxa, DN_AT(cx, e * cs[1]), DN_AT(dxr, e * cs[3]),
                    bya, DN_AT(cy, e * cs[5]), DN_AT(dyr, e * cs[7]));
        }
    }
}

/* The plain, contiguous layouts (k = m = 1, every array stepping by one double, or an input
   one value for all elements: steps 0, given as constants): loops with restrict parameters,
   so that the compiler knows the arrays do not overlap (NumPy copies overlapping operands
   first) and vectorises them where the rule allows. pp, qq: the parameters p and q, stepping
   by sp, sq doubles (0: one value). */
DN_LOOP void dn_dual_contiguous(npy_intp n, dn_unary_rule rule, int P, npy_intp sp,
                                npy_intp sq, const double *DN_RESTRICT re,
                                const double *DN_RESTRICT du, const double *DN_RESTRICT pp,
                                const double *DN_RESTRICT qq, double *DN_RESTRICT ore,
                                double *DN_RESTRICT odu)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet g = dn_rule_at(rule, re[i], P ? pp[i * sp] : 0.0,
                              P > 1 ? qq[i * sq] : 0.0);
        ore[i] = g.f0;
        odu[i] = dn_chain_first(g, du[i]);
    }
}

DN_LOOP void dn_hyper_contiguous(npy_intp n, dn_unary_rule rule, int P, npy_intp sp,
                                 npy_intp sq, const double *DN_RESTRICT re,
                                 const double *DN_RESTRICT b, const double *DN_RESTRICT c,
                                 const double *DN_RESTRICT d, const double *DN_RESTRICT pp,
                                 const double *DN_RESTRICT qq, double *DN_RESTRICT ore,
                                 double *DN_RESTRICT ob, double *DN_RESTRICT oc,
                                 double *DN_RESTRICT od)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet g = dn_rule_at(rule, re[i], P ? pp[i * sp] : 0.0,
                              P > 1 ? qq[i * sq] : 0.0);
        ore[i] = g.f0;
        ob[i] = dn_chain_first(g, b[i]);
        oc[i] = dn_chain_first(g, c[i]);
        od[i] = dn_chain_second(g, b[i], c[i], d[i]);
    }
}

/* ar, ap, br, bp: the steps (in doubles: 1, or 0 for one value) of x's real part and parts
   and of y's: constants at every call (DN_BY_LAYOUT). */
DN_LOOP void dn_dual2_contiguous(npy_intp n, dn_binary_rule rule, npy_intp ar, npy_intp ap,
                                 npy_intp br, npy_intp bp,
                                 const double *DN_RESTRICT xr, const double *DN_RESTRICT xd,
                                 const double *DN_RESTRICT yr, const double *DN_RESTRICT yd,
                                 double *DN_RESTRICT ore, double *DN_RESTRICT odu)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet2 g = dn_rule2_at(rule, xr[i * ar], yr[i * br]);
        ore[i] = g.f;
        odu[i] = dn_chain2_first(g, xd[i * ap], yd[i * bp]);
    }
}

DN_LOOP void dn_hyper2_contiguous(npy_intp n, dn_binary_rule rule, npy_intp ar, npy_intp ap,
                                  npy_intp br, npy_intp bp,
                                  const double *DN_RESTRICT xr, const double *DN_RESTRICT xb,
                                  const double *DN_RESTRICT xc, const double *DN_RESTRICT xd,
                                  const double *DN_RESTRICT yr, const double *DN_RESTRICT yb,
                                  const double *DN_RESTRICT yc, const double *DN_RESTRICT yd,
                                  double *DN_RESTRICT ore, double *DN_RESTRICT ob,
                                  double *DN_RESTRICT oc, double *DN_RESTRICT od)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet2 g = dn_rule2_at(rule, xr[i * ar], yr[i * br]);
        const npy_intp a = i * ap, b = i * bp;
        ore[i] = g.f;
        ob[i] = dn_chain2_first(g, xb[a], yb[b]);
        oc[i] = dn_chain2_first(g, xc[a], yc[b]);
        od[i] = dn_chain2_second(g, xb[a], xc[a], xd[a], yb[b], yc[b], yd[b]);
    }
}

DN_LOOP void dn_chain_hyper_contiguous(npy_intp n, const double *DN_RESTRICT f1,
                                       const double *DN_RESTRICT f2,
                                       const double *DN_RESTRICT b,
                                       const double *DN_RESTRICT c,
                                       const double *DN_RESTRICT d, double *DN_RESTRICT ob,
                                       double *DN_RESTRICT oc, double *DN_RESTRICT od)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet g = {0.0, f1[i], f2[i], 0.0, 0.0};  /* smooth rules (twins) only */
        ob[i] = dn_chain_first(g, b[i]);
        oc[i] = dn_chain_first(g, c[i]);
        od[i] = dn_chain_second(g, b[i], c[i], d[i]);
    }
}

/* A unit seed, x + 1 e (x + 1 e1 + 1 e2 + 0 e12): the chain rules with those constant parts,
   so the same bits as the loops above given such parts, without reading them (the API's
   seeds; dualnum/arrays/_storage.pyx calls these where the parts view its ones and zeros). */
DN_LOOP void dn_dual_unit_contiguous(npy_intp n, dn_unary_rule rule,
                                     const double *DN_RESTRICT x, double *DN_RESTRICT ore,
                                     double *DN_RESTRICT odu)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet g = dn_rule_at(rule, x[i], 0.0, 0.0);
        ore[i] = g.f0;
        odu[i] = dn_chain_first(g, 1.0);
    }
}

DN_LOOP void dn_hyper_unit_contiguous(npy_intp n, dn_unary_rule rule,
                                      const double *DN_RESTRICT x, double *DN_RESTRICT ore,
                                      double *DN_RESTRICT ob, double *DN_RESTRICT oc,
                                      double *DN_RESTRICT od)
{
    for (npy_intp i = 0; i < n; i++) {
        dn_jet g = dn_rule_at(rule, x[i], 0.0, 0.0);
        ore[i] = g.f0;
        ob[i] = dn_chain_first(g, 1.0);
        oc[i] = dn_chain_first(g, 1.0);
        od[i] = dn_chain_second(g, 1.0, 1.0, 0.0);
    }
}

/* The steps of the parameters of a contiguous loop, in doubles: constants for one parameter
   (one value, or one per element), as read for two (rare: betainc). */
#define DN_BY_PARAMETER_STEPS(steps, at, P, CALL) \
    if (P == 2) CALL(steps[at] / (npy_intp)sizeof(double), \
                     steps[at + 1] / (npy_intp)sizeof(double)); \
    else if (P == 1 && steps[at] == 0) CALL(0, 0); \
    else CALL(1, 0);

/* The first-order chain rule along one element's k directions, b (core stride sb bytes) to
   out (so): a loop the compiler vectorises where both step by one double, the layout of
   every part NumPy allocates (directions last). */
DN_LOOP void dn_row_first(dn_jet g, npy_intp k, const char *b, npy_intp sb, char *out,
                          npy_intp so)
{
    if (sb == sizeof(double) && so == sizeof(double)) {
        const double *DN_RESTRICT bb = (const double *)b;
        double *DN_RESTRICT oo = (double *)out;
        for (npy_intp a = 0; a < k; a++) oo[a] = dn_chain_first(g, bb[a]);
    } else {
        for (npy_intp a = 0; a < k; a++) DN_AT(out, a * so) = dn_chain_first(g, DN_AT(b, a * sb));
    }
}

/* The same for a two-argument rule: x's directions bx (stride sx), y's by (sy). */
DN_LOOP void dn_row2_first(dn_jet2 g, npy_intp k, const char *bx, npy_intp sx,
                           const char *by, npy_intp sy, char *out, npy_intp so)
{
    if (sx == sizeof(double) && sy == sizeof(double) && so == sizeof(double)) {
        const double *DN_RESTRICT xx = (const double *)bx, *DN_RESTRICT yy = (const double *)by;
        double *DN_RESTRICT oo = (double *)out;
        for (npy_intp a = 0; a < k; a++) oo[a] = dn_chain2_first(g, xx[a], yy[a]);
    } else {
        for (npy_intp a = 0; a < k; a++)
            DN_AT(out, a * so) = dn_chain2_first(g, DN_AT(bx, a * sx), DN_AT(by, a * sy));
    }
}

/* (),(k)[,()[,()]] -> (),(k): a rule on a Dual array. */
DN_LOOP void dn_loop_dual(char **args, const npy_intp *dims, const npy_intp *steps,
                                dn_unary_rule rule, int P)
{
    const int nargs = 4 + P;
    if (dims[1] == 1 && dn_contiguous_but(steps, nargs, 2, P)) {
#define DN_CALL(sp, sq) dn_dual_contiguous(dims[0], rule, P, sp, sq, (const double *)args[0], \
                                           (const double *)args[1], \
                                           (const double *)args[P ? 2 : 0], \
                                           (const double *)args[P > 1 ? 3 : 0], \
                                           (double *)args[2 + P], (double *)args[3 + P])
        DN_BY_PARAMETER_STEPS(steps, 2, P, DN_CALL)
#undef DN_CALL
        return;
    }
    const npy_intp k = dims[1], sd = steps[nargs], so = steps[nargs + 1];
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = dn_rule_at(rule, DN_AT(args[0], i * steps[0]),
                              DN_PARAM(args, steps, 2, P, 0, i), DN_PARAM(args, steps, 2, P, 1, i));
        char *du = args[1] + i * steps[1], *out = args[3 + P] + i * steps[3 + P];
        DN_AT(args[2 + P], i * steps[2 + P]) = g.f0;
        dn_row_first(g, k, du, sd, out, so);
    }
}

/* (),(k),(m),(k,m)[,()[,()]] -> (),(k),(m),(k,m): a rule on a HyperDual array. */
DN_LOOP void dn_loop_hyper(char **args, const npy_intp *dims, const npy_intp *steps,
                                 dn_unary_rule rule, int P)
{
    const int o = 4 + P, nargs = 8 + P;
    if (dims[1] == 1 && dims[2] == 1 && dn_contiguous_but(steps, nargs, 4, P)) {
#define DN_CALL(sp, sq) dn_hyper_contiguous(dims[0], rule, P, sp, sq, (const double *)args[0], \
                                            (const double *)args[1], (const double *)args[2], \
                                            (const double *)args[3], \
                                            (const double *)args[P ? 4 : 0], \
                                            (const double *)args[P > 1 ? 5 : 0], \
                                            (double *)args[o], (double *)args[o + 1], \
                                            (double *)args[o + 2], (double *)args[o + 3])
        DN_BY_PARAMETER_STEPS(steps, 4, P, DN_CALL)
#undef DN_CALL
        return;
    }
    const npy_intp k = dims[1], m = dims[2], *cs = steps + nargs;  /* core strides */
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = dn_rule_at(rule, DN_AT(args[0], i * steps[0]),
                              DN_PARAM(args, steps, 4, P, 0, i), DN_PARAM(args, steps, 4, P, 1, i));
        char *b = args[1] + i * steps[1], *c = args[2] + i * steps[2], *d = args[3] + i * steps[3];
        char *ob = args[o + 1] + i * steps[o + 1], *oc = args[o + 2] + i * steps[o + 2];
        char *od = args[o + 3] + i * steps[o + 3];
        DN_AT(args[o], i * steps[o]) = g.f0;
        dn_row_first(g, k, b, cs[0], ob, cs[4]);
        dn_row_first(g, m, c, cs[1], oc, cs[5]);
        dn_block_second(g, k, m, b, cs[0], c, cs[1], d, cs + 2, od, cs + 6);
    }
}

/* (),(k),(),(k) -> (),(k): a two-argument rule on Dual arrays. */
DN_LOOP void dn_loop_dual2(char **args, const npy_intp *dims, const npy_intp *steps,
                                 dn_binary_rule rule)
{
    if (dims[1] == 1) {
#define DN_CALL(ar, ap, br, bp) \
        dn_dual2_contiguous(dims[0], rule, ar, ap, br, bp, (const double *)args[0], \
                            (const double *)args[1], (const double *)args[2], \
                            (const double *)args[3], (double *)args[4], (double *)args[5])
        DN_BY_LAYOUT(dn_binary_layout(steps, 1), DN_CALL)
#undef DN_CALL
    }
    const npy_intp k = dims[1], *cs = steps + 6;
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet2 g = dn_rule2_at(rule, DN_AT(args[0], i * steps[0]), DN_AT(args[2], i * steps[2]));
        char *bx = args[1] + i * steps[1], *by = args[3] + i * steps[3];
        char *out = args[5] + i * steps[5];
        DN_AT(args[4], i * steps[4]) = g.f;
        dn_row2_first(g, k, bx, cs[0], by, cs[1], out, cs[2]);
    }
}

/* x: (),(k),(m),(k,m); y: the same -> (),(k),(m),(k,m): two-argument rule on HyperDual arrays.
   Core strides: x.e1 k, x.e2 m, x.e12 k m, y.e1 k, y.e2 m, y.e12 k m, out.e1 k, out.e2 m,
   out.e12 k m. */
DN_LOOP void dn_loop_hyper2(char **args, const npy_intp *dims, const npy_intp *steps,
                                  dn_binary_rule rule)
{
    if (dims[1] == 1 && dims[2] == 1) {
#define DN_CALL(ar, ap, br, bp) \
        dn_hyper2_contiguous(dims[0], rule, ar, ap, br, bp, (const double *)args[0], \
                             (const double *)args[1], (const double *)args[2], \
                             (const double *)args[3], (const double *)args[4], \
                             (const double *)args[5], (const double *)args[6], \
                             (const double *)args[7], (double *)args[8], (double *)args[9], \
                             (double *)args[10], (double *)args[11])
        DN_BY_LAYOUT(dn_binary_layout(steps, 3), DN_CALL)
#undef DN_CALL
    }
    const npy_intp k = dims[1], m = dims[2], *cs = steps + 12;
    for (npy_intp i = 0; i < dims[0]; i++) {
        char *p[12];
        for (int j = 0; j < 12; j++) p[j] = args[j] + i * steps[j];
        dn_jet2 g = dn_rule2_at(rule, DN_AT(p[0], 0), DN_AT(p[4], 0));
        DN_AT(p[8], 0) = g.f;
        dn_row2_first(g, k, p[1], cs[0], p[5], cs[4], p[9], cs[8]);
        dn_row2_first(g, m, p[2], cs[1], p[6], cs[5], p[10], cs[9]);
        {
            const npy_intp block[10] = {cs[0], cs[1], cs[2], cs[3], cs[4], cs[5], cs[6], cs[7],
                                        cs[10], cs[11]};
            dn_block_second2(g, k, m, p[1], p[2], p[3], p[5], p[6], p[7], p[11], block);
        }
    }
}

/* x -> (real, dual) and x -> (real, eps1, eps2, eps1eps2) of a unit seed, for a rule without
   parameters: contiguous arrays (the API's seeds) in one loop, any others element by
   element. */
DN_LOOP void dn_loop_dual_unit(char **args, const npy_intp *dims, const npy_intp *steps,
                               dn_unary_rule rule)
{
    if (dn_contiguous(steps, 3)) {
        dn_dual_unit_contiguous(dims[0], rule, (const double *)args[0], (double *)args[1],
                                (double *)args[2]);
        return;
    }
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = dn_rule_at(rule, DN_AT(args[0], i * steps[0]), 0.0, 0.0);
        DN_AT(args[1], i * steps[1]) = g.f0;
        DN_AT(args[2], i * steps[2]) = dn_chain_first(g, 1.0);
    }
}

DN_LOOP void dn_loop_hyper_unit(char **args, const npy_intp *dims, const npy_intp *steps,
                                dn_unary_rule rule)
{
    if (dn_contiguous(steps, 5)) {
        dn_hyper_unit_contiguous(dims[0], rule, (const double *)args[0], (double *)args[1],
                                 (double *)args[2], (double *)args[3], (double *)args[4]);
        return;
    }
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = dn_rule_at(rule, DN_AT(args[0], i * steps[0]), 0.0, 0.0);
        DN_AT(args[1], i * steps[1]) = g.f0;
        DN_AT(args[2], i * steps[2]) = dn_chain_first(g, 1.0);
        DN_AT(args[3], i * steps[3]) = dn_chain_first(g, 1.0);
        DN_AT(args[4], i * steps[4]) = dn_chain_second(g, 1.0, 1.0, 0.0);
    }
}

/* g, b -> g b, or 0 where b == 0: the first-order chain rule, elementwise. The common
   layouts (both contiguous; g one value per row of directions) get loops the compiler
   vectorizes. */
static void dn_loop_scale(char **args, const npy_intp *dims, const npy_intp *steps, void *data)
{
    (void)data;
    const npy_intp n = dims[0];
    if (steps[0] == sizeof(double) && steps[1] == sizeof(double) && steps[2] == sizeof(double)) {
        const double *g = (const double *)args[0], *b = (const double *)args[1];
        double *out = (double *)args[2];
        for (npy_intp i = 0; i < n; i++) out[i] = dn_scale(g[i], b[i]);
    } else if (steps[0] == 0 && steps[1] == sizeof(double) && steps[2] == sizeof(double)) {
        const double g = *(const double *)args[0], *b = (const double *)args[1];
        double *out = (double *)args[2];
        for (npy_intp i = 0; i < n; i++) out[i] = dn_scale(g, b[i]);
    } else {
        for (npy_intp i = 0; i < n; i++)
            DN_AT(args[2], i * steps[2]) = dn_scale(DN_AT(args[0], i * steps[0]),
                                                    DN_AT(args[1], i * steps[1]));
    }
}

/* (),(k) -> (k): g times each of an element's k directions, 0 where the direction is 0 (the
   first-order chain rule of a dual array with directions). A generalized ufunc, so that NumPy
   hands over all elements in one call, not one call per element's row of directions. */
static void dn_loop_scale_rows(char **args, const npy_intp *dims, const npy_intp *steps, void *data)
{
    (void)data;
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = {0.0, DN_AT(args[0], i * steps[0]), 0.0, 0.0, 0.0};
        dn_row_first(g, dims[1], args[1] + i * steps[1], steps[3], args[2] + i * steps[2],
                     steps[4]);
    }
}

/* f1, f2, b, c, d -> f1 d + f2 b c (zero parts stay zero): the second-order chain rule. */
static void dn_loop_chain_second(char **args, const npy_intp *dims, const npy_intp *steps, void *data)
{
    (void)data;
    if (dn_contiguous(steps, 6)) {
        const double *g1 = (const double *)args[0], *g2 = (const double *)args[1];
        const double *b = (const double *)args[2], *c = (const double *)args[3];
        const double *d = (const double *)args[4];
        double *out = (double *)args[5];
        for (npy_intp i = 0; i < dims[0]; i++) {
            dn_jet g = {0.0, g1[i], g2[i], 0.0, 0.0};
            out[i] = dn_chain_second(g, b[i], c[i], d[i]);
        }
        return;
    }
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = {0.0, DN_AT(args[0], i * steps[0]), DN_AT(args[1], i * steps[1]), 0.0, 0.0};
        DN_AT(args[5], i * steps[5]) = dn_chain_second(
            g, DN_AT(args[2], i * steps[2]), DN_AT(args[3], i * steps[3]), DN_AT(args[4], i * steps[4]));
    }
}

/* f1, f2, b, c, d -> (f1 b, f1 c, f1 d + f2 b c), zero parts staying zero: both chain rules
   of a plain hyper-dual element in one pass. */
static void dn_loop_chain_hyper(char **args, const npy_intp *dims, const npy_intp *steps, void *data)
{
    (void)data;
    if (dn_contiguous(steps, 8)) {
        dn_chain_hyper_contiguous(dims[0], (const double *)args[0], (const double *)args[1],
                                  (const double *)args[2], (const double *)args[3],
                                  (const double *)args[4], (double *)args[5],
                                  (double *)args[6], (double *)args[7]);
        return;
    }
    for (npy_intp i = 0; i < dims[0]; i++) {
        dn_jet g = {0.0, DN_AT(args[0], i * steps[0]), DN_AT(args[1], i * steps[1]), 0.0, 0.0};
        const double b = DN_AT(args[2], i * steps[2]), c = DN_AT(args[3], i * steps[3]);
        DN_AT(args[5], i * steps[5]) = dn_chain_first(g, b);
        DN_AT(args[6], i * steps[6]) = dn_chain_first(g, c);
        DN_AT(args[7], i * steps[7]) = dn_chain_second(g, b, c, DN_AT(args[4], i * steps[4]));
    }
}

/* One entry point per rule and loop kind, with the rule a compile-time constant. */
#define DN_LOOP_ENTRY(kind, name, ...) \
    static void dn_loop_##kind##_##name(char **args, const npy_intp *dims, \
                                        const npy_intp *steps, void *data) \
    { (void)data; dn_loop_##kind(args, dims, steps, __VA_ARGS__); }

#define DN_UNARY_LOOPS(name, P) \
    DN_LOOP_ENTRY(jet, name, dn_rule_##name, P) \
    DN_LOOP_ENTRY(dual, name, dn_rule_##name, P) \
    DN_LOOP_ENTRY(hyper, name, dn_rule_##name, P)

/* The unit-seed loops, for a rule without parameters. */
#define DN_UNIT_LOOPS(name) \
    DN_LOOP_ENTRY(dual_unit, name, dn_rule_##name) \
    DN_LOOP_ENTRY(hyper_unit, name, dn_rule_##name)

#define DN_BINARY_LOOPS(name) \
    DN_LOOP_ENTRY(jet2, name, dn_rule_##name) \
    DN_LOOP_ENTRY(dual2, name, dn_rule_##name) \
    DN_LOOP_ENTRY(hyper2, name, dn_rule_##name)

#endif
