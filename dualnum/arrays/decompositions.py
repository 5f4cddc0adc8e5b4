"""Matrix decompositions of dual arrays: cholesky, slogdet, eigh, eigvalsh, svd, svdvals, qr,
pinv and lstsq, stacked matrices as NumPy stacks them.

Each runs NumPy's own function (LAPACK) on the real parts once and differentiates it by the
forward rules of Giles, "Collected matrix derivative results for forward and reverse mode
AD" (2008), with those of Townsend, "Differentiating the singular value decomposition"
(2016) for rectangular SVDs and Walter and Lehmann (2018) for QR: matrix products and solves
of the parts. Hyper-duals get their second-order parts from the same rules applied to dual
numbers of dual numbers (``linalg.jet``).

Where no derivative exists the parts are NaN, never a guess: eigenvalues, singular values
and their vectors at an exactly repeated (eigen or singular) value (the sorted values are
not differentiable there, and the vectors are not unique); a zero singular value (a cone
point, as absolute at 0); the columns of Q or U that a complete QR or a full SVD adds to a
rectangular matrix (any orthonormal completion would do); pinv and lstsq of a matrix below
full rank. Functions of symmetric matrices (eigh, eigvalsh, cholesky, svd and pinv with
hermitian=True) read one triangle, as LAPACK does: its perturbation is taken as symmetric.
"""
import numpy as np

from ._registry import implements
from ._storage import ArrayBase
from .linalg import jet, minus
from .operands import lead
from .products import with_axes
from .reductions import scalar_or_array

_NO = np._NoValue
_RESULTS = np.linalg._linalg  # NumPy's result types (EighResult, SVDResult, ...)


# ---------------------------------------------------------------- generic helpers
# These act alike on float ndarrays and on dual arrays (the rules run on both; see jet).
def _t(x):
    return np.swapaxes(x, -1, -2)


def _symmetric(t, upper):
    """The symmetric matrices whose lower (upper) triangle t holds."""
    n = t.shape[-1]
    lower, strict = np.tril(np.ones((n, n))), np.tril(np.ones((n, n)), -1)
    if upper:
        lower, strict = lower.T, strict.T
    return t * lower + _t(t * strict)


def _nan_where(mask, x):
    """x with NaN where mask holds (mask broadcasts against x's trailing axes)."""
    return np.where(mask, np.nan, x) if np.any(mask) else x


def _repeated(w):
    """Where a value along the last axis equals another one (real parts)."""
    w = w.real
    same = w[..., :, None] == w[..., None, :]
    return (same & ~np.eye(w.shape[-1], dtype=bool)).any(axis=-1)


def _gaps(w):
    """F with F_ij = 1 / (w_j - w_i) for i != j and 0 on the diagonal: NaN where w_j = w_i
    (Giles 2008, 3.1)."""
    n = w.shape[-1]
    eye = np.eye(n)
    diff = w[..., None, :] - w[..., :, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = (1.0 - eye) / (diff + eye)
    return _nan_where((diff.real == 0) & (eye == 0), gaps)


def _without_derivative(x, mask):
    """x with NaN perturbation parts where mask (over x's shape) holds: no derivative."""
    if not np.any(mask):
        return x
    mask = np.broadcast_to(mask, x.shape)
    return x._with_parts([x.real] + [np.where(mask.reshape(mask.shape + (1,) * c), np.nan, p)
                                     for p, c in zip(x._parts[1:], x._dir_ndim[1:])])


def _pad(x, full, axis, fill):
    """The dual array x (thin factors) with the real parts ``full`` and its perturbation
    parts extended along ``axis`` (-1: columns, -2: rows) to full's shape with ``fill``."""
    def extend(p, c):
        shape = list(p.shape)
        at = p.ndim - c + axis
        shape[at] = full.shape[axis] - p.shape[at]
        return np.concatenate([p, np.full(shape, fill)], axis=at)
    return x._with_parts([full] + [extend(p, c) for p, c in zip(x._parts[1:], x._dir_ndim[1:])])


# ---------------------------------------------------------------- symmetric matrices
def _eigh_rule(upper):
    """dw = diag(U^T dA U), dU = U (F o U^T dA U) (Giles 2008, 3.1)."""
    def rule(operands, outputs, tangents):
        (w, u), (t,) = outputs, tangents
        m = _t(u) @ _symmetric(t, upper) @ u
        return [_nan_where(_repeated(w), np.linalg.diagonal(m)), u @ (_gaps(w) * m)]
    return rule


def _check_uplo(uplo):
    if uplo not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")


@implements(np.linalg.eigh)
def _eigh(a, UPLO="L"):
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices (..., n, n): the
    derivative of a repeated eigenvalue and of the eigenvectors of repeated eigenvalues are
    NaN."""
    _check_uplo(UPLO)
    w, u = np.linalg.eigh(a.real, UPLO)
    return _RESULTS.EighResult(*jet(a, [a], [w, u], _eigh_rule(UPLO == "U")))


@implements(np.linalg.eigvalsh)
def _eigvalsh(a, UPLO="L"):
    """The eigenvalues of eigh (its vectors carry the second-order terms)."""
    return _eigh(a, UPLO).eigenvalues


@implements(np.linalg.cholesky)
def _cholesky(a, /, *, upper=False):
    """L with A = L L^T (U = L^T with upper=True): dL = L Phi(L^-1 dA L^-T), Phi taking the
    strict lower triangle and half the diagonal (Giles 2008, 3.1)."""
    factor = np.linalg.cholesky(a.real, upper=upper)
    n = a.shape[-1]
    phi = np.tril(np.ones((n, n)), -1) + 0.5 * np.eye(n)

    def rule(operands, outputs, tangents):
        (f,), (t,) = outputs, tangents
        lower = _t(f) if upper else f
        z = np.linalg.solve(lower, _t(np.linalg.solve(lower, _symmetric(t, upper))))
        d = lower @ (z * phi)
        return [_t(d) if upper else d]
    return jet(a, [a], [factor], rule)[0]


@implements(np.linalg.slogdet)
def _slogdet(a):
    """(sign, log|det A|): the sign has no derivative (an ndarray, NumPy's);
    d log|det A| = tr(A^-1 dA) (Giles 2008, 2.2.3)."""
    sign, logabsdet = np.linalg.slogdet(a.real)

    def rule(operands, outputs, tangents):
        (a,), (t,) = operands, tangents
        return [None, np.linalg.trace(np.linalg.solve(a, t))]
    _, logabsdet = jet(a, [a], [np.asarray(sign), np.asarray(logabsdet)], rule)
    return _RESULTS.SlogdetResult(sign, scalar_or_array(logabsdet))


# ---------------------------------------------------------------- SVD
def _svd_rule(hermitian):
    """ds = diag(P), P = U^T dA V; dU = U (F o (P S + S P^T)) + (I - U U^T) dA V S^-1,
    dV = V (F o (S P + P^T S)) + (I - V V^T) dA^T U S^-1, F_ij = 1 / (s_j^2 - s_i^2)
    (Townsend 2016; Giles 2008, 3.2 for square matrices)."""
    def rule(operands, outputs, tangents):
        (u, s, vt), (t,) = outputs, tangents
        if hermitian:
            t = _symmetric(t, False)
        v, row, col = _t(vt), s[..., None, :], s[..., :, None]
        p = _t(u) @ t @ v
        f = _gaps(s * s)
        du = u @ (f * (p * row + col * _t(p))) + (t @ v - u @ p) / row
        dv = v @ (f * (col * p + _t(p) * row)) + (_t(t) @ u - v @ _t(p)) / row
        kink = _repeated(s) | (s.real == 0)
        return [du, _nan_where(kink, np.linalg.diagonal(p)), _t(dv)]
    return rule


@implements(np.linalg.svd)
def _svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """U, S, Vh of matrices (..., m, n) (S only with compute_uv=False). The columns a full
    SVD adds to U or Vh of a rectangular matrix have NaN perturbation parts."""
    u, s, vt = np.linalg.svd(a.real, full_matrices, True, hermitian)
    m, n = a.shape[-2:]
    k = min(m, n)
    du, ds, dvt = jet(a, [a], [u[..., :, :k], s, vt[..., :k, :]], _svd_rule(hermitian))
    if not compute_uv:
        return ds
    if full_matrices and m > n:
        du = _pad(du, u, -1, np.nan)
    if full_matrices and m < n:
        dvt = _pad(dvt, vt, -2, np.nan)
    return _RESULTS.SVDResult(du, ds, dvt)


@implements(np.linalg.svdvals)
def _svdvals(x, /):
    """The singular values (descending) of matrices (..., m, n)."""
    return _svd(x, compute_uv=False)


# ---------------------------------------------------------------- QR
def _qr_tall(q, r, t):
    """dQ and dR of A = QR, A (m, n) with m >= n, Q (m, n): with C = Q^T dA R^-1 and
    Omega = tril(C, -1) - tril(C, -1)^T, dR = (C - Omega) R and dQ = dA R^-1 - Q (C - Omega)
    (Walter and Lehmann 2018)."""
    x = _t(np.linalg.solve(_t(r), _t(t)))
    c = _t(q) @ x
    lower = c * np.tril(np.ones(c.shape[-2:]), -1)
    b = c - lower + _t(lower)
    return x - q @ b, b @ r


def _qr_rule(operands, outputs, tangents):
    """For m < n, A = Q [U V] with U square: dQ, dU from the square rule of the first m
    columns, dV = Q^T (dA_V - dQ V)."""
    (q, r), (t,) = outputs, tangents
    m, n = t.shape[-2:]
    if m >= n:
        return list(_qr_tall(q, r, t))
    dq, du = _qr_tall(q, r[..., :, :m], t[..., :, :m])
    dv = _t(q) @ (t[..., :, m:] - dq @ r[..., :, m:])
    return [dq, np.concatenate([du, dv], axis=-1)]


@implements(np.linalg.qr)
def _qr(a, mode="reduced"):
    """Q, R of matrices (..., m, n) for mode 'reduced', 'complete' (the columns it adds to
    Q of a tall matrix have NaN perturbation parts) or 'r'; mode 'raw' (LAPACK's
    Householder reflectors) is refused."""
    if mode == "raw":
        raise TypeError("numpy.linalg.qr on dual arrays does not take mode='raw': LAPACK's "
                        "Householder reflectors have no derivative here; use 'reduced'")
    if mode not in ("reduced", "complete", "r"):
        raise ValueError("Unrecognized mode '%s'" % (mode,))
    q, r = np.linalg.qr(a.real, "complete" if mode == "complete" else "reduced")
    m, n = a.shape[-2:]
    k = min(m, n)
    dq, dr = jet(a, [a], [q[..., :, :k], r[..., :k, :]], _qr_rule)
    if mode == "r":
        return dr
    if mode == "complete" and m > n:
        dq, dr = _pad(dq, q, -1, np.nan), _pad(dr, r, -2, 0.0)
    return _RESULTS.QRResult(dq, dr)


# ---------------------------------------------------------------- pinv and lstsq
def _full_rank(s, rcond):
    """The matrices whose singular values s (descending) all exceed rcond times the
    largest."""
    return s[..., -1] > np.asarray(rcond) * s[..., 0]


def _pinv_rule(hermitian):
    """dP = -P dA P + P P^T dA^T (I - A P) + (I - P A) dA^T P^T P (Golub and Pereyra 1973),
    exact at full rank."""
    def rule(operands, outputs, tangents):
        (a,), (p,), (t,) = operands, outputs, tangents
        if hermitian:
            t = _symmetric(t, False)
        tt, pt = _t(t), _t(p)
        return [-(p @ t @ p) + (p @ pt) @ (tt - (tt @ a) @ p) + (tt - p @ (a @ tt)) @ (pt @ p)]
    return rule


@implements(np.linalg.pinv)
def _pinv(a, rcond=None, hermitian=False, *, rtol=_NO):
    """The pseudo-inverses of matrices (..., m, n), NumPy's values; their perturbation parts
    are NaN for a matrix below full rank (singular values cut off by rcond/rtol)."""
    p = np.linalg.pinv(a.real, rcond, hermitian, rtol=rtol)
    if rcond is None:
        rcond = 1e-15 if rtol is _NO else (max(a.shape[-2:]) * np.finfo(float).eps
                                           if rtol is None else rtol)
    result = jet(a, [a], [p], _pinv_rule(hermitian))[0]
    deficient = ~_full_rank(np.linalg.svd(a.real, compute_uv=False), rcond)
    return _without_derivative(result, deficient[..., None, None])


@implements(np.linalg.lstsq)
def _lstsq(a, b, rcond=None):
    """(x, residuals, rank, s) of min |b - a x| for a (m, n), b (m,) or (m, k), NumPy's
    values: x' = P (b' - a' x) + P P^T a'^T (b - a x) + (I - P a) a'^T P^T x with P = pinv(a)
    (Golub and Pereyra 1973); NaN parts below full rank. The residuals and the singular
    values are dual where their operands are."""
    first = lead(a, b)
    a, b = (x if isinstance(x, ArrayBase) else np.asarray(x, dtype=np.float64)
            for x in (a, b))
    ar, br = a.real, b.real
    x, residuals, rank, s = np.linalg.lstsq(ar, br, rcond)
    vector = br.ndim == 1
    bm = b[..., None] if vector else b
    a = with_axes(a, 2)

    def rule(operands, outputs, tangents):
        (a, b), (x,), (da, db) = operands, outputs, tangents
        p = np.linalg.pinv(a)
        dx = p @ minus(db, None if da is None else da @ x)
        if da is None:
            return [dx]
        dat = _t(da)
        return [dx + p @ (_t(p) @ (dat @ (b - a @ x))) + (dat - p @ (a @ dat)) @ (_t(p) @ x)]
    (xd,) = jet(first, [a, bm], [x[:, None] if vector else x], rule)
    xd = _without_derivative(xd, rank < min(ar.shape))
    if residuals.size:
        square = np.sum((bm - a @ xd) ** 2, axis=0)
        residuals = square._with_parts([residuals] + list(square._parts[1:]))
    if isinstance(a, ArrayBase):
        values = _svdvals(a)
        s = values._with_parts([s] + list(values._parts[1:]))
    return xd[..., 0] if vector else xd, residuals, rank, s
