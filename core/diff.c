/* diff.c - two ruleset directories compared scenario by scenario, in words an analyst reads. */
#include "diff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"
#include "xalloc.h"

/* Both directories are loaded and compiled as they are (no fixtures, no governance:
 * a draft with findings can still be compared). Scenarios are matched by id. A
 * condition's or indicator's definition is compared on its source text with spaces
 * collapsed (from `when =` to the end of its declaration), so a change of layout is
 * not a change; list entries are compared as stored (upper-cased). */

typedef struct diff_side {
    ruleset rs;
    scenario_set set;
    bool loaded, compiled;
} diff_side;

static int diff_load(diff_side *d, const char *dir, vg_error *err)
{
    memset(d, 0, sizeof *d);
    if (ruleset_load(&d->rs, dir, err) != VG_OK) return VG_ERR;
    d->loaded = true;
    diag_list diags = { 0 };
    int rc = scenario_set_compile(&d->set, &d->rs, NULL, &diags, err);
    diag_list_free(&diags);
    if (rc != VG_OK) return VG_ERR;
    d->compiled = true;
    return VG_OK;
}

static void diff_close(diff_side *d)
{
    if (d->compiled) scenario_set_free(&d->set);
    if (d->loaded) ruleset_free(&d->rs);
}

static const char *diff_str(const char *s)
{
    return s ? s : "";
}

static bool diff_same(const char *a, const char *b)
{
    return strcmp(diff_str(a), diff_str(b)) == 0;
}

/* The source text of a part: from its line to the end of its braces, spaces collapsed. */
static char *diff_part_source(const ruleset *rs, const scenario *sc, const indicator *part)
{
    const char *src = NULL;
    for (int i = rs->first_scenario; i < rs->file_count; i++)
        if (strcmp(rs->files[i].path, sc->path) == 0) src = rs->files[i].source;
    char *out = xcalloc(1, 4096);
    if (!src) return out;
    const char *p = src;
    for (int line = 1; line < part->line && *p; p++)
        if (*p == '\n') line++;
    int depth = 0;
    bool opened = false, space = false;
    size_t n = 0;
    for (; *p && n < 4090; p++) {
        if (*p == '{' || *p == '(') depth++, opened = true;
        if (*p == '}' || *p == ')') depth--;
        if (isspace((unsigned char)*p)) {
            space = n > 0;
            continue;
        }
        if (space) out[n++] = ' ';
        space = false;
        out[n++] = *p;
        if (opened && depth <= 0) break;
    }
    /* the declaration's own closing brace is not part of its definition */
    if (n && out[n - 1] == '}') n--;
    while (n && out[n - 1] == ' ') n--;
    out[n] = '\0';
    return out;
}

/* The definition of a part: its source from `when =`, without the closing brace. */
static const char *diff_when(const char *source)
{
    const char *w = strstr(source, "when =");
    return w ? w + 6 + (w[6] == ' ') : source;
}

static const indicator *diff_part(const scenario *sc, const char *id)
{
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++)
        if (strcmp(sc->parts[i].id, id) == 0) return &sc->parts[i];
    return NULL;
}

static void diff_text_field(FILE *out, const char *what, const text *a, const text *b)
{
    if (!diff_same(a->en, b->en)) fprintf(out, "    %s: \"%s\" -> \"%s\"\n", what, diff_str(a->en), diff_str(b->en));
    if (!diff_same(a->fr, b->fr)) fprintf(out, "    %s (fr): \"%s\" -> \"%s\"\n", what, diff_str(a->fr), diff_str(b->fr));
}

static void diff_list_strings(FILE *out, const char *what, const char **a, int na, const char **b, int nb)
{
    for (int i = 0; i < nb; i++) {
        bool found = false;
        for (int k = 0; k < na; k++) found |= strcmp(b[i], a[k]) == 0;
        if (!found) fprintf(out, "    %s added: %s\n", what, b[i]);
    }
    for (int i = 0; i < na; i++) {
        bool found = false;
        for (int k = 0; k < nb; k++) found |= strcmp(a[i], b[k]) == 0;
        if (!found) fprintf(out, "    %s removed: %s\n", what, a[i]);
    }
}

static void diff_justifications(FILE *out, const scenario *a, const scenario *b)
{
    for (int i = 0; i < b->justification_count; i++) {
        const char *old = NULL;
        for (int k = 0; k < a->justification_count; k++)
            if (strcmp(a->justifications[k].field, b->justifications[i].field) == 0) old = a->justifications[k].text;
        if (!old) fprintf(out, "    justification added for %s: \"%s\"\n", b->justifications[i].field, b->justifications[i].text);
        else if (strcmp(old, b->justifications[i].text))
            fprintf(out, "    justification for %s: \"%s\" -> \"%s\"\n", b->justifications[i].field, old, b->justifications[i].text);
    }
    for (int k = 0; k < a->justification_count; k++) {
        bool found = false;
        for (int i = 0; i < b->justification_count; i++) found |= strcmp(a->justifications[k].field, b->justifications[i].field) == 0;
        if (!found) fprintf(out, "    justification removed for %s\n", a->justifications[k].field);
    }
}

static const char *diff_part_kind(const indicator *p)
{
    return p->is_condition ? "condition" : "indicator";
}

static void diff_describe_part(FILE *out, const char *verb, const ruleset *rs, const scenario *sc, const indicator *p)
{
    char *src = diff_part_source(rs, sc, p);
    if (p->is_condition) fprintf(out, "    condition %s \"%s\" %s: %s\n", p->id, diff_str(p->label.en), verb, diff_when(src));
    else fprintf(out, "    indicator %s \"%s\" %s, weight %+d: %s\n", p->id, diff_str(p->label.en), verb, p->weight, diff_when(src));
    free(src);
}

static void diff_parts(FILE *out, const diff_side *o, const scenario *a, const diff_side *n, const scenario *b)
{
    for (int i = 0; i < b->condition_count + b->indicator_count; i++) {
        const indicator *pb = &b->parts[i], *pa = diff_part(a, pb->id);
        if (!pa || pa->is_condition != pb->is_condition) {
            if (pa) diff_describe_part(out, "removed", &o->rs, a, pa);
            diff_describe_part(out, "added", &n->rs, b, pb);
            continue;
        }
        const char *kind = diff_part_kind(pb);
        if (pa->weight != pb->weight) fprintf(out, "    %s %s: weight %+d -> %+d\n", kind, pb->id, pa->weight, pb->weight);
        if (!diff_same(pa->label.en, pb->label.en))
            fprintf(out, "    %s %s: label \"%s\" -> \"%s\"\n", kind, pb->id, diff_str(pa->label.en), diff_str(pb->label.en));
        if (!diff_same(pa->label.fr, pb->label.fr))
            fprintf(out, "    %s %s: label (fr) \"%s\" -> \"%s\"\n", kind, pb->id, diff_str(pa->label.fr), diff_str(pb->label.fr));
        char *sa = diff_part_source(&o->rs, a, pa), *sb = diff_part_source(&n->rs, b, pb);
        if (strcmp(diff_when(sa), diff_when(sb)) != 0)
            fprintf(out, "    %s %s: definition %s -> %s\n", kind, pb->id, diff_when(sa), diff_when(sb));
        free(sa);
        free(sb);
    }
    for (int i = 0; i < a->condition_count + a->indicator_count; i++) {
        const indicator *pb = diff_part(b, a->parts[i].id);
        if (!pb) diff_describe_part(out, "removed", &o->rs, a, &a->parts[i]);
    }
}

/* ---- lists ------------------------------------------------------------------------- */

typedef struct diff_values {
    char **values;
    int count;
} diff_values;

static void diff_collect(const char *value, const char *note, void *ctx)
{
    (void)note;
    diff_values *v = ctx;
    v->values = xrealloc(v->values, sizeof *v->values * (size_t)(v->count + 1));
    v->values[v->count] = xstrdup(value);
    v->count++;
}

static int diff_compare_values(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void diff_values_load(const ref_list *l, diff_values *v)
{
    memset(v, 0, sizeof *v);
    if (l) list_each(l, diff_collect, v);
    if (v->count) qsort(v->values, (size_t)v->count, sizeof *v->values, diff_compare_values);
}

static void diff_values_free(diff_values *v)
{
    for (int i = 0; i < v->count; i++) free(v->values[i]);
    free(v->values);
}

/* "added A, B; removed C" for one list; false when the entries are the same. */
static bool diff_list_entries(FILE *out, const char *indent, const ref_list *a, const ref_list *b)
{
    diff_values va, vb;
    diff_values_load(a, &va);
    diff_values_load(b, &vb);
    bool changed = false;
    int i = 0, k = 0, added = 0, removed = 0;
    char line_added[2048] = "", line_removed[2048] = "";
    while (i < va.count || k < vb.count) {
        int c = i == va.count ? 1 : k == vb.count ? -1 : strcmp(va.values[i], vb.values[k]);
        if (c == 0) {
            i++, k++;
            continue;
        }
        char *dest = c < 0 ? line_removed : line_added;
        const char *value = c < 0 ? va.values[i++] : vb.values[k++];
        int *count = c < 0 ? &removed : &added;
        size_t n = strlen(dest);
        if (n < sizeof line_added - 80) snprintf(dest + n, sizeof line_added - n, "%s%s", *count ? ", " : "", value);
        else if (!strstr(dest, "..."))
            snprintf(dest + n, sizeof line_added - n, ", ...");
        (*count)++;
        changed = true;
    }
    if (changed) {
        const char *name = b ? b->name : a->name;
        if (!a) fprintf(out, "%slist %s: new list, %d entr%s\n", indent, name, added, added == 1 ? "y" : "ies");
        else if (!b) fprintf(out, "%slist %s: removed\n", indent, name);
        else {
            if (added) fprintf(out, "%slist %s: added %s\n", indent, name, line_added);
            if (removed) fprintf(out, "%slist %s: removed %s\n", indent, name, line_removed);
        }
    }
    diff_values_free(&va);
    diff_values_free(&vb);
    return changed;
}

static bool diff_has_function(const scenario *sc)
{
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++)
        if (sc->parts[i].is_function) return true;
    return false;
}

static void diff_lists_used(FILE *out, const diff_side *o, const scenario *a, const diff_side *n, const scenario *b)
{
    const ref_list *used[256];
    int count = 0, na = 0;
    if (a) scenario_lists(a, used, &na, 128);
    count = na;
    int nb = 0;
    if (b) scenario_lists(b, used + count, &nb, 128);
    count += nb;
    const char *names[256];
    int name_count = 0;
    for (int i = 0; i < count; i++) {
        bool seen = false;
        for (int k = 0; k < name_count; k++) seen |= strcmp(names[k], used[i]->name) == 0;
        if (!seen) names[name_count++] = used[i]->name;
    }
    for (int i = 0; i < name_count; i++)
        diff_list_entries(out, "    ", list_set_find(&o->rs.lists, names[i]), list_set_find(&n->rs.lists, names[i]));
    if ((a && diff_has_function(a)) || (b && diff_has_function(b)))
        fprintf(out, "    (it has Lua function indicators, which may read any list: see the list changes below)\n");
}

static void diff_schema(FILE *out, const diff_side *o, const scenario *a, const diff_side *n, const scenario *b)
{
    const char *ha = a->schema ? ruleset_file_hash(&o->rs, a->schema->path) : NULL;
    const char *hb = b->schema ? ruleset_file_hash(&n->rs, b->schema->path) : NULL;
    if (ha && hb && strcmp(ha, hb) == 0) return;
    fprintf(out, "    schema %s changed", b->kind);
    /* fields it reads that changed type or disappeared */
    int shown = 0;
    if (a->schema && b->schema)
        for (int f = 0; f < a->schema->field_count && f < FIELD_BITS_MAX; f++) {
            if (!field_bits_has(&a->reads, f)) continue;
            const field *fa = &a->schema->fields[f], *fb = schema_field(b->schema, fa->name);
            if (!fb) fprintf(out, "%s field %s it read is gone", shown++ ? "," : ":", fa->name);
            else if (fa->type != fb->type) fprintf(out, "%s field %s changed type", shown++ ? "," : ":", fa->name);
        }
    fprintf(out, "%s\n", shown ? "" : " (none of the fields it reads changed type or went away)");
}

static void diff_scenario(FILE *out, const diff_side *o, const scenario *a, const diff_side *n, const scenario *b)
{
    if (!a) {
        fprintf(out, "%s  ADDED (%s, %s, %s, threshold %d)\n    \"%s\"\n", b->id, b->kind, scenario_status_name(b->status),
                scenario_subject_name(b->subject), b->threshold, diff_str(b->title.en));
        for (int i = 0; i < b->condition_count + b->indicator_count; i++)
            diff_describe_part(out, "", &n->rs, b, &b->parts[i]);
        diff_lists_used(out, o, NULL, n, b);
        fputc('\n', out);
        return;
    }
    if (!b) {
        fprintf(out, "%s  REMOVED (was %s, %s)\n    \"%s\"\n\n", a->id, a->kind, scenario_status_name(a->status),
                diff_str(a->title.en));
        return;
    }
    if (strcmp(a->revision, b->revision) == 0) {
        fprintf(out, "%s  unchanged (revision %.12s)\n", b->id, b->revision);
        return;
    }
    fprintf(out, "%s  CHANGED (revision %.12s -> %.12s)\n", b->id, a->revision, b->revision);
    diff_text_field(out, "title", &a->title, &b->title);
    if (!diff_same(a->kind, b->kind)) fprintf(out, "    applies to: %s -> %s\n", a->kind, b->kind);
    if (a->status != b->status)
        fprintf(out, "    status: %s -> %s\n", scenario_status_name(a->status), scenario_status_name(b->status));
    if (a->subject != b->subject)
        fprintf(out, "    subject: %s -> %s\n", scenario_subject_name(a->subject), scenario_subject_name(b->subject));
    if (!diff_same(a->owner, b->owner)) fprintf(out, "    owner: %s -> %s\n", diff_str(a->owner), diff_str(b->owner));
    if (!diff_same(a->review_by, b->review_by))
        fprintf(out, "    review by: %s -> %s\n", diff_str(a->review_by), diff_str(b->review_by));
    diff_text_field(out, "rationale", &a->rationale, &b->rationale);
    diff_text_field(out, "guidance", &a->guidance, &b->guidance);
    diff_list_strings(out, "tag", a->tags, a->tag_count, b->tags, b->tag_count);
    diff_list_strings(out, "reference", a->references, a->reference_count, b->references, b->reference_count);
    diff_justifications(out, a, b);
    if (a->threshold != b->threshold) fprintf(out, "    threshold: %d -> %d\n", a->threshold, b->threshold);
    diff_parts(out, o, a, n, b);
    diff_lists_used(out, o, a, n, b);
    diff_schema(out, o, a, n, b);
    fputc('\n', out);
}

/* The file of rs at rel (relative to its directory), NULL when none. */
static const ruleset_file *diff_file(const ruleset *rs, const char *rel)
{
    for (int i = 0; i < rs->file_count; i++)
        if (strcmp(ruleset_relative(rs, rs->files[i].path), rel) == 0) return &rs->files[i];
    return NULL;
}

int diff_rulesets(const char *old_dir, const char *new_dir, FILE *out, int *changes, vg_error *err)
{
    *changes = 0;
    diff_side o, n;
    if (diff_load(&o, old_dir, err) != VG_OK) {
        diff_close(&o);
        return VG_ERR;
    }
    if (diff_load(&n, new_dir, err) != VG_OK) {
        diff_close(&o);
        diff_close(&n);
        return VG_ERR;
    }
    fprintf(out, "vigie diff: %s (revision %.12s) -> %s (revision %.12s)%s\n\n", old_dir, o.rs.revision, new_dir,
            n.rs.revision, strcmp(o.rs.revision, n.rs.revision) == 0 ? ": identical" : "");
    for (int i = 0; i < n.set.count; i++) {
        const scenario *b = n.set.items[i], *a = scenario_set_find(&o.set, b->id);
        if (!a || strcmp(a->revision, b->revision)) (*changes)++;
        diff_scenario(out, &o, a, &n, b);
    }
    for (int i = 0; i < o.set.count; i++)
        if (!scenario_set_find(&n.set, o.set.items[i]->id)) {
            (*changes)++;
            diff_scenario(out, &o, o.set.items[i], &n, NULL);
        }
    /* the whole ruleset: lists and files */
    bool header = false;
    for (int i = 0; i < n.rs.lists.count + o.rs.lists.count; i++) {
        const ref_list *l = i < n.rs.lists.count ? n.rs.lists.items[i] : o.rs.lists.items[i - n.rs.lists.count];
        if (i >= n.rs.lists.count && list_set_find(&n.rs.lists, l->name)) continue;
        const ref_list *a = list_set_find(&o.rs.lists, l->name), *b = list_set_find(&n.rs.lists, l->name);
        FILE *sink = header ? out : NULL;
        if (!header) {
            /* print the header only when a list changed: probe into a memory stream */
            char *buf = NULL;
            size_t size = 0;
            FILE *mem = open_memstream(&buf, &size);
            if (!mem) xalloc_die();
            bool changed = mem && diff_list_entries(mem, "  ", a, b);
            if (mem) fclose(mem);
            if (changed) {
                fprintf(out, "lists:\n%s", buf);
                header = true;
            }
            free(buf);
            continue;
        }
        diff_list_entries(sink, "  ", a, b);
    }
    for (int i = 0; i < n.rs.file_count; i++) {
        const char *rel = ruleset_relative(&n.rs, n.rs.files[i].path);
        const ruleset_file *was = diff_file(&o.rs, rel);
        if (!was) fprintf(out, "file added: %s\n", rel);
        /* a variant table's change shows in no scenario's or list's words: say it here */
        else if (i >= n.rs.first_table && i < n.rs.first_library && strcmp(was->hash, n.rs.files[i].hash))
            fprintf(out, "file changed: %s\n", rel);
    }
    for (int k = 0; k < o.rs.file_count; k++) {
        const char *rel = ruleset_relative(&o.rs, o.rs.files[k].path);
        if (!diff_file(&n.rs, rel)) fprintf(out, "file removed: %s\n", rel);
    }
    diff_close(&o);
    diff_close(&n);
    return VG_OK;
}
