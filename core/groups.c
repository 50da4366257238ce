/* groups.c - population and hit counts per protected group, for disparity analysis. */
#include "groups.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uthash.h>

struct group_slot {
    char *key;   /* "field\x1flabel" */
    int index;
    UT_hash_handle hh;
};

void groups_init(group_table *g, const schema *s, int scenario_count)
{
    memset(g, 0, sizeof *g);
    g->schema = s;
    g->scenario_count = scenario_count;
    memset(g->cache, 0xff, sizeof g->cache);
    for (int i = 0; i < s->field_count && g->field_count < GROUPS_MAX_FIELDS; i++) {
        const field *f = &s->fields[i];
        if (f->is_protected && f->type != FT_DATE && f->type != FT_DATETIME && f->type != FT_LIST)
            g->fields[g->field_count++] = i;
    }
}

void groups_free(group_table *g)
{
    group_slot *e, *tmp;
    HASH_ITER(hh, g->by_key, e, tmp) {
        HASH_DEL(g->by_key, e);
        free(e->key);
        free(e);
    }
    for (int i = 0; i < g->count; i++) free(g->labels[i]);
    free(g->labels);
    free(g->field_of);
    free(g->population);
    free(g->any_hit);
    free(g->hits);
    memset(g, 0, sizeof *g);
}

/* Age bands: the ones oversight bodies compare (minors apart). */
static const char *groups_age_band(int64_t age)
{
    if (age < 18) return "0-17";
    if (age < 25) return "18-24";
    if (age < 35) return "25-34";
    if (age < 50) return "35-49";
    if (age < 65) return "50-64";
    return "65+";
}

static int groups_slot(group_table *g, int field_index, const char *label)
{
    /* the key is the field's index byte then the label: no formatting per record */
    char key[256];
    size_t len = strlen(label);
    if (len > sizeof key - 2) len = sizeof key - 2;
    key[0] = (char)(field_index + 1);
    memcpy(key + 1, label, len);
    int n = (int)len + 1;
    key[n] = '\0';
    group_slot *e;
    HASH_FIND(hh, g->by_key, key, (size_t)n, e);
    if (e) return e->index;
    if (g->count == g->capacity) {
        g->capacity = g->capacity ? g->capacity * 2 : 64;
        size_t c = (size_t)g->capacity;
        g->labels = xrealloc(g->labels, c * sizeof *g->labels);
        g->field_of = xrealloc(g->field_of, c * sizeof *g->field_of);
        g->population = xrealloc(g->population, c * sizeof *g->population);
        g->any_hit = xrealloc(g->any_hit, c * sizeof *g->any_hit);
        g->hits = xrealloc(g->hits, c * (size_t)(g->scenario_count + 1) * sizeof *g->hits);
    }
    int i = g->count++;
    g->labels[i] = xstrdup(label);
    g->field_of[i] = field_index;
    g->population[i] = g->any_hit[i] = 0;
    memset(&g->hits[(size_t)i * (size_t)g->scenario_count], 0, (size_t)g->scenario_count * sizeof *g->hits);
    e = xmalloc(sizeof *e);
    e->key = xstrndup(key, (size_t)n);
    e->index = i;
    HASH_ADD_KEYPTR(hh, g->by_key, e->key, (size_t)n, e);
    return i;
}

/* groups_slot through the per-field cache. */
static int groups_slot_cached(group_table *g, int field_index, const char *label)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)label; *p; p++) h = (h ^ *p) * 16777619u;
    int *entry = &g->cache[field_index][h & (GROUPS_CACHE - 1)];
    if (*entry >= 0 && strcmp(g->labels[*entry], label) == 0) return *entry;
    return *entry = groups_slot(g, field_index, label);
}

/* The groups of rec into g->current; population changed by count (+1, -1 or 0). */
static void groups_find(group_table *g, const record *rec, int count)
{
    char buf[128];
    g->current_hit = 0;
    for (int k = 0; k < g->field_count; k++) {
        const value *v = record_get(rec, g->fields[k]);
        const char *label = buf;
        if (v->kind == V_MISSING) label = "(missing)";
        else if (v->kind == V_STRING) label = v->as.s;
        else if (v->kind == V_INTEGER) label = groups_age_band(v->as.i); /* the protected integer is age */
        else if (v->kind == V_BOOLEAN) label = v->as.b ? "true" : "false";
        else value_format(v, buf, sizeof buf);
        int slot = groups_slot_cached(g, k, label);
        g->current[k] = slot;
        g->population[slot] += count;
    }
}

void groups_record(group_table *g, const record *rec)
{
    groups_find(g, rec, 1);
}

void groups_forget(group_table *g, const record *rec)
{
    groups_find(g, rec, -1);
}

void groups_locate(group_table *g, const record *rec)
{
    groups_find(g, rec, 0);
}

void groups_add_population(group_table *into, const group_table *from)
{
    for (int i = 0; i < from->count; i++) {
        int slot = groups_slot(into, from->field_of[i], from->labels[i]);
        into->population[slot] += from->population[i];
    }
}

void groups_hit(group_table *g, int scenario)
{
    for (int k = 0; k < g->field_count; k++) {
        int slot = g->current[k];
        g->hits[(size_t)slot * (size_t)g->scenario_count + (size_t)scenario]++;
        if (!g->current_hit) g->any_hit[slot]++;
    }
    g->current_hit = 1;
}
