/* explain.c - explanations of a (record, scenario) verdict: parts, evidence, score; JSON and text. */
#include "explain.h"

#include <string.h>

verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex)
{
    ex->rec = rec;
    ex->sc = sc;
    verdict v = eval_scenario(sb, sc, rec, &ex->result, ex->ev);
    /* Protected fields read: the scenario's declarative reads plus what its
     * functions read on this record, by the governance module's one rule. */
    function_reads fr = { .known = true };
    for (int p = 0; p < sc->condition_count + sc->indicator_count && p < 64; p++) fr.by_part[p] = ex->ev[p].reads;
    governance_protected_reads(sc, &fr, &ex->protected_reads);
    return v;
}

/* ---- JSON ---------------------------------------------------------------------- */

static cJSON *text_json(const text *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "en", t->en ? t->en : "");
    if (t->fr) cJSON_AddStringToObject(o, "fr", t->fr);
    return o;
}

static cJSON *value_json(const value *v)
{
    char buf[1024];
    switch (v->kind) {
    case V_INTEGER: return cJSON_CreateNumber((double)v->as.i);
    case V_NUMBER: return cJSON_CreateNumber(v->as.n);
    case V_BOOLEAN: return cJSON_CreateBool(v->as.b);
    case V_MISSING: return cJSON_CreateNull();
    case V_LIST: {
        cJSON *a = cJSON_CreateArray();
        for (uint32_t i = 0; i < v->len; i++) cJSON_AddItemToArray(a, cJSON_CreateString(v->as.items[i]));
        return a;
    }
    default:
        value_format(v, buf, sizeof buf);
        return cJSON_CreateString(buf);
    }
}

/* A field the part looked at whose value was missing (declarative predicates mark
 * them; Lua functions only read, so the record says). */
static bool evidence_missing(const explanation *ex, int part, int i)
{
    return field_bits_has(&ex->ev[part].missing, i) ||
           (field_bits_has(&ex->ev[part].reads, i) && record_get(ex->rec, i)->kind == V_MISSING);
}

static cJSON *evidence_json(const explanation *ex, int part)
{
    const evidence *e = &ex->ev[part];
    const schema *s = ex->sc->schema;
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < s->field_count; i++) {
        if (!field_bits_has(&e->reads, i) || evidence_missing(ex, part, i)) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "field", s->fields[i].name);
        cJSON_AddItemToObject(o, "value", value_json(record_get(ex->rec, i)));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *missing_json(const explanation *ex, int part)
{
    const schema *s = ex->sc->schema;
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < s->field_count; i++)
        if (evidence_missing(ex, part, i)) cJSON_AddItemToArray(a, cJSON_CreateString(s->fields[i].name));
    return a;
}

static cJSON *part_json(const explanation *ex, int part)
{
    const indicator *ind = &ex->sc->parts[part];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", ind->id);
    cJSON_AddItemToObject(o, "label", text_json(&ind->label));
    if (!ind->is_condition) cJSON_AddNumberToObject(o, "weight", ind->weight);
    cJSON_AddStringToObject(o, "result", tri_name(ex->result.outcome[part]));
    cJSON_AddItemToObject(o, "evidence", evidence_json(ex, part));
    if (ex->ev[part].match_count) {
        cJSON *m = cJSON_CreateArray();
        for (int i = 0; i < ex->ev[part].match_count; i++) {
            const evidence_match *em = &ex->ev[part].matches[i];
            cJSON *mo = cJSON_CreateObject();
            cJSON_AddStringToObject(mo, "list", em->list);
            cJSON_AddStringToObject(mo, "entry", em->entry);
            if (em->note[0]) cJSON_AddStringToObject(mo, "note", em->note);
            cJSON_AddItemToArray(m, mo);
        }
        cJSON_AddItemToObject(o, "matched", m);
    }
    cJSON *missing = missing_json(ex, part);
    if (cJSON_GetArraySize(missing)) cJSON_AddItemToObject(o, "missing", missing);
    else cJSON_Delete(missing);
    return o;
}

cJSON *explain_to_json(const explanation *ex, const hit_origin *origin)
{
    const scenario *sc = ex->sc;
    const record *rec = ex->rec;
    cJSON *o = cJSON_CreateObject();
    if (origin && origin->run_id) cJSON_AddStringToObject(o, "run_id", origin->run_id);
    if (origin && origin->ruleset_revision) cJSON_AddStringToObject(o, "ruleset_revision", origin->ruleset_revision);

    cJSON *r = cJSON_AddObjectToObject(o, "record");
    cJSON_AddStringToObject(r, "kind", rec->schema->kind);
    cJSON_AddStringToObject(r, "key", record_key(rec));
    cJSON_AddStringToObject(r, "source", rec->source ? rec->source : "");
    cJSON_AddNumberToObject(r, "line", (double)rec->line);

    cJSON *s = cJSON_AddObjectToObject(o, "scenario");
    cJSON_AddStringToObject(s, "id", sc->id);
    cJSON_AddItemToObject(s, "title", text_json(&sc->title));
    cJSON_AddStringToObject(s, "subject", scenario_subject_name(sc->subject));
    cJSON_AddStringToObject(s, "status", scenario_status_name(sc->status));
    cJSON_AddStringToObject(s, "revision", sc->revision);

    cJSON_AddStringToObject(o, "verdict", verdict_name(ex->result.verdict));
    cJSON_AddNumberToObject(o, "score", ex->result.score);
    cJSON_AddNumberToObject(o, "threshold", sc->threshold);

    cJSON *conds = cJSON_AddArrayToObject(o, "conditions");
    for (int i = 0; i < sc->condition_count; i++) cJSON_AddItemToArray(conds, part_json(ex, i));
    cJSON *fired = cJSON_AddArrayToObject(o, "fired");
    cJSON *not_fired = cJSON_AddArrayToObject(o, "not_fired");
    cJSON *missing = cJSON_CreateArray();
    for (int k = 0; k < sc->indicator_count; k++) {
        int part = sc->condition_count + k;
        if (ex->result.outcome[part] == TRI_TRUE) {
            cJSON_AddItemToArray(fired, part_json(ex, part));
        } else {
            cJSON_AddItemToArray(not_fired, cJSON_CreateString(sc->parts[part].id));
            if (ex->result.outcome[part] == TRI_UNKNOWN) cJSON_AddItemToArray(missing, part_json(ex, part));
        }
    }
    cJSON_AddItemToObject(o, "unknown", missing);

    cJSON *prot = cJSON_AddArrayToObject(o, "protected_fields_read");
    const schema *sch = sc->schema;
    for (int i = 0; i < sch->field_count; i++)
        if (field_bits_has(&ex->protected_reads, i)) cJSON_AddItemToArray(prot, cJSON_CreateString(sch->fields[i].name));
    cJSON_AddItemToObject(o, "guidance", text_json(&sc->guidance));
    if (ex->result.verdict == VERDICT_ERROR) cJSON_AddStringToObject(o, "error", ex->result.error);
    return o;
}

/* ---- text ---------------------------------------------------------------------- */

static void print_evidence(const explanation *ex, int part, FILE *out)
{
    const evidence *e = &ex->ev[part];
    const schema *s = ex->sc->schema;
    char buf[256];
    int shown = 0;
    for (int i = 0; i < s->field_count; i++) {
        if (!field_bits_has(&e->reads, i)) continue;
        if (evidence_missing(ex, part, i)) {
            fprintf(out, "%s%s missing", shown++ ? ", " : "", s->fields[i].name);
            continue;
        }
        value_format(record_get(ex->rec, i), buf, sizeof buf);
        fprintf(out, "%s%s = %s", shown++ ? ", " : "", s->fields[i].name, buf);
    }
    for (int i = 0; i < e->match_count; i++)
        fprintf(out, "%s%s in %s%s%s%s", shown++ ? "; " : "", e->matches[i].entry, e->matches[i].list,
                e->matches[i].note[0] ? " (" : "", e->matches[i].note, e->matches[i].note[0] ? ")" : "");
}

/* The id column is as wide as the scenario's longest id, so labels line up. */
static int id_width(const scenario *sc)
{
    int w = 12;
    for (int i = 0; i < sc->condition_count + sc->indicator_count; i++) {
        int n = (int)strlen(sc->parts[i].id);
        if (n > w) w = n;
    }
    return w;
}

static void print_part(const explanation *ex, int part, FILE *out, const char *lang)
{
    const indicator *ind = &ex->sc->parts[part];
    int w = id_width(ex->sc);
    tri t = ex->result.outcome[part];
    const char *mark = t == TRI_TRUE ? "yes" : t == TRI_FALSE ? "no " : t == TRI_UNKNOWN ? " ? " : t == TRI_ERROR ? "ERR" : " - ";
    if (ind->is_condition)
        fprintf(out, "    [%s]      %-*s  %s\n", mark, w, ind->id, text_get(&ind->label, lang));
    else
        fprintf(out, "    [%s] %+4d %-*s  %s\n", mark, ind->weight, w, ind->id, text_get(&ind->label, lang));
    fprintf(out, "               %-*s  ", w, "");
    print_evidence(ex, part, out);
    if (t == TRI_UNKNOWN) fputs("  (unknown: does not count)", out);
    fputc('\n', out);
}

/* Indent every line of a paragraph, collapsing the source's leading spaces. */
static void print_paragraph(FILE *out, const char *indent, const char *s)
{
    fputs(indent, out);
    bool line_start = true;
    for (; *s; s++) {
        if (line_start && (*s == ' ' || *s == '\t')) continue;
        line_start = false;
        fputc(*s, out);
        if (*s == '\n') {
            fputs(indent, out);
            line_start = true;
        }
    }
    fputc('\n', out);
}

void explain_print(const explanation *ex, FILE *out, const char *lang)
{
    const scenario *sc = ex->sc;
    const record *rec = ex->rec;
    const char *verdict = ex->result.verdict == VERDICT_HIT ? "HIT" : ex->result.verdict == VERDICT_ERROR ? "ERROR" : "no hit";
    fprintf(out, "%s  %s  %s\n", verdict, sc->id, text_get(&sc->title, lang));
    fprintf(out, "    record    %s %s (%s:%ld)\n", rec->schema->kind, record_key(rec), rec->source ? rec->source : "-", rec->line);
    fprintf(out, "    subject   %s, scenario revision %.12s, status %s\n", scenario_subject_name(sc->subject),
            sc->revision, scenario_status_name(sc->status));
    fprintf(out, "    score     %d (threshold %d)\n", ex->result.score, sc->threshold);
    if (ex->result.verdict == VERDICT_ERROR) fprintf(out, "    error     %s\n", ex->result.error);
    if (sc->condition_count) {
        fputs("  conditions (all must hold)\n", out);
        for (int i = 0; i < sc->condition_count; i++) print_part(ex, i, out, lang);
    }
    if (sc->indicator_count) {
        fputs("  indicators\n", out);
        for (int k = 0; k < sc->indicator_count; k++) print_part(ex, sc->condition_count + k, out, lang);
    }
    const schema *s = sc->schema;
    if (!field_bits_empty(&ex->protected_reads)) {
        fputs("  protected grounds read\n", out);
        for (int i = 0; i < s->field_count; i++) {
            if (!field_bits_has(&ex->protected_reads, i)) continue;
            const char *why = "(no justification)";
            for (int j = 0; j < sc->justification_count; j++)
                if (strcmp(sc->justifications[j].field, s->fields[i].name) == 0) why = sc->justifications[j].text;
            fprintf(out, "    %s: ", s->fields[i].name);
            print_paragraph(out, "", why);
        }
    }
    fputs("  guidance\n", out);
    print_paragraph(out, "    ", text_get(&sc->guidance, lang));
}
