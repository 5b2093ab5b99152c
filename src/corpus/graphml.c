/* GraphML of a merged corpus through igraph's writer, with the attribute set of analyze's
 * GraphML plus "articles", "url" and "published" (docs/corpus.md). igraph is used only here
 * in the corpus module; strings are sanitised as graph/ does for one article. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "../core/error.h"
#include "../graph/graph_internal.h"
#include "corpus_internal.h"

static qg_status check(igraph_error_t e, const char *what, qg_error *err)
{
    if (e == IGRAPH_SUCCESS)
        return QG_OK;
    if (e == IGRAPH_ENOMEM)
        return QG_OOM(err);
    return qg_error_set(err, QG_ERROR, QG_NO_OFFSET, "igraph: %s failed: %s", what,
                        igraph_strerror(e));
}

static const char *labels_of(const char *node_type)
{
    static const char *const map[][2] = {{"article", ":Article"},
                                         {"quote", ":Quote"},
                                         {"person", ":Person"},
                                         {"role", ":Role"},
                                         {"organization", ":Organization"},
                                         {"outlet", ":Outlet"},
                                         {"anonymous", ":Anonymous"},
                                         {"document", ":Document"}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (!strcmp(map[i][0], node_type))
            return map[i][1];
    return "";
}

/* Set a string attribute of node v, sanitised. */
static qg_status set_vs(igraph_t *g, const char *name, igraph_integer_t v, const char *s,
                        qg_error *err)
{
    char *clean = qg_graph_sanitize(s ? s : "", s ? strlen(s) : 0);
    if (!clean)
        return QG_OOM(err);
    qg_status st = check(igraph_cattribute_VAS_set(g, name, v, clean), "set a node attribute", err);
    free(clean);
    return st;
}

/* Node attributes as the JSON writer computes them (write.c): recomputed here to keep igraph
 * out of write.c. */
static double node_quotes(const qg_corpus *c, const cq_node *n)
{
    if (n->what == 0)
        return c->articles.items[n->ref].nq;
    if (n->what == 1)
        return c->groups.items[n->ref].mn;
    return c->entities.items[n->ref].quotes;
}

static double node_articles(const qg_corpus *c, const cq_node *n)
{
    if (n->what == 0)
        return 1;
    if (n->what == 1)
        return c->groups.items[n->ref].articles;
    const cq_entity *e = &c->entities.items[n->ref];
    return e->quotes ? e->articles : e->published;
}

qg_status qg_corpus_write_graphml(FILE *fp, const qg_corpus *c, qg_error *err)
{
    igraph_t g;
    qg_status st;
    size_t nn = c->nodes.count, ne = c->edges.count;
    if ((st = check(igraph_empty(&g, (igraph_integer_t)nn, IGRAPH_DIRECTED), "igraph_empty", err)))
        return st;
    igraph_vector_int_t ev;
    if ((st = check(igraph_vector_int_init(&ev, (igraph_integer_t)(2 * ne)),
                    "igraph_vector_int_init", err))) {
        igraph_destroy(&g);
        return st;
    }
    for (size_t i = 0; i < ne; i++) {
        VECTOR(ev)[2 * i] = (igraph_integer_t)c->edges.items[i].source;
        VECTOR(ev)[2 * i + 1] = (igraph_integer_t)c->edges.items[i].target;
    }
    st = check(igraph_add_edges(&g, &ev, NULL), "igraph_add_edges", err);
    igraph_vector_int_destroy(&ev);
    for (size_t i = 0; st == QG_OK && i < nn; i++) {
        const cq_node *n = &c->nodes.items[i];
        igraph_integer_t v = (igraph_integer_t)i;
        const cq_article *a = n->what == 0 ? &c->articles.items[n->ref] : NULL;
        const char *text = n->what == 1
                               ? c->quotes.items[c->members.items[c->groups.items[n->ref].m0]].text
                               : NULL;
        const char *org = NULL, *anonymous = "unknown";
        if (n->what == 2) {
            const cq_entity *e = &c->entities.items[n->ref];
            if (e->org != CQ_NONE)
                org = c->entities.items[e->org].name;
            if (!strcmp(e->kind, "anonymous"))
                anonymous = "yes";
            else if (!strcmp(e->kind, "person"))
                anonymous = "no";
        }
        if ((st = set_vs(&g, "label", v, n->label, err)) ||
            (st = set_vs(&g, "name", v, n->id, err)) ||
            (st = set_vs(&g, "node_type", v, n->node_type, err)) ||
            (st = set_vs(&g, "labels", v, labels_of(n->node_type), err)) ||
            (st = set_vs(&g, "text", v, text, err)) || (st = set_vs(&g, "org", v, org, err)) ||
            (st = set_vs(&g, "anonymous", v, anonymous, err)) ||
            (st = check(igraph_cattribute_VAN_set(&g, "quotes", v, node_quotes(c, n)), "set quotes",
                        err)) ||
            (st = check(igraph_cattribute_VAN_set(&g, "articles", v, node_articles(c, n)),
                        "set articles", err)) ||
            (st = set_vs(&g, "url", v, a ? a->url : NULL, err)) ||
            (st = set_vs(&g, "published", v, a ? a->published : NULL, err)))
            break;
    }
    for (size_t i = 0; st == QG_OK && i < ne; i++) {
        const cq_edge *e = &c->edges.items[i];
        igraph_integer_t id = (igraph_integer_t)i;
        char edgeid[32];
        snprintf(edgeid, sizeof edgeid, "x%zu", i);
        double conf = qg_round3(e->confidence);
        if ((st = check(igraph_cattribute_EAS_set(&g, "label", id, e->relation), "set label",
                        err)) ||
            (st = check(igraph_cattribute_EAS_set(&g, "relation", id, e->relation), "set relation",
                        err)) ||
            (st = check(igraph_cattribute_EAN_set(&g, "weight", id, e->weight), "set weight",
                        err)) ||
            (st = check(igraph_cattribute_EAN_set(&g, "confidence", id, conf), "set confidence",
                        err)) ||
            (st = check(igraph_cattribute_EAS_set(&g, "edgeid", id, edgeid), "set edgeid", err)))
            break;
    }
    if (st == QG_OK) {
        igraph_error_t e = igraph_write_graph_graphml(&g, fp, false);
        if (e == IGRAPH_EFILE) {
            int sys = errno;
            st = qg_error_set(err, QG_EIO, QG_NO_OFFSET, "write failed: %s", strerror(sys));
            if (err)
                err->sys_errno = sys;
        } else {
            st = check(e, "igraph_write_graph_graphml", err);
        }
    }
    igraph_destroy(&g);
    return st;
}
