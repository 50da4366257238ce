/* explain.c - explanations of a (record, scenario) verdict: parts, evidence, score; JSON and text. */
#include "explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

verdict explain_record(sandbox *sb, const scenario *sc, const record *rec, explanation *ex)
{
    ex->rec = rec;
    ex->sc = sc;
    verdict v = eval_scenario(sb, sc, rec, &ex->result, ex->ev);
    /* Protected fields read: the scenario's declarative reads plus what its
     * functions read on this record, by the governance module's one rule. */
    function_reads fr = { .known = true };
    for (int p = 0; p < sc->condition_count + sc->indicator_count && p < SCENARIO_MAX_PARTS; p++) fr.by_part[p] = ex->ev[p].reads;
    governance_protected_reads(sc, &fr, &ex->protected_reads);
    explain_links_collect(ex);
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

/* Every field the part looked at, in schema order: its value, or missing. */
static cJSON *evidence_json(const explanation *ex, int part)
{
    const evidence *e = &ex->ev[part];
    const schema *s = ex->sc->schema;
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < s->field_count; i++) {
        if (!field_bits_has(&e->reads, i) && !field_bits_has(&e->missing, i)) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "field", s->fields[i].name);
        if (evidence_missing(ex, part, i)) cJSON_AddTrueToObject(o, "missing");
        else cJSON_AddItemToObject(o, "value", value_json(record_get(ex->rec, i)));
        cJSON_AddItemToArray(a, o);
    }
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
            if (em->similarity > 0) cJSON_AddNumberToObject(mo, "similarity", em->similarity);
            cJSON_AddItemToArray(m, mo);
        }
        cJSON_AddItemToObject(o, "matched", m);
    }
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
    cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
    cJSON *fired = cJSON_AddArrayToObject(o, "fired");
    for (int k = 0; k < sc->indicator_count; k++) {
        int part = sc->condition_count + k;
        cJSON_AddItemToArray(inds, part_json(ex, part));
        if (ex->result.outcome[part] == TRI_TRUE) cJSON_AddItemToArray(fired, cJSON_CreateString(sc->parts[part].id));
    }

    cJSON *prot = cJSON_AddArrayToObject(o, "protected_fields_read");
    const schema *sch = sc->schema;
    cJSON *why = NULL;
    for (int i = 0; i < sch->field_count; i++) {
        if (!field_bits_has(&ex->protected_reads, i)) continue;
        const char *name = sch->fields[i].name;
        cJSON_AddItemToArray(prot, cJSON_CreateString(name));
        if (!why) why = cJSON_AddObjectToObject(o, "justifications");
        const char *text = NULL;
        for (int j = 0; j < sc->justification_count; j++)
            if (strcmp(sc->justifications[j].field, name) == 0) text = sc->justifications[j].text;
        if (text) cJSON_AddStringToObject(why, name, text);
        else cJSON_AddNullToObject(why, name);
    }
    explain_links_json(ex, o);
    cJSON_AddItemToObject(o, "guidance", text_json(&sc->guidance));
    if (ex->result.verdict == VERDICT_ERROR) cJSON_AddStringToObject(o, "error", ex->result.error);
    return o;
}

/* ---- the hit line from fragments ------------------------------------------------- */

typedef struct fragment_part {
    char *head;          /* {"id":..,"label":{..}[,"weight":W],"result":"  */
    char *id;            /* the id as a JSON string, for "fired" */
} fragment_part;

struct explain_fragments {
    char *scenario;      /* "scenario":{...} */
    char *threshold;     /* the threshold, printed */
    char *guidance;      /* "guidance":{...} */
    fragment_part *parts;
    int part_count, condition_count;
    char **field_names;  /* per schema field: the name as a JSON string */
    char **justifications; /* per schema field: its justification, printed (a string or null) */
    int field_count;
};

static char *fragment_print(cJSON *o)
{
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!text) abort();
    return text;
}

/* "key":<value> of an object holding only it, without the braces */
static char *fragment_member(const char *key, cJSON *value)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, key, value);
    char *text = fragment_print(o);
    size_t n = strlen(text);
    memmove(text, text + 1, n - 2);
    text[n - 2] = '\0';
    return text;
}

explain_fragments *explain_prepare(const scenario *sc)
{
    explain_fragments *f = calloc(1, sizeof *f);
    if (!f) abort();
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "id", sc->id);
    cJSON_AddItemToObject(s, "title", text_json(&sc->title));
    cJSON_AddStringToObject(s, "subject", scenario_subject_name(sc->subject));
    cJSON_AddStringToObject(s, "status", scenario_status_name(sc->status));
    cJSON_AddStringToObject(s, "revision", sc->revision);
    f->scenario = fragment_member("scenario", s);
    f->threshold = fragment_print(cJSON_CreateNumber(sc->threshold));
    f->guidance = fragment_member("guidance", text_json(&sc->guidance));
    f->condition_count = sc->condition_count;
    f->part_count = sc->condition_count + sc->indicator_count;
    f->parts = calloc((size_t)f->part_count + 1, sizeof *f->parts);
    if (!f->parts) abort();
    for (int p = 0; p < f->part_count; p++) {
        const indicator *ind = &sc->parts[p];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", ind->id);
        cJSON_AddItemToObject(o, "label", text_json(&ind->label));
        if (!ind->is_condition) cJSON_AddNumberToObject(o, "weight", ind->weight);
        cJSON_AddStringToObject(o, "result", "");
        char *text = fragment_print(o);
        text[strlen(text) - 2] = '\0'; /* open the result's string: drop `"}` */
        f->parts[p].head = text;
        f->parts[p].id = fragment_print(cJSON_CreateString(ind->id));
    }
    const schema *sch = sc->schema;
    f->field_count = sch->field_count;
    f->field_names = calloc((size_t)f->field_count + 1, sizeof *f->field_names);
    f->justifications = calloc((size_t)f->field_count + 1, sizeof *f->justifications);
    if (!f->field_names || !f->justifications) abort();
    for (int i = 0; i < sch->field_count; i++) {
        const char *name = sch->fields[i].name;
        f->field_names[i] = fragment_print(cJSON_CreateString(name));
        const char *text = NULL;
        for (int j = 0; j < sc->justification_count; j++)
            if (strcmp(sc->justifications[j].field, name) == 0) text = sc->justifications[j].text;
        f->justifications[i] = fragment_print(text ? cJSON_CreateString(text) : cJSON_CreateNull());
    }
    return f;
}

void explain_fragments_free(explain_fragments *f)
{
    if (!f) return;
    free(f->scenario);
    free(f->threshold);
    free(f->guidance);
    for (int p = 0; p < f->part_count; p++) {
        free(f->parts[p].head);
        free(f->parts[p].id);
    }
    free(f->parts);
    for (int i = 0; i < f->field_count; i++) {
        free(f->field_names[i]);
        free(f->justifications[i]);
    }
    free(f->field_names);
    free(f->justifications);
    free(f);
}

typedef struct render_buffer {
    char *text;
    size_t length, capacity;
} render_buffer;

static void render_bytes(render_buffer *b, const char *bytes, size_t n)
{
    if (b->length + n + 1 > b->capacity) {
        while (b->length + n + 1 > b->capacity) b->capacity = b->capacity ? b->capacity * 2 : 8192;
        b->text = realloc(b->text, b->capacity);
        if (!b->text) abort();
    }
    memcpy(b->text + b->length, bytes, n);
    b->length += n;
}

static void render_text(render_buffer *b, const char *text)
{
    render_bytes(b, text, strlen(text));
}

/* A JSON string as cJSON prints it: \" \\ \b \f \n \r \t, other bytes below 32 as
 * \u00xx, every other byte as it is. */
static void render_string(render_buffer *b, const char *s)
{
    render_bytes(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;; p++) {
        unsigned char c = *p;
        if (c > 31 && c != '"' && c != '\\') continue;
        render_bytes(b, (const char *)run, (size_t)(p - run));
        if (!c) break;
        char esc[8];
        switch (c) {
        case '"': render_bytes(b, "\\\"", 2); break;
        case '\\': render_bytes(b, "\\\\", 2); break;
        case '\b': render_bytes(b, "\\b", 2); break;
        case '\f': render_bytes(b, "\\f", 2); break;
        case '\n': render_bytes(b, "\\n", 2); break;
        case '\r': render_bytes(b, "\\r", 2); break;
        case '\t': render_bytes(b, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            render_bytes(b, esc, 6);
        }
        run = p + 1;
    }
    render_bytes(b, "\"", 1);
}

/* A number exactly as cJSON prints it: through cJSON, on a number item on the stack. */
static void render_number(render_buffer *b, double d)
{
    cJSON item;
    memset(&item, 0, sizeof item);
    item.type = cJSON_Number;
    cJSON_SetNumberHelper(&item, d);
    char buf[64];
    if (!cJSON_PrintPreallocated(&item, buf, sizeof buf, 0)) abort();
    render_text(b, buf);
}

static void render_value(render_buffer *b, const value *v)
{
    char buf[1024];
    switch (v->kind) {
    case V_INTEGER: render_number(b, (double)v->as.i); break;
    case V_NUMBER: render_number(b, v->as.n); break;
    case V_BOOLEAN: render_text(b, v->as.b ? "true" : "false"); break;
    case V_MISSING: render_text(b, "null"); break;
    case V_LIST:
        render_bytes(b, "[", 1);
        for (uint32_t i = 0; i < v->len; i++) {
            if (i) render_bytes(b, ",", 1);
            render_string(b, v->as.items[i]);
        }
        render_bytes(b, "]", 1);
        break;
    default:
        value_format(v, buf, sizeof buf);
        render_string(b, buf);
    }
}

static void render_part(render_buffer *b, const explain_fragments *f, const explanation *ex, int part)
{
    const evidence *e = &ex->ev[part];
    render_text(b, f->parts[part].head);
    render_text(b, tri_name(ex->result.outcome[part]));
    render_text(b, "\",\"evidence\":[");
    bool first = true;
    for (int i = 0; i < f->field_count; i++) {
        if (!field_bits_has(&e->reads, i) && !field_bits_has(&e->missing, i)) continue;
        if (!first) render_bytes(b, ",", 1);
        first = false;
        render_text(b, "{\"field\":");
        render_text(b, f->field_names[i]);
        if (evidence_missing(ex, part, i)) {
            render_text(b, ",\"missing\":true}");
        } else {
            render_text(b, ",\"value\":");
            render_value(b, record_get(ex->rec, i));
            render_bytes(b, "}", 1);
        }
    }
    render_bytes(b, "]", 1);
    if (e->match_count) {
        render_text(b, ",\"matched\":[");
        for (int i = 0; i < e->match_count; i++) {
            const evidence_match *em = &e->matches[i];
            render_text(b, i ? ",{\"list\":" : "{\"list\":");
            render_string(b, em->list);
            render_text(b, ",\"entry\":");
            render_string(b, em->entry);
            if (em->note[0]) {
                render_text(b, ",\"note\":");
                render_string(b, em->note);
            }
            if (em->similarity > 0) {
                render_text(b, ",\"similarity\":");
                render_number(b, em->similarity);
            }
            render_bytes(b, "}", 1);
        }
        render_bytes(b, "]", 1);
    }
    render_bytes(b, "}", 1);
}

char *explain_render(const explain_fragments *f, const explanation *ex, const hit_origin *origin, size_t *len)
{
    const record *rec = ex->rec;
    render_buffer b = { 0 };
    render_bytes(&b, "{", 1);
    if (origin && origin->run_id) {
        render_text(&b, "\"run_id\":");
        render_string(&b, origin->run_id);
        render_bytes(&b, ",", 1);
    }
    if (origin && origin->ruleset_revision) {
        render_text(&b, "\"ruleset_revision\":");
        render_string(&b, origin->ruleset_revision);
        render_bytes(&b, ",", 1);
    }
    render_text(&b, "\"record\":{\"kind\":");
    render_string(&b, rec->schema->kind);
    render_text(&b, ",\"key\":");
    render_string(&b, record_key(rec));
    render_text(&b, ",\"source\":");
    render_string(&b, rec->source ? rec->source : "");
    render_text(&b, ",\"line\":");
    render_number(&b, (double)rec->line);
    render_text(&b, "},");
    render_text(&b, f->scenario);
    render_text(&b, ",\"verdict\":");
    render_string(&b, verdict_name(ex->result.verdict));
    render_text(&b, ",\"score\":");
    render_number(&b, ex->result.score);
    render_text(&b, ",\"threshold\":");
    render_text(&b, f->threshold);
    render_text(&b, ",\"conditions\":[");
    for (int p = 0; p < f->condition_count; p++) {
        if (p) render_bytes(&b, ",", 1);
        render_part(&b, f, ex, p);
    }
    render_text(&b, "],\"indicators\":[");
    for (int p = f->condition_count; p < f->part_count; p++) {
        if (p > f->condition_count) render_bytes(&b, ",", 1);
        render_part(&b, f, ex, p);
    }
    render_text(&b, "],\"fired\":[");
    bool first = true;
    for (int p = f->condition_count; p < f->part_count; p++) {
        if (ex->result.outcome[p] != TRI_TRUE) continue;
        if (!first) render_bytes(&b, ",", 1);
        first = false;
        render_text(&b, f->parts[p].id);
    }
    render_text(&b, "],\"protected_fields_read\":[");
    first = true;
    for (int i = 0; i < f->field_count; i++) {
        if (!field_bits_has(&ex->protected_reads, i)) continue;
        if (!first) render_bytes(&b, ",", 1);
        first = false;
        render_text(&b, f->field_names[i]);
    }
    render_bytes(&b, "]", 1);
    if (!first) {
        render_text(&b, ",\"justifications\":{");
        bool any = false;
        for (int i = 0; i < f->field_count; i++) {
            if (!field_bits_has(&ex->protected_reads, i)) continue;
            if (any) render_bytes(&b, ",", 1);
            any = true;
            render_text(&b, f->field_names[i]);
            render_bytes(&b, ":", 1);
            render_text(&b, f->justifications[i]);
        }
        render_bytes(&b, "}", 1);
    }
    char *links = explain_links_render(ex);
    if (links) render_text(&b, links);
    free(links);
    render_bytes(&b, ",", 1);
    render_text(&b, f->guidance);
    if (ex->result.verdict == VERDICT_ERROR) {
        render_text(&b, ",\"error\":");
        render_string(&b, ex->result.error);
    }
    render_bytes(&b, "}", 1);
    b.text[b.length] = '\0';
    if (len) *len = b.length;
    return b.text;
}

cJSON *explain_identity_json(const record *rec)
{
    const schema *s = rec->schema;
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < s->field_count; i++)
        if (s->fields[i].is_identity) cJSON_AddItemToObject(o, s->fields[i].name, value_json(record_get(rec, i)));
    return o;
}

/* ---- text: one renderer, over the JSON (explain, test, review show) ------------- */

/* The frame of the text form, in English and French (--lang fr). */
typedef struct frame_words {
    const char *hit, *no_hit, *error_verdict;
    const char *record, *subject, *revision, *status, *score, *threshold, *error;
    const char *conditions, *indicators, *protected_read, *guidance;
    const char *yes, *no, *unknown_note, *missing, *in, *no_justification, *when;
} frame_words;

static const frame_words frame_en = {
    "HIT", "no hit", "ERROR",
    "record   ", "subject  ", "scenario revision", "status", "score    ", "threshold", "error    ",
    "conditions (all must hold)", "indicators", "protected grounds read", "guidance",
    "yes", "no ", "  (unknown: does not count)", " missing", "in", "(no justification)", "when:",
};

static const frame_words frame_fr = {
    "ALERTE", "pas d'alerte", "ERREUR",
    "dossier  ", "sujet    ", "révision du scénario", "statut", "score    ", "seuil", "erreur   ",
    "conditions (toutes doivent être remplies)", "indicateurs", "motifs protégés lus", "consignes",
    "oui", "non", "  (inconnu : ne compte pas)", " absent", "dans", "(aucune justification)", "si :",
};

static const frame_words *frame_for(const char *lang)
{
    return lang && strcmp(lang, "fr") == 0 ? &frame_fr : &frame_en;
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int json_int(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* {"en": ..., "fr": ...} in lang, falling back to English. */
static const char *json_text(const cJSON *o, const char *key, const char *lang)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(t)) return t->valuestring;
    const cJSON *v = lang ? cJSON_GetObjectItemCaseSensitive(t, lang) : NULL;
    if (cJSON_IsString(v) && *v->valuestring) return v->valuestring;
    return json_str(t, "en");
}

/* A value as value_format writes it: numbers shortest, lists '|'-joined. */
static void json_value_print(const cJSON *v, FILE *out)
{
    if (cJSON_IsString(v)) fputs(v->valuestring, out);
    else if (cJSON_IsBool(v)) fputs(cJSON_IsTrue(v) ? "true" : "false", out);
    else if (cJSON_IsNumber(v)) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.15g", v->valuedouble);
        if (strtod(buf, NULL) != v->valuedouble) snprintf(buf, sizeof buf, "%.17g", v->valuedouble);
        fputs(buf, out);
    } else if (cJSON_IsArray(v)) {
        const cJSON *item;
        int i = 0;
        cJSON_ArrayForEach(item, v) {
            if (i++) fputc('|', out);
            json_value_print(item, out);
        }
    }
}

static void print_evidence(const cJSON *part, FILE *out, const frame_words *w)
{
    int shown = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(part, "evidence")) {
        fprintf(out, "%s%s", shown++ ? ", " : "", json_str(e, "field"));
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "missing"))) {
            fputs(w->missing, out);
            continue;
        }
        fputs(" = ", out);
        json_value_print(cJSON_GetObjectItemCaseSensitive(e, "value"), out);
    }
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(part, "matched")) {
        const char *note = json_str(e, "note");
        fprintf(out, "%s%s %s %s%s%s%s", shown++ ? "; " : "", json_str(e, "entry"), w->in, json_str(e, "list"),
                *note ? " (" : "", note, *note ? ")" : "");
        const cJSON *similarity = cJSON_GetObjectItemCaseSensitive(e, "similarity"); /* a fuzzy list's */
        if (cJSON_IsNumber(similarity)) fprintf(out, " (similarity %g)", similarity->valuedouble);
    }
}

/* The id column is as wide as the scenario's longest id, so labels line up. */
static int id_width(const cJSON *hit)
{
    int w = 12;
    const char *groups[] = { "conditions", "indicators" };
    for (int g = 0; g < 2; g++) {
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(hit, groups[g])) {
            int n = (int)strlen(json_str(p, "id"));
            if (n > w) w = n;
        }
    }
    return w;
}

static void print_part(const cJSON *part, bool condition, int w, FILE *out, const char *lang)
{
    const frame_words *words = frame_for(lang);
    const char *result = json_str(part, "result");
    const char *mark = strcmp(result, "true") == 0      ? words->yes
                       : strcmp(result, "false") == 0   ? words->no
                       : strcmp(result, "unknown") == 0 ? " ? "
                       : strcmp(result, "error") == 0   ? "ERR"
                                                        : " - ";
    if (condition)
        fprintf(out, "    [%s]      %-*s  %s\n", mark, w, json_str(part, "id"), json_text(part, "label", lang));
    else
        fprintf(out, "    [%s] %+4d %-*s  %s\n", mark, json_int(part, "weight"), w, json_str(part, "id"),
                json_text(part, "label", lang));
    /* the predicate in words, when the caller added it (explain does) */
    if (cJSON_GetObjectItemCaseSensitive(part, "when"))
        fprintf(out, "               %-*s  %s %s\n", w, "", words->when, json_text(part, "when", lang));
    fprintf(out, "               %-*s  ", w, "");
    print_evidence(part, out, words);
    if (strcmp(result, "unknown") == 0) fputs(words->unknown_note, out);
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

void explain_print_json(const cJSON *hit, FILE *out, const char *lang)
{
    const frame_words *fw = frame_for(lang);
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(hit, "scenario");
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(hit, "record");
    const char *v = json_str(hit, "verdict");
    const char *verdict = strcmp(v, "hit") == 0 ? fw->hit : strcmp(v, "error") == 0 ? fw->error_verdict : fw->no_hit;
    fprintf(out, "%s  %s  %s\n", verdict, json_str(sc, "id"), json_text(sc, "title", lang));
    const char *source = json_str(rec, "source");
    fprintf(out, "    %s %s %s (%s:%d)\n", fw->record, json_str(rec, "kind"), json_str(rec, "key"), *source ? source : "-",
            json_int(rec, "line"));
    fprintf(out, "    %s %s, %s %.12s, %s %s\n", fw->subject, json_str(sc, "subject"), fw->revision,
            json_str(sc, "revision"), fw->status, json_str(sc, "status"));
    fprintf(out, "    %s %d (%s %d)\n", fw->score, json_int(hit, "score"), fw->threshold, json_int(hit, "threshold"));
    if (strcmp(v, "error") == 0) fprintf(out, "    %s %s\n", fw->error, json_str(hit, "error"));
    int w = id_width(hit);
    const cJSON *p, *conds = cJSON_GetObjectItemCaseSensitive(hit, "conditions");
    if (cJSON_GetArraySize(conds)) {
        fprintf(out, "  %s\n", fw->conditions);
        cJSON_ArrayForEach(p, conds) print_part(p, true, w, out, lang);
    }
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(hit, "indicators");
    if (cJSON_GetArraySize(inds)) {
        fprintf(out, "  %s\n", fw->indicators);
        cJSON_ArrayForEach(p, inds) print_part(p, false, w, out, lang);
    }
    explain_links_print(hit, out, lang);
    const cJSON *why = cJSON_GetObjectItemCaseSensitive(hit, "justifications");
    if (cJSON_GetArraySize(why)) {
        fprintf(out, "  %s\n", fw->protected_read);
        cJSON_ArrayForEach(p, why) {
            fprintf(out, "    %s: ", p->string);
            print_paragraph(out, "", cJSON_IsString(p) ? p->valuestring : fw->no_justification);
        }
    }
    fprintf(out, "  %s\n", fw->guidance);
    print_paragraph(out, "    ", json_text(hit, "guidance", lang));
}

void explain_print(const explanation *ex, FILE *out, const char *lang)
{
    cJSON *o = explain_to_json(ex, NULL);
    explain_print_json(o, out, lang);
    cJSON_Delete(o);
}
