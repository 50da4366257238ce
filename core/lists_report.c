/* lists_report.c - the list inventory (source, edition, review date) and the diff of two editions of a list. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <sys/stat.h>
#include <limits.h>
#include <unistd.h>
#include "backtest.h"
#include "dir.h"
#include "lists_report.h"
#include "xalloc.h"

static int aliases_of(const ref_list *l)
{
    return l->count - l->entry_count;
}

static bool overdue(const ref_list *l, int64_t today)
{
    return l->review_by_day >= 0 && l->review_by_day < today;
}

void lists_show(const list_set *set, int64_t today, FILE *out)
{
    int width = 4;
    for (int i = 0; i < set->count; i++) {
        int n = (int)strlen(set->items[i]->name);
        if (n > width) width = n;
    }
    fprintf(out, "%-*s  %-10s  %7s  %7s  %-12s  %-10s  %-18s  %s\n", width, "list", "match", "entries", "aliases",
            "edition", "as_of", "review_by", "source");
    for (int i = 0; i < set->count; i++) {
        const ref_list *l = set->items[i];
        char review[32];
        snprintf(review, sizeof review, "%s%s", l->review_by[0] ? l->review_by : "-",
                 overdue(l, today) ? " OVERDUE" : "");
        /* the source's first line is enough for a table; `lists show NAME` prints it whole */
        int source_len = (int)strcspn(l->source, "\n");
        char match[32]; /* a fuzzy list's threshold with its mode: "fuzzy 0.90" */
        snprintf(match, sizeof match, l->match == LIST_FUZZY ? "%s %.2f" : "%s", list_match_name(l->match), l->threshold);
        fprintf(out, "%-*s  %-10s  %7d  %7d  %-12.12s  %-10s  %-18s  %.*s%s\n", width, l->name,
                match, l->entry_count, aliases_of(l),
                l->edition[0] ? l->edition : "-", l->as_of[0] ? l->as_of : "-", review,
                source_len > 90 ? 90 : source_len, l->source, source_len > 90 ? "..." : "");
    }
}

void lists_show_json(const list_set *set, int64_t today, FILE *out)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < set->count; i++) {
        const ref_list *l = set->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", l->name);
        cJSON_AddStringToObject(o, "title", l->title);
        cJSON_AddStringToObject(o, "match", list_match_name(l->match));
        if (l->match == LIST_FUZZY) {
            cJSON_AddNumberToObject(o, "threshold", l->threshold);
            cJSON_AddStringToObject(o, "variants", l->variants);
        }
        cJSON_AddNumberToObject(o, "entries", l->entry_count);
        cJSON_AddNumberToObject(o, "aliases", aliases_of(l));
        cJSON_AddStringToObject(o, "source", l->source);
        cJSON_AddStringToObject(o, "edition", l->edition);
        cJSON_AddStringToObject(o, "as_of", l->as_of);
        cJSON_AddStringToObject(o, "review_by", l->review_by);
        cJSON_AddBoolToObject(o, "overdue", overdue(l, today));
        int sourced = 0;
        for (const list_entry *e = list_first(l); e; e = list_next(e)) sourced += e->source[0] != '\0';
        cJSON_AddNumberToObject(o, "entries_with_source", sourced);
        cJSON_AddStringToObject(o, "file", l->path);
        cJSON_AddItemToArray(a, o);
    }
    char *s = cJSON_Print(a);
    fprintf(out, "%s\n", s);
    free(s);
    cJSON_Delete(a);
}

static void diff_field(FILE *out, const char *what, const char *a, const char *b, bool *any)
{
    if (strcmp(a, b) == 0) return;
    fprintf(out, "%s%s: \"%s\" -> \"%s\"", *any ? "; " : "", what, a, b);
    *any = true;
}

static char *aliases_joined(const list_entry *e)
{
    size_t n = 1;
    for (int i = 0; i < e->alias_count; i++) n += strlen(e->aliases[i]) + 2;
    char *s = xmalloc(n), *p = s;
    *p = '\0';
    for (int i = 0; i < e->alias_count; i++) p += sprintf(p, "%s%s", i ? ", " : "", e->aliases[i]);
    return s;
}

static void diff_entry_line(FILE *out, char mark, const list_entry *e)
{
    fprintf(out, "%c %s  %s", mark, e->value, e->note);
    if (e->flags[0]) fprintf(out, " [%s]", e->flags);
    if (e->source[0] || e->edition[0]) fprintf(out, " (%s%s%s)", e->source, e->source[0] && e->edition[0] ? ", " : "", e->edition);
    fputc('\n', out);
}

void lists_diff(const ref_list *a, const ref_list *b, FILE *out, list_diff_counts *c)
{
    memset(c, 0, sizeof *c);
    bool any = false;
    fprintf(out, "list %s: %d entries -> %d entries\n", b->name, a->entry_count, b->entry_count);
    const char *names[] = { "title", "source", "edition", "as_of", "review_by" };
    const char *olds[] = { a->title, a->source, a->edition, a->as_of, a->review_by };
    const char *news[] = { b->title, b->source, b->edition, b->as_of, b->review_by };
    for (int i = 0; i < 5; i++) {
        if (strcmp(olds[i], news[i]) == 0) continue;
        fprintf(out, "  %s: \"%s\" -> \"%s\"\n", names[i], olds[i], news[i]);
        any = true;
    }
    if (a->match != b->match)
        fprintf(out, "  match: %s -> %s\n", list_match_name(a->match), list_match_name(b->match));
    if (a->match == LIST_FUZZY && b->match == LIST_FUZZY && a->threshold != b->threshold)
        fprintf(out, "  threshold: %.2f -> %.2f\n", a->threshold, b->threshold);
    (void)any;
    for (const list_entry *e = list_first(b); e; e = list_next(e)) {
        const list_entry *o = list_get(a, e->value);
        if (o && o->canonical) o = o->canonical; /* an old alias became an entry: compare with its entry */
        if (!o || strcmp(o->value, e->value) != 0) {
            if (o) {
                fprintf(out, "~ %s  was an alias of %s\n", e->value, o->value);
                c->changed++;
            } else {
                diff_entry_line(out, '+', e);
                c->added++;
            }
            continue;
        }
        bool changed = false;
        char *line = NULL;
        size_t line_size = 0;
        FILE *m = open_memstream(&line, &line_size);
        if (!m) xalloc_die();
        diff_field(m, "note", o->note, e->note, &changed);
        diff_field(m, "flags", o->flags, e->flags, &changed);
        diff_field(m, "source", o->source, e->source, &changed);
        diff_field(m, "edition", o->edition, e->edition, &changed);
        diff_field(m, "source_name", o->source_name, e->source_name, &changed);
        char *oa = aliases_joined(o), *ea = aliases_joined(e);
        diff_field(m, "aliases", oa, ea, &changed);
        free(oa);
        free(ea);
        fclose(m);
        if (changed) {
            fprintf(out, "~ %s  %s\n", e->value, line);
            c->changed++;
        } else {
            c->unchanged++;
        }
        free(line);
    }
    for (const list_entry *o = list_first(a); o; o = list_next(o)) {
        const list_entry *e = list_get(b, o->value);
        if (e) continue; /* still there, as an entry or an alias */
        diff_entry_line(out, '-', o);
        c->removed++;
    }
    fprintf(out, "%d added, %d removed, %d changed, %d unchanged\n", c->added, c->removed, c->changed, c->unchanged);
}

/* Does the file's text ask for the list: `list "NAME"`, `list("NAME")` or
 * `in_list("NAME", ...)` (a quoted name after the word list, a space or a parenthesis)? */
static bool file_names_list(const char *path, const char *name)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    char *line = NULL;
    size_t cap = 0;
    size_t n = strlen(name);
    bool found = false;
    while (!found && getline(&line, &cap, fp) > 0) {
        for (char *p = strstr(line, name); p && !found; p = strstr(p + 1, name)) {
            char before = p > line ? p[-1] : ' ', after = p[n];
            if (!((before == '"' || before == '\'') && (after == '"' || after == '\''))) continue;
            const char *q = p - 1;
            while (q > line && (q[-1] == ' ' || q[-1] == '(')) q--;
            found = q - line >= 4 && strncmp(q - 4, "list", 4) == 0;
        }
    }
    free(line);
    fclose(fp);
    return found;
}

int lists_readers(const char *ruleset_dir, const char *name, FILE *out)
{
    dir_names subs;
    int found = 0;
    if (dir_list(ruleset_dir, "", &subs) != 0) return 0;
    for (int i = -1; i < subs.count; i++) {
        if (i >= 0 && (!strcmp(subs.names[i], "schemas") || !strcmp(subs.names[i], "lists"))) continue;
        char *dir = i < 0 ? xstrdup(ruleset_dir) : path_join(ruleset_dir, subs.names[i]);
        dir_names files;
        if (dir && dir_list(dir, ".lua", &files) == 0) {
            for (int k = 0; k < files.count; k++) {
                char *path = path_join(dir, files.names[k]);
                if (file_names_list(path, name)) {
                    fprintf(out, "  %s\n", path);
                    found++;
                }
                free(path);
            }
            dir_names_free(&files);
        }
        free(dir);
    }
    dir_names_free(&subs);
    return found;
}

/* ---- what an update changes in hits ------------------------------------------------- */

/* A temporary ruleset: every entry of ruleset_dir linked, but lists/ a directory of its
 * own whose NAME.yaml links to list_path and whose other entries (lists, and sources/
 * with a fuzzy list's variant table) link to the ruleset's. Returns the directory, NULL
 * with err set. */
static char *lists_overlay(const char *ruleset_dir, const char *name, const char *list_path, vg_error *err)
{
    char real_rules[PATH_MAX], real_list[PATH_MAX];
    if (!realpath(ruleset_dir, real_rules)) {
        error_set(err, ruleset_dir, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (!realpath(list_path, real_list)) {
        error_set(err, list_path, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    const char *tmpdir = getenv("TMPDIR");
    char *root = path_join(tmpdir && *tmpdir ? tmpdir : "/tmp", "vigie-lists-XXXXXX");
    if (!mkdtemp(root)) {
        error_set(err, root, 0, NULL, "cannot create a temporary ruleset: %s", strerror(errno));
        free(root);
        return NULL;
    }
    dir_names top, lists;
    int rc = 0;
    if (dir_list(real_rules, "", &top) != 0) top.count = 0, top.names = NULL;
    for (int i = 0; i < top.count && rc == 0; i++) {
        if (strcmp(top.names[i], "lists") == 0) continue;
        char *from = path_join(real_rules, top.names[i]), *to = path_join(root, top.names[i]);
        rc = symlink(from, to);
        free(from);
        free(to);
    }
    dir_names_free(&top);
    char *rules_lists = path_join(real_rules, "lists"), *own_lists = path_join(root, "lists");
    if (rc == 0) rc = mkdir(own_lists, 0700);
    if (rc == 0 && dir_list(rules_lists, "", &lists) == 0) {
        size_t n = strlen(name) + 6;
        char *file = xmalloc(n);
        snprintf(file, n, "%s.yaml", name);
        for (int i = 0; i < lists.count && rc == 0; i++) {
            if (strcmp(lists.names[i], file) == 0) continue;
            char *from = path_join(rules_lists, lists.names[i]), *to = path_join(own_lists, lists.names[i]);
            rc = symlink(from, to);
            free(from);
            free(to);
        }
        if (rc == 0) {
            char *to = path_join(own_lists, file);
            rc = symlink(real_list, to);
            free(to);
        }
        free(file);
        dir_names_free(&lists);
    }
    free(rules_lists);
    free(own_lists);
    if (rc != 0) {
        error_set(err, root, 0, NULL, "cannot build a temporary ruleset: %s", strerror(errno));
        free(root);
        return NULL;
    }
    return root;
}

/* Remove what lists_overlay made: links, lists/, the directory (never what they point to). */
static void lists_overlay_free(char *root)
{
    if (!root) return;
    char *own_lists = path_join(root, "lists");
    dir_names names;
    if (dir_list(own_lists, "", &names) == 0) {
        for (int i = 0; i < names.count; i++) {
            char *p = path_join(own_lists, names.names[i]);
            unlink(p);
            free(p);
        }
        dir_names_free(&names);
    }
    rmdir(own_lists);
    free(own_lists);
    if (dir_list(root, "", &names) == 0) {
        for (int i = 0; i < names.count; i++) {
            char *p = path_join(root, names.names[i]);
            unlink(p);
            free(p);
        }
        dir_names_free(&names);
    }
    rmdir(root);
    free(root);
}

int lists_backtest(const char *ruleset_dir, const char *name, const char *old_path, const char *new_path,
                   char **manifests, int manifest_count, FILE *out, vg_error *err)
{
    char *baseline = lists_overlay(ruleset_dir, name, old_path, err);
    if (!baseline) return VG_ERR;
    char *candidate = lists_overlay(ruleset_dir, name, new_path, err);
    if (!candidate) {
        lists_overlay_free(baseline);
        return VG_ERR;
    }
    backtest_options opt = { .candidate_dir = candidate, .baseline_dir = baseline, .manifests = manifests,
                             .manifest_count = manifest_count, .st = NULL };
    backtest bt;
    memset(&bt, 0, sizeof bt);
    int rc = backtest_run(&opt, &bt, err);
    if (rc == VG_OK) {
        fprintf(out, "what the update changes in hits (baseline: %s with the old %s; candidate: with the new):\n",
                ruleset_dir, name);
        rc = backtest_write(&bt, "text", out, err);
    }
    backtest_free(&bt);
    lists_overlay_free(candidate);
    lists_overlay_free(baseline);
    return rc;
}
