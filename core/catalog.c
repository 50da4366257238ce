/* catalog.c - the message catalogue of the web page: web/messages.{en,fr} parsed once into sorted tables. */
#include "catalog.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web_embedded.h"
#include "xalloc.h"

typedef struct catalog_entry {
    char *key, *text;
} catalog_entry;

typedef struct catalog_table {
    catalog_entry *entries;
    int count;
} catalog_table;

static catalog_table catalog_tables[2];     /* en, fr */
static pthread_once_t catalog_once = PTHREAD_ONCE_INIT;
static atomic_long catalog_missed;

static char *catalog_trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
    return s;
}

static int catalog_entry_cmp(const void *a, const void *b)
{
    return strcmp(((const catalog_entry *)a)->key, ((const catalog_entry *)b)->key);
}

/* Parse `key = text` lines into t (sorted by key). */
static void catalog_parse(const char *source, catalog_table *t)
{
    char *copy = xstrdup(source ? source : "");
    int cap = 64;
    t->entries = xmalloc(sizeof *t->entries * (size_t)cap);
    t->count = 0;
    for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *s = catalog_trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        if (!eq) continue;
        *eq = 0;
        if (t->count == cap) {
            cap *= 2;
            t->entries = xrealloc(t->entries, sizeof *t->entries * (size_t)cap);
        }
        t->entries[t->count].key = xstrdup(catalog_trim(s));
        t->entries[t->count].text = xstrdup(catalog_trim(eq + 1));
        t->count++;
    }
    free(copy);
    qsort(t->entries, (size_t)t->count, sizeof *t->entries, catalog_entry_cmp);
}

static void catalog_free(catalog_table *t)
{
    for (int i = 0; i < t->count; i++) {
        free(t->entries[i].key);
        free(t->entries[i].text);
    }
    free(t->entries);
    t->entries = NULL;
    t->count = 0;
}

static const char *catalog_source(const char *name)
{
    const embedded_web *f = web_file(name);
    return f ? f->data : "";
}

static void catalog_load(void)
{
    catalog_parse(catalog_source("messages.en"), &catalog_tables[0]);
    catalog_parse(catalog_source("messages.fr"), &catalog_tables[1]);
}

const char *catalog_lang(const char *lang)
{
    return lang && strcmp(lang, "fr") == 0 ? "fr" : "en";
}

static const char *catalog_find(const catalog_table *t, const char *key)
{
    catalog_entry probe = { (char *)key, NULL };
    const catalog_entry *e = bsearch(&probe, t->entries, (size_t)t->count, sizeof *t->entries, catalog_entry_cmp);
    return e ? e->text : NULL;
}

const char *catalog_get(const char *lang, const char *key)
{
    pthread_once(&catalog_once, catalog_load);
    const char *text = catalog_find(&catalog_tables[strcmp(catalog_lang(lang), "fr") == 0], key);
    if (text && *text) return text;
    atomic_fetch_add(&catalog_missed, 1);
    return key;
}

long catalog_misses(void)
{
    return atomic_load(&catalog_missed);
}

int catalog_count(void)
{
    pthread_once(&catalog_once, catalog_load);
    return catalog_tables[0].count;
}

/* The placeholders {1}..{9} a text uses, as a bit set. */
static unsigned catalog_placeholders(const char *s)
{
    unsigned set = 0;
    for (; *s; s++)
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') set |= 1u << (s[1] - '0');
    return set;
}

static void catalog_report(char *report, size_t size, int *problems, const char *fmt, const char *a, const char *b)
{
    (*problems)++;
    size_t n = strlen(report);
    if (n + 1 >= size || *problems > 8) return;
    snprintf(report + n, size - n, fmt, a, b);
}

int catalog_compare(const char *en, const char *fr, char *report, size_t size)
{
    catalog_table a, b;
    catalog_parse(en, &a);
    catalog_parse(fr, &b);
    int problems = 0;
    if (size) report[0] = 0;
    for (int i = 0; i < a.count; i++) {
        const char *other = catalog_find(&b, a.entries[i].key);
        if (!*a.entries[i].text) catalog_report(report, size, &problems, "%s: empty in %s; ", a.entries[i].key, "en");
        if (!other) catalog_report(report, size, &problems, "%s: no %s translation; ", a.entries[i].key, "fr");
        else if (catalog_placeholders(other) != catalog_placeholders(a.entries[i].text))
            catalog_report(report, size, &problems, "%s: placeholders differ in %s; ", a.entries[i].key, "fr");
    }
    for (int i = 0; i < b.count; i++) {
        if (!*b.entries[i].text) catalog_report(report, size, &problems, "%s: empty in %s; ", b.entries[i].key, "fr");
        if (!catalog_find(&a, b.entries[i].key))
            catalog_report(report, size, &problems, "%s: no %s text; ", b.entries[i].key, "en");
    }
    for (int i = 1; i < a.count; i++)
        if (strcmp(a.entries[i - 1].key, a.entries[i].key) == 0)
            catalog_report(report, size, &problems, "%s: defined twice in %s; ", a.entries[i].key, "en");
    for (int i = 1; i < b.count; i++)
        if (strcmp(b.entries[i - 1].key, b.entries[i].key) == 0)
            catalog_report(report, size, &problems, "%s: defined twice in %s; ", b.entries[i].key, "fr");
    catalog_free(&a);
    catalog_free(&b);
    return problems;
}

int catalog_check(char *report, size_t size)
{
    return catalog_compare(catalog_source("messages.en"), catalog_source("messages.fr"), report, size);
}

const embedded_web *web_file(const char *name)
{
    for (const embedded_web *f = embedded_web_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}
