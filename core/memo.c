/* memo.c - remember what a pure Lua function indicator answered, keyed by the values it read. */
#include "memo.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <uthash.h>

typedef struct memo_node memo_node;

typedef struct memo_edge {
    char *key;            /* the value, serialised (kind byte + bytes) */
    size_t key_len;
    memo_node *child;
    UT_hash_handle hh;
} memo_edge;

struct memo_node {
    int field;            /* the field read here; -1 at a leaf */
    tri result;           /* at a leaf */
    memo_edge *edges;
};

struct memo {
    memo_node *root;
    long nodes;
    size_t bytes;         /* nodes, edges and keys, as allocated */
    long lookups, hits;
    bool disabled;
};

/* What malloc adds to each block (its header, rounding): memos are many small blocks. */
#define MEMO_MALLOC_OVERHEAD 16

#define MEMO_KEY_MAX 2048 /* longer values are not remembered */

/* Serialise a value into buf; returns its length, or 0 when it does not fit. */
static size_t memo_key(const value *v, char *buf)
{
    buf[0] = (char)v->kind;
    size_t n = 1;
    switch (v->kind) {
    case V_STRING:
        if (v->len + 1 > MEMO_KEY_MAX) return 0;
        memcpy(buf + 1, v->as.s, v->len);
        return 1 + v->len;
    case V_LIST:
        for (uint32_t i = 0; i < v->len; i++) {
            size_t l = strlen(v->as.items[i]) + 1; /* with its NUL, so items stay apart */
            if (n + l > MEMO_KEY_MAX) return 0;
            memcpy(buf + n, v->as.items[i], l);
            n += l;
        }
        return n;
    case V_BOOLEAN:
        buf[1] = (char)v->as.b;
        return 2;
    case V_MISSING:
        return 1;
    default: /* integers, numbers, dates, datetimes: the 8 bytes of the union */
        memcpy(buf + 1, &v->as, sizeof v->as.i);
        return 1 + sizeof v->as.i;
    }
}

memo *memo_new(void)
{
    memo *m = xcalloc(1, sizeof *m);
    return m;
}

static void memo_node_free(memo_node *n)
{
    if (!n) return;
    memo_edge *e, *tmp;
    HASH_ITER(hh, n->edges, e, tmp) {
        HASH_DEL(n->edges, e);
        memo_node_free(e->child);
        free(e->key);
        free(e);
    }
    free(n);
}

void memo_free(memo *m)
{
    if (!m) return;
    memo_node_free(m->root);
    free(m);
}

void memo_clear(memo *m)
{
    memo_node_free(m->root);
    m->root = NULL;
    m->nodes = 0;
    m->bytes = 0;
}

bool memo_disabled(const memo *m) { return m->disabled; }
long memo_lookups(const memo *m) { return m->lookups; }
long memo_hits(const memo *m) { return m->hits; }
long memo_size(const memo *m) { return m->nodes; }
size_t memo_bytes(const memo *m) { return m->bytes; }

tri memo_lookup(memo *m, const record *rec)
{
    if (m->disabled) return TRI_SKIPPED;
    if (++m->lookups == MEMO_TRIAL_LOOKUPS && m->hits * MEMO_MIN_HIT_SHARE < m->lookups) {
        /* values that seldom repeat (an amount, an identifier): remembering them costs
         * a lookup and an insert per call and saves almost no call */
        memo_clear(m);
        m->disabled = true;
        return TRI_SKIPPED;
    }
    char key[MEMO_KEY_MAX];
    const memo_node *n = m->root;
    while (n && n->field >= 0) {
        size_t len = memo_key(record_get(rec, n->field), key);
        if (len == 0) return TRI_SKIPPED;
        memo_edge *e;
        HASH_FIND(hh, n->edges, key, len, e);
        n = e ? e->child : NULL;
    }
    if (!n) return TRI_SKIPPED;
    m->hits++;
    return n->result;
}

static memo_node *memo_node_new(memo *m, int field, tri result)
{
    memo_node *n = xcalloc(1, sizeof *n);
    n->field = field;
    n->result = result;
    m->nodes++;
    m->bytes += sizeof *n + MEMO_MALLOC_OVERHEAD;
    return n;
}

void memo_insert(memo *m, const record *rec, const memo_trace *trace, tri result)
{
    if (m->disabled || trace->overflow || m->nodes >= MEMO_MAX_NODES) return;
    if (result != TRI_TRUE && result != TRI_FALSE && result != TRI_UNKNOWN) return; /* errors are not answers */
    char key[MEMO_KEY_MAX];
    memo_node **at = &m->root;
    for (int i = 0; i <= trace->count; i++) {
        int field = i < trace->count ? trace->fields[i] : -1;
        if (!*at) *at = memo_node_new(m, field, result);
        memo_node *n = *at;
        if (n->field != field || (field < 0 && n->result != result)) {
            /* the same values led elsewhere before: not a pure function */
            m->disabled = true;
            return;
        }
        if (field < 0) return;
        size_t len = memo_key(record_get(rec, field), key);
        if (len == 0) return;
        memo_edge *e;
        HASH_FIND(hh, n->edges, key, len, e);
        if (!e) {
            e = xcalloc(1, sizeof *e);
            e->key = xmalloc(len);
            memcpy(e->key, key, len);
            e->key_len = len;
            /* counted as allocated: a node's first edge brings uthash's table and its
             * 32 buckets (more than the edge itself), and the buckets double as edges come */
            size_t buckets = n->edges ? n->edges->hh.tbl->num_buckets : 0;
            size_t table = n->edges ? 0 : sizeof(UT_hash_table) + MEMO_MALLOC_OVERHEAD * 2;
            HASH_ADD_KEYPTR(hh, n->edges, e->key, len, e);
            m->bytes += sizeof *e + len + MEMO_MALLOC_OVERHEAD * 2 + table +
                        (n->edges->hh.tbl->num_buckets - buckets) * sizeof(UT_hash_bucket);
        }
        at = &e->child;
    }
}
