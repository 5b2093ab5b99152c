/* What a report shows, computed from the loaded corpus: counts by kind of source, rankings,
 * PageRank and degree on the corpus graph, per-outlet tables, the order of repeated quotes and
 * conflicts, and the drawn part of the graph with its layout. igraph is used only here in the
 * report stage. Every order is total (ties broken by id), so the output is deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "../core/error.h"
#include "report_internal.h"

/* Layout: fixed seed, iterations and drawing size (docs/report.md). */
#define RP_LAYOUT_SEED 20240917u
#define RP_LAYOUT_ITER 500
#define RP_SVG_W 1000.0
#define RP_SVG_H 680.0
#define RP_SVG_MARGIN 40.0
#define RP_SVG_LABEL_ROOM 110.0 /* more room on the right, where labels go */
#define RP_LABELS 20

int rp_kind_index(const char *kind)
{
    static const char *const kinds[] = {"person", "role", "organization", "outlet", "anonymous"};
    for (int i = 0; i < 5; i++)
        if (kind && !strcmp(kind, kinds[i]))
            return i;
    return 5;
}

/* ---- sorting by keys: descending k[0], k[1], k[2], then ascending id, then index ---- */

typedef struct rkey {
    double k[3];
    const char *id;
    uint32_t idx;
} rkey;

static int cmp_key(const void *pa, const void *pb)
{
    const rkey *a = pa, *b = pb;
    for (int i = 0; i < 3; i++)
        if (a->k[i] != b->k[i])
            return a->k[i] > b->k[i] ? -1 : 1;
    int c = strcmp(a->id ? a->id : "", b->id ? b->id : "");
    if (c)
        return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Sort keys and write their indices to a new array from the arena. */
static uint32_t *sorted(qg_report *r, rkey *keys, size_t n)
{
    qsort(keys, n, sizeof *keys, cmp_key);
    uint32_t *out = rp_alloc(&r->arena, (n ? n : 1) * sizeof *out);
    if (out)
        for (size_t i = 0; i < n; i++)
            out[i] = keys[i].idx;
    return out;
}

static qg_status igraph_fail(qg_error *err, igraph_error_t e, const char *what)
{
    if (e == IGRAPH_ENOMEM)
        return QG_OOM(err);
    return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "igraph: %s failed: %s", what,
                        igraph_strerror(e));
}

/* ---- PageRank and degree on the whole corpus graph ---- */

static qg_status centrality(qg_report *r, qg_error *err)
{
    size_t n = r->nodes, m = r->edges.count;
    if (!n)
        return QG_OK;
    uint64_t *deg = calloc(n, sizeof *deg);
    if (!deg)
        return QG_OOM(err);
    for (size_t i = 0; i < m; i++) {
        deg[r->edges.items[i].source]++;
        deg[r->edges.items[i].target]++;
    }
    igraph_t g;
    igraph_vector_int_t ev;
    igraph_vector_t w, pr;
    igraph_error_t e;
    qg_status st = QG_OK;
    if ((e = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m)))) {
        free(deg);
        return igraph_fail(err, e, "allocating the edge list");
    }
    if ((e = igraph_vector_init(&w, (igraph_integer_t)m))) {
        igraph_vector_int_destroy(&ev);
        free(deg);
        return igraph_fail(err, e, "allocating the weights");
    }
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = r->edges.items[i].source;
        VECTOR(ev)[2 * i + 1] = r->edges.items[i].target;
        VECTOR(w)[i] = r->edges.items[i].weight;
    }
    if ((e = igraph_create(&g, &ev, (igraph_integer_t)n, IGRAPH_DIRECTED))) {
        st = igraph_fail(err, e, "building the corpus graph");
        goto done0;
    }
    if ((e = igraph_vector_init(&pr, 0))) {
        st = igraph_fail(err, e, "allocating PageRank");
        goto done1;
    }
    /* weights of zero everywhere would make PRPACK fail: fall back to no weights */
    bool any = false;
    for (size_t i = 0; i < m && !any; i++)
        any = r->edges.items[i].weight > 0;
    if ((e = igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(), 1, 0.85,
                             any ? &w : NULL, NULL))) {
        st = igraph_fail(err, e, "PageRank");
        goto done2;
    }
    for (size_t i = 0; i < r->entities.count; i++) {
        rp_entity *x = &r->entities.items[i];
        if (x->node == RP_NONE)
            continue;
        x->pagerank = VECTOR(pr)[x->node];
        x->degree = deg[x->node];
    }
done2:
    igraph_vector_destroy(&pr);
done1:
    igraph_destroy(&g);
done0:
    igraph_vector_destroy(&w);
    igraph_vector_int_destroy(&ev);
    free(deg);
    return st;
}

/* ---- counts from the quotes ---- */

static void quote_counts(qg_report *r)
{
    for (size_t a = 0; a < r->articles.count; a++) {
        const rp_article *art = &r->articles.items[a];
        for (uint32_t k = 0; k < art->nq; k++) {
            const rp_quote *q = &r->quotes.items[art->q0 + k];
            if (q->speaker == RP_NONE)
                continue;
            rp_entity *sp = &r->entities.items[q->speaker];
            r->attributed++;
            r->by_kind[rp_kind_index(sp->kind)]++;
            /* the organisation the speaker speaks for (most often, as merge decided) */
            uint32_t who[2] = {q->speaker, sp->org != q->speaker ? sp->org : RP_NONE};
            if (who[1] != RP_NONE)
                r->entities.items[who[1]].org_quotes++;
            for (int j = 0; j < 2; j++) {
                if (who[j] == RP_NONE)
                    continue;
                rp_entity *x = &r->entities.items[who[j]];
                if (x->mark != (uint32_t)a) {
                    x->mark = (uint32_t)a;
                    x->org_articles++;
                }
            }
        }
    }
    r->anonymous = r->by_kind[4];
}

/* ---- per-outlet tables ---- */

typedef struct triple {
    uint32_t outlet, speaker, article;
} triple;

static int cmp_triple(const void *pa, const void *pb)
{
    const triple *a = pa, *b = pb;
    if (a->outlet != b->outlet)
        return a->outlet < b->outlet ? -1 : 1;
    if (a->speaker != b->speaker)
        return a->speaker < b->speaker ? -1 : 1;
    return a->article < b->article ? -1 : a->article > b->article;
}

static qg_status outlets(qg_report *r, qg_error *err)
{
    size_t ne = r->entities.count;
    /* rows: one per outlet entity that published articles, plus one for "no outlet" */
    uint32_t *row_of = malloc((ne + 1) * sizeof *row_of);
    triple *t = malloc((r->quotes.count + 1) * sizeof *t);
    rkey *keys = NULL;
    qg_status st = QG_OK;
    if (!row_of || !t) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t i = 0; i <= ne; i++)
        row_of[i] = RP_NONE;
    size_t nrows = 0;
    for (size_t a = 0; a < r->articles.count; a++) {
        uint32_t o = r->articles.items[a].outlet;
        size_t slot = o == RP_NONE ? ne : o;
        if (row_of[slot] == RP_NONE)
            row_of[slot] = (uint32_t)nrows++;
    }
    rp_outlet_row *rows = rp_alloc(&r->arena, (nrows ? nrows : 1) * sizeof *rows);
    if (!rows) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t i = 0; i <= ne; i++)
        if (row_of[i] != RP_NONE)
            rows[row_of[i]].outlet = i == ne ? RP_NONE : (uint32_t)i;
    size_t nt = 0;
    for (size_t a = 0; a < r->articles.count; a++) {
        const rp_article *art = &r->articles.items[a];
        rp_outlet_row *row = &rows[row_of[art->outlet == RP_NONE ? ne : art->outlet]];
        row->articles++;
        row->quotes += art->nq;
        for (uint32_t k = 0; k < art->nq; k++) {
            const rp_quote *q = &r->quotes.items[art->q0 + k];
            if (q->speaker == RP_NONE)
                continue;
            row->attributed++;
            if (rp_kind_index(r->entities.items[q->speaker].kind) == 4)
                row->anonymous++;
            t[nt++] = (triple){row_of[art->outlet == RP_NONE ? ne : art->outlet], q->speaker,
                               (uint32_t)a};
        }
    }
    qsort(t, nt, sizeof *t, cmp_triple);
    keys = malloc((nt + 1) * sizeof *keys);
    if (!keys) {
        st = QG_OOM(err);
        goto done;
    }
    /* per row: sources with their quotes and distinct articles */
    for (size_t i = 0; i < nt;) {
        uint32_t row = t[i].outlet;
        size_t nk = 0;
        size_t j = i;
        while (j < nt && t[j].outlet == row) {
            size_t s = j;
            uint64_t arts = 0;
            while (j < nt && t[j].outlet == row && t[j].speaker == t[s].speaker) {
                if (j == s || t[j].article != t[j - 1].article)
                    arts++;
                j++;
            }
            const rp_entity *x = &r->entities.items[t[s].speaker];
            keys[nk++] = (rkey){{(double)(j - s), (double)arts, x->pagerank}, x->id, t[s].speaker};
        }
        rp_outlet_row *rw = &rows[row];
        rw->sources = nk;
        qsort(keys, nk, sizeof *keys, cmp_key);
        size_t keep = nk < r->opts.top ? nk : r->opts.top;
        rw->top = rp_alloc(&r->arena, (keep ? keep : 1) * sizeof *rw->top);
        rw->top_quotes = rp_alloc(&r->arena, (keep ? keep : 1) * sizeof *rw->top_quotes);
        rw->top_articles = rp_alloc(&r->arena, (keep ? keep : 1) * sizeof *rw->top_articles);
        if (!rw->top || !rw->top_quotes || !rw->top_articles) {
            st = QG_OOM(err);
            goto done;
        }
        for (size_t k = 0; k < keep; k++) {
            rw->top[k] = keys[k].idx;
            rw->top_quotes[k] = (uint64_t)keys[k].k[0];
            rw->top_articles[k] = (uint64_t)keys[k].k[1];
        }
        rw->ntop = keep;
        i = j;
    }
    /* order: outlets by articles, quotes, id; articles without an outlet last */
    rkey *rk = realloc(keys, (nrows + 1) * sizeof *rk);
    if (!rk) {
        st = QG_OOM(err);
        goto done;
    }
    keys = rk;
    for (size_t i = 0; i < nrows; i++) {
        bool none = rows[i].outlet == RP_NONE;
        keys[i] = (rkey){{none ? -1.0 : 0.0, (double)rows[i].articles, (double)rows[i].quotes},
                         none ? "" : r->entities.items[rows[i].outlet].id,
                         (uint32_t)i};
    }
    qsort(keys, nrows, sizeof *keys, cmp_key);
    r->outlet_rows = rp_alloc(&r->arena, (nrows ? nrows : 1) * sizeof *r->outlet_rows);
    if (!r->outlet_rows) {
        st = QG_OOM(err);
        goto done;
    }
    for (size_t i = 0; i < nrows; i++)
        r->outlet_rows[i] = rows[keys[i].idx];
    r->noutlet_rows = nrows;
done:
    free(keys);
    free(t);
    free(row_of);
    return st;
}

/* ---- the drawn graph ---- */

typedef struct vpair {
    uint32_t a, b; /* node keys: entity index, or entities.count + article index */
    uint32_t affiliation;
} vpair;

static int cmp_vpair(const void *pa, const void *pb)
{
    const vpair *a = pa, *b = pb;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->affiliation < b->affiliation ? -1 : a->affiliation > b->affiliation;
}

static const char *vkey_id(const qg_report *r, uint32_t key)
{
    return key < r->entities.count ? r->entities.items[key].id
                                   : r->articles.items[key - r->entities.count].id;
}

static qg_status layout(qg_report *r, qg_error *err)
{
    size_t n = r->nvnodes, m = r->nvedges;
    igraph_t g;
    igraph_vector_int_t ev;
    igraph_matrix_t pos;
    igraph_vector_t minx, maxx, miny, maxy;
    igraph_error_t e;
    qg_status st = QG_OK;
    if ((e = igraph_vector_int_init(&ev, (igraph_integer_t)(2 * m))))
        return igraph_fail(err, e, "allocating the edge list");
    for (size_t i = 0; i < m; i++) {
        VECTOR(ev)[2 * i] = r->vedges[i].a;
        VECTOR(ev)[2 * i + 1] = r->vedges[i].b;
    }
    if ((e = igraph_create(&g, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED))) {
        igraph_vector_int_destroy(&ev);
        return igraph_fail(err, e, "building the drawn graph");
    }
    igraph_vector_int_destroy(&ev);
    /* start from a circle (no random start), and keep every component inside a square whose
     * side grows with the square root of the node count, so that small components do not
     * drift away from the large one */
    double half = 2.0 * sqrt((double)n) + 2.0;
    if ((e = igraph_matrix_init(&pos, 0, 0))) {
        igraph_destroy(&g);
        return igraph_fail(err, e, "allocating the layout");
    }
    if ((e = igraph_layout_circle(&g, &pos, igraph_vss_all()))) {
        st = igraph_fail(err, e, "circle layout");
        goto done0;
    }
    for (size_t i = 0; i < n; i++) {
        MATRIX(pos, i, 0) *= half * 0.8;
        MATRIX(pos, i, 1) *= half * 0.8;
    }
    if ((e = igraph_vector_init(&minx, (igraph_integer_t)n))) {
        st = igraph_fail(err, e, "allocating bounds");
        goto done0;
    }
    igraph_vector_fill(&minx, -half);
    if ((e = igraph_vector_init_copy(&miny, &minx))) {
        st = igraph_fail(err, e, "allocating bounds");
        goto done1;
    }
    if ((e = igraph_vector_init(&maxx, (igraph_integer_t)n))) {
        st = igraph_fail(err, e, "allocating bounds");
        goto done2;
    }
    igraph_vector_fill(&maxx, half);
    if ((e = igraph_vector_init_copy(&maxy, &maxx))) {
        st = igraph_fail(err, e, "allocating bounds");
        goto done3;
    }
    igraph_rng_seed(igraph_rng_default(), RP_LAYOUT_SEED);
    if ((e = igraph_layout_fruchterman_reingold(&g, &pos, 1, RP_LAYOUT_ITER, sqrt((double)n) / 10,
                                                IGRAPH_LAYOUT_NOGRID, NULL, &minx, &maxx, &miny,
                                                &maxy))) {
        st = igraph_fail(err, e, "Fruchterman-Reingold layout");
        goto done4;
    }
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double x = MATRIX(pos, i, 0), y = MATRIX(pos, i, 1);
        x0 = fmin(x0, x);
        x1 = fmax(x1, x);
        y0 = fmin(y0, y);
        y1 = fmax(y1, y);
    }
    double sx = x1 > x0 ? (RP_SVG_W - 2 * RP_SVG_MARGIN - RP_SVG_LABEL_ROOM) / (x1 - x0) : 1;
    double sy = y1 > y0 ? (RP_SVG_H - 2 * RP_SVG_MARGIN) / (y1 - y0) : 1;
    /* the drawing is wider than high: stretch x and y each to fill it (up to twice the
     * other's scale, so that a thin layout is not torn apart) */
    sx = fmin(sx, 2 * sy);
    sy = fmin(sy, 2 * sx);
    double ox = (RP_SVG_W - RP_SVG_LABEL_ROOM - sx * (x1 - x0)) / 2;
    double oy = (RP_SVG_H - sy * (y1 - y0)) / 2;
    for (size_t i = 0; i < n; i++) {
        /* rounded to 0.1 unit so that the last bits of floating point never show */
        r->vnodes[i].x = round((ox + sx * (MATRIX(pos, i, 0) - x0)) * 10) / 10;
        r->vnodes[i].y = round((oy + sy * (MATRIX(pos, i, 1) - y0)) * 10) / 10;
    }
done4:
    igraph_vector_destroy(&maxy);
done3:
    igraph_vector_destroy(&maxx);
done2:
    igraph_vector_destroy(&miny);
done1:
    igraph_vector_destroy(&minx);
done0:
    igraph_matrix_destroy(&pos);
    igraph_destroy(&g);
    return st;
}

static qg_status view(qg_report *r, qg_error *err)
{
    size_t ne = r->entities.count, nkeys = ne + r->articles.count;
    vpair *p = malloc((2 * r->quotes.count + 1) * sizeof *p);
    uint64_t *wdeg = calloc(nkeys + 1, sizeof *wdeg);
    uint32_t *slot = malloc((nkeys + 1) * sizeof *slot);
    rkey *keys = NULL;
    qg_status st = QG_OK;
    if (!p || !wdeg || !slot) {
        st = QG_OOM(err);
        goto done;
    }
    size_t np = 0;
    for (size_t a = 0; a < r->articles.count; a++) {
        const rp_article *art = &r->articles.items[a];
        uint32_t pub = art->outlet != RP_NONE ? art->outlet : (uint32_t)(ne + a);
        for (uint32_t k = 0; k < art->nq; k++) {
            const rp_quote *q = &r->quotes.items[art->q0 + k];
            if (q->speaker == RP_NONE)
                continue;
            if (q->speaker != pub)
                p[np++] = (vpair){pub, q->speaker, 0};
            if (q->org != RP_NONE && q->org != q->speaker)
                p[np++] = (vpair){q->speaker, q->org, 1};
        }
    }
    qsort(p, np, sizeof *p, cmp_vpair);
    /* runs of equal pairs are the folded edges; their lengths are the weights */
    size_t nfold = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && !cmp_vpair(&p[i], &p[j]))
            j++;
        wdeg[p[i].a] += j - i;
        wdeg[p[i].b] += j - i;
        p[nfold] = p[i];
        p[nfold].affiliation |= (uint32_t)(j - i) << 1; /* weight in the upper bits */
        nfold++;
        i = j;
    }
    size_t ncand = 0;
    for (size_t k = 0; k < nkeys; k++)
        ncand += wdeg[k] > 0;
    r->view_candidates = ncand;
    if (!r->opts.graph_nodes || !ncand)
        goto done;
    keys = malloc(ncand * sizeof *keys);
    if (!keys) {
        st = QG_OOM(err);
        goto done;
    }
    size_t nk = 0;
    for (size_t k = 0; k < nkeys; k++)
        if (wdeg[k])
            keys[nk++] = (rkey){
                {(double)wdeg[k], k < ne ? 1.0 : 0.0, 0}, vkey_id(r, (uint32_t)k), (uint32_t)k};
    qsort(keys, nk, sizeof *keys, cmp_key);
    size_t keep = nk < r->opts.graph_nodes ? nk : r->opts.graph_nodes;
    for (size_t k = 0; k < nkeys; k++)
        slot[k] = RP_NONE;
    for (size_t k = 0; k < keep; k++)
        slot[keys[k].idx] = (uint32_t)k;
    /* edges among the kept nodes; a kept node without one is not drawn */
    bool *linked = calloc(keep, sizeof *linked);
    if (!linked) {
        st = QG_OOM(err);
        goto done;
    }
    size_t nedges = 0;
    for (size_t i = 0; i < nfold; i++)
        if (slot[p[i].a] != RP_NONE && slot[p[i].b] != RP_NONE) {
            linked[slot[p[i].a]] = linked[slot[p[i].b]] = true;
            nedges++;
        }
    uint32_t *final = malloc((keep ? keep : 1) * sizeof *final);
    if (!final) {
        free(linked);
        st = QG_OOM(err);
        goto done;
    }
    size_t nv = 0;
    for (size_t k = 0; k < keep; k++)
        final[k] = linked[k] ? (uint32_t)nv++ : RP_NONE;
    r->vnodes = rp_alloc(&r->arena, (nv ? nv : 1) * sizeof *r->vnodes);
    r->vedges = rp_alloc(&r->arena, (nedges ? nedges : 1) * sizeof *r->vedges);
    if (!r->vnodes || !r->vedges) {
        free(linked);
        free(final);
        st = QG_OOM(err);
        goto done;
    }
    uint64_t wmax = 1;
    for (size_t k = 0; k < keep; k++) {
        if (final[k] == RP_NONE)
            continue;
        rp_vnode *v = &r->vnodes[final[k]];
        uint32_t key = keys[k].idx;
        v->entity = key < ne ? key : RP_NONE;
        v->article = key < ne ? RP_NONE : (uint32_t)(key - ne);
        v->weight = wdeg[key];
        v->label = final[k] < RP_LABELS;
        if (v->weight > wmax)
            wmax = v->weight;
    }
    for (size_t k = 0; k < nv; k++)
        r->vnodes[k].r =
            round((3.0 + 11.0 * sqrt((double)r->vnodes[k].weight / (double)wmax)) * 10) / 10;
    size_t ve = 0;
    for (size_t i = 0; i < nfold; i++) {
        uint32_t sa = slot[p[i].a], sb = slot[p[i].b];
        if (sa == RP_NONE || sb == RP_NONE)
            continue;
        r->vedges[ve++] =
            (rp_vedge){final[sa], final[sb], p[i].affiliation >> 1, (p[i].affiliation & 1) != 0};
    }
    r->nvnodes = nv;
    r->nvedges = ve;
    free(linked);
    free(final);
    if (nv >= 1)
        st = layout(r, err);
done:
    free(keys);
    free(slot);
    free(wdeg);
    free(p);
    return st;
}

qg_status rp_compute(qg_report *r, qg_error *err)
{
    qg_status st;
    if ((st = centrality(r, err)))
        return st;
    quote_counts(r);
    size_t ne = r->entities.count;
    rkey *keys = malloc((ne + r->groups.count + r->conflicts.count + 1) * sizeof *keys);
    if (!keys)
        return QG_OOM(err);
    /* sources: entities with quotes, three orders */
    size_t ns = 0;
    for (size_t i = 0; i < ne; i++) {
        const rp_entity *x = &r->entities.items[i];
        if (!strcmp(x->kind, "organization"))
            r->organisations_total++;
    }
    for (int order = 0; order < 3; order++) {
        ns = 0;
        for (size_t i = 0; i < ne; i++) {
            const rp_entity *x = &r->entities.items[i];
            if (!x->quotes)
                continue;
            double q = (double)x->quotes, a = (double)x->articles, p = x->pagerank;
            rkey k = {{q, a, p}, x->id, (uint32_t)i};
            if (order == 1)
                k = (rkey){{a, q, p}, x->id, (uint32_t)i};
            else if (order == 2)
                k = (rkey){{p, q, a}, x->id, (uint32_t)i};
            keys[ns++] = k;
        }
        uint32_t *out = sorted(r, keys, ns);
        if (!out) {
            free(keys);
            return QG_OOM(err);
        }
        *(order == 0 ? &r->by_quotes : order == 1 ? &r->by_articles : &r->by_pagerank) = out;
    }
    r->nsources = ns;
    /* organisations */
    size_t no = 0;
    for (size_t i = 0; i < ne; i++) {
        const rp_entity *x = &r->entities.items[i];
        if (strcmp(x->kind, "organization"))
            continue;
        keys[no++] =
            (rkey){{(double)(x->quotes + x->org_quotes), (double)x->affiliated, x->pagerank},
                   x->id,
                   (uint32_t)i};
    }
    r->norgs = no;
    if (!(r->orgs = sorted(r, keys, no))) {
        free(keys);
        return QG_OOM(err);
    }
    /* repeated quotes: those found in two or more articles */
    size_t ng = 0;
    for (size_t i = 0; i < r->groups.count; i++) {
        const rp_group *g = &r->groups.items[i];
        if (g->articles < 2) {
            r->within_article_groups++;
            continue;
        }
        if (g->outlets >= 2)
            r->cross_outlet_groups++;
        keys[ng++] = (rkey){
            {(double)g->outlets, (double)g->articles, (double)g->appearances}, g->id, (uint32_t)i};
    }
    r->ngroup_order = ng;
    if (!(r->group_order = sorted(r, keys, ng))) {
        free(keys);
        return QG_OOM(err);
    }
    for (size_t i = 0; i < r->conflicts.count; i++) {
        const rp_conflict *c = &r->conflicts.items[i];
        keys[i] = (rkey){{(double)c->nattrs, (double)c->articles, (double)c->appearances},
                         c->group,
                         (uint32_t)i};
    }
    if (!(r->conflict_order = sorted(r, keys, r->conflicts.count))) {
        free(keys);
        return QG_OOM(err);
    }
    free(keys);
    if ((st = outlets(r, err)))
        return st;
    return view(r, err);
}
