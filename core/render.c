/* render.c - how a hit is written: the NDJSON hit line (docs/hits.md) and the text an officer or analyst reads, in en and fr. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- a growing buffer, and JSON written into it as cJSON writes it ----------------- */

typedef struct render_buffer {
    char *text;
    size_t length, capacity;
} render_buffer;

static void buffer_bytes(render_buffer *b, const char *bytes, size_t n)
{
    if (b->length + n + 1 > b->capacity) {
        while (b->length + n + 1 > b->capacity) b->capacity = b->capacity ? b->capacity * 2 : 8192;
        b->text = xrealloc(b->text, b->capacity);
    }
    memcpy(b->text + b->length, bytes, n);
    b->length += n;
}

static void buffer_text(render_buffer *b, const char *text)
{
    buffer_bytes(b, text, strlen(text));
}

/* The buffer's text, terminated; *len its length. */
static char *buffer_finish(render_buffer *b, size_t *len)
{
    if (!b->text) buffer_bytes(b, "", 0);
    b->text[b->length] = '\0';
    if (len) *len = b->length;
    return b->text;
}

/* A JSON string as cJSON prints it: \" \\ \b \f \n \r \t, other bytes below 32 as
 * \u00xx, every other byte as it is (UTF-8 passes through). */
static void buffer_string(render_buffer *b, const char *s)
{
    buffer_bytes(b, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (;; p++) {
        unsigned char c = *p;
        if (c > 31 && c != '"' && c != '\\') continue;
        buffer_bytes(b, (const char *)run, (size_t)(p - run));
        if (!c) break;
        char esc[8];
        switch (c) {
        case '"': buffer_bytes(b, "\\\"", 2); break;
        case '\\': buffer_bytes(b, "\\\\", 2); break;
        case '\b': buffer_bytes(b, "\\b", 2); break;
        case '\f': buffer_bytes(b, "\\f", 2); break;
        case '\n': buffer_bytes(b, "\\n", 2); break;
        case '\r': buffer_bytes(b, "\\r", 2); break;
        case '\t': buffer_bytes(b, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            buffer_bytes(b, esc, 6);
        }
        run = p + 1;
    }
    buffer_bytes(b, "\"", 1);
}

/* A number exactly as cJSON prints it. An integer below 10^15 in magnitude is its
 * digits under cJSON's "%1.15g" (and under the "%d" of later cJSON versions): printed
 * so here, without cJSON's check that the text reads back (a sscanf per number, most
 * of a hit's rendering time). Anything else goes through cJSON, on a number item on
 * the stack. */
static void buffer_number(render_buffer *b, double d)
{
    char buf[64];
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d && !(d == 0 && signbit(d))) {
        int n = snprintf(buf, sizeof buf, "%lld", (long long)d);
        buffer_bytes(b, buf, (size_t)n);
        return;
    }
    cJSON item;
    memset(&item, 0, sizeof item);
    item.type = cJSON_Number;
    cJSON_SetNumberHelper(&item, d);
    if (!cJSON_PrintPreallocated(&item, buf, sizeof buf, 0)) xalloc_die();
    buffer_text(b, buf);
}

/* A record's value with its type: numbers, booleans, lists as arrays, null when
 * missing, anything else (text, dates) as value_format writes it. */
static void buffer_value(render_buffer *b, const value *v)
{
    char buf[1024];
    switch (v->kind) {
    case V_INTEGER: buffer_number(b, (double)v->as.i); break;
    case V_NUMBER: buffer_number(b, v->as.n); break;
    case V_BOOLEAN: buffer_text(b, v->as.b ? "true" : "false"); break;
    case V_MISSING: buffer_text(b, "null"); break;
    case V_LIST:
        buffer_bytes(b, "[", 1);
        for (uint32_t i = 0; i < v->len; i++) {
            if (i) buffer_bytes(b, ",", 1);
            buffer_string(b, v->as.items[i]);
        }
        buffer_bytes(b, "]", 1);
        break;
    default:
        value_format(v, buf, sizeof buf);
        buffer_string(b, buf);
    }
}

/* "record":{"kind":..,"key":..,"source":..,"line":..} */
static void buffer_record(render_buffer *b, const record *rec)
{
    buffer_text(b, "\"record\":{\"kind\":");
    buffer_string(b, rec->schema->kind);
    buffer_text(b, ",\"key\":");
    buffer_string(b, record_key(rec));
    buffer_text(b, ",\"source\":");
    buffer_string(b, rec->source ? rec->source : "");
    buffer_text(b, ",\"line\":");
    buffer_number(b, (double)rec->line);
    buffer_bytes(b, "}", 1);
}

/* "{" and the origin's members, each followed by a comma */
static void buffer_open(render_buffer *b, const hit_origin *origin)
{
    buffer_bytes(b, "{", 1);
    if (origin && origin->run_id) {
        buffer_text(b, "\"run_id\":");
        buffer_string(b, origin->run_id);
        buffer_bytes(b, ",", 1);
    }
    if (origin && origin->ruleset_revision) {
        buffer_text(b, "\"ruleset_revision\":");
        buffer_string(b, origin->ruleset_revision);
        buffer_bytes(b, ",", 1);
    }
}

/* ---- fragments: what does not depend on the record, printed once by cJSON ------------ */

typedef struct fragment_part {
    char *head;          /* {"id":..,"label":{..}[,"weight":W],"result":"  */
    char *tail;          /* ,"when":{..} with RENDER_WORDING, else NULL */
    char *id;            /* the id as a JSON string, for "fired" */
} fragment_part;

struct render_scenario {
    char *scenario;      /* "scenario":{...} */
    char *threshold;     /* the threshold, printed */
    char *guidance;      /* "guidance":{...} */
    fragment_part *parts;
    int part_count, condition_count;
    char **field_names;  /* per schema field: the name as a JSON string */
    char **justifications; /* per schema field: its justification, printed (a string or null) */
    int field_count;
};

static cJSON *text_json(const text *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "en", t->en ? t->en : "");
    if (t->fr) cJSON_AddStringToObject(o, "fr", t->fr);
    return o;
}

static char *fragment_print(cJSON *o)
{
    char *text = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!text) xalloc_die();
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

/* ,"when":{"en":..,"fr":..}: the part's predicate in words, from the operator table */
static char *fragment_wording(const scenario *sc, int part)
{
    char en[700], fr[700];
    predicate_describe(sc->parts[part].when, sc->schema, "en", en, sizeof en);
    predicate_describe(sc->parts[part].when, sc->schema, "fr", fr, sizeof fr);
    cJSON *w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "en", en);
    cJSON_AddStringToObject(w, "fr", fr);
    char *member = fragment_member("when", w);
    size_t n = strlen(member);
    char *text = xmalloc(n + 2);
    text[0] = ',';
    memcpy(text + 1, member, n + 1);
    free(member);
    return text;
}

render_scenario *render_prepare(const scenario *sc, unsigned flags)
{
    render_scenario *f = xcalloc(1, sizeof *f);
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
    f->parts = xcalloc((size_t)f->part_count + 1, sizeof *f->parts);
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
        f->parts[p].tail = flags & RENDER_WORDING ? fragment_wording(sc, p) : NULL;
        f->parts[p].id = fragment_print(cJSON_CreateString(ind->id));
    }
    const schema *sch = sc->schema;
    f->field_count = sch->field_count;
    f->field_names = xcalloc((size_t)f->field_count + 1, sizeof *f->field_names);
    f->justifications = xcalloc((size_t)f->field_count + 1, sizeof *f->justifications);
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

void render_scenario_free(render_scenario *f)
{
    if (!f) return;
    free(f->scenario);
    free(f->threshold);
    free(f->guidance);
    for (int p = 0; p < f->part_count; p++) {
        free(f->parts[p].head);
        free(f->parts[p].tail);
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

/* ---- the hit object: per hit, the record's values and the results ------------------- */

/* A field the part looked at whose value was missing (declarative predicates mark
 * them; Lua functions only read, so the record says). */
static bool evidence_missing(const explanation *ex, int part, int i)
{
    return field_bits_has(&ex->ev[part].missing, i) ||
           (field_bits_has(&ex->ev[part].reads, i) && record_get(ex->rec, i)->kind == V_MISSING);
}

/* One condition or indicator: its fragment, the result, every field it looked at (in
 * schema order, its value or missing), the list entries it matched. */
static void buffer_part(render_buffer *b, const render_scenario *f, const explanation *ex, int part)
{
    const evidence *e = &ex->ev[part];
    buffer_text(b, f->parts[part].head);
    buffer_text(b, tri_name(ex->result.outcome[part]));
    buffer_text(b, "\",\"evidence\":[");
    bool first = true;
    for (int i = 0; i < f->field_count; i++) {
        if (!field_bits_has(&e->reads, i) && !field_bits_has(&e->missing, i)) continue;
        if (!first) buffer_bytes(b, ",", 1);
        first = false;
        buffer_text(b, "{\"field\":");
        buffer_text(b, f->field_names[i]);
        if (evidence_missing(ex, part, i)) {
            buffer_text(b, ",\"missing\":true}");
        } else {
            buffer_text(b, ",\"value\":");
            buffer_value(b, record_get(ex->rec, i));
            buffer_bytes(b, "}", 1);
        }
    }
    buffer_bytes(b, "]", 1);
    if (e->match_count) {
        buffer_text(b, ",\"matched\":[");
        for (int i = 0; i < e->match_count; i++) {
            const evidence_match *em = &e->matches[i];
            buffer_text(b, i ? ",{\"list\":" : "{\"list\":");
            buffer_string(b, em->list);
            buffer_text(b, ",\"entry\":");
            buffer_string(b, em->entry);
            if (em->note[0]) {
                buffer_text(b, ",\"note\":");
                buffer_string(b, em->note);
            }
            if (em->similarity > 0) { /* a fuzzy list's */
                buffer_text(b, ",\"similarity\":");
                buffer_number(b, em->similarity);
            }
            buffer_bytes(b, "}", 1);
        }
        buffer_bytes(b, "]", 1);
    }
    if (f->parts[part].tail) buffer_text(b, f->parts[part].tail);
    buffer_bytes(b, "}", 1);
}

/* One record of a booking ({"key","surname","age","payer","self"}) or sharing a link
 * key ({"key","booking","surname","self"}): by its record key and booking reference,
 * never by the shared phone, e-mail or card itself. "payer" and "self" only when true. */
static void buffer_member(render_buffer *b, const links_member_view *m, bool booking)
{
    buffer_text(b, "{\"key\":");
    buffer_string(b, m->key);
    if (!booking) {
        buffer_text(b, ",\"booking\":");
        buffer_string(b, m->group);
    }
    buffer_text(b, ",\"surname\":");
    buffer_string(b, m->surname);
    if (booking) {
        buffer_text(b, ",\"age\":");
        if (m->age >= 0) buffer_number(b, m->age);
        else buffer_text(b, "null");
        if (m->is_payer) buffer_text(b, ",\"payer\":true");
    }
    if (m->is_self) buffer_text(b, ",\"self\":true");
    buffer_bytes(b, "}", 1);
}

/* ,"booking":{"group","records","members":[...]} when a part read a booking value */
static void buffer_booking(render_buffer *b, const links_booking_view *v)
{
    buffer_text(b, ",\"booking\":{\"group\":");
    buffer_string(b, v->group ? v->group : "");
    buffer_text(b, ",\"records\":");
    buffer_number(b, v->size);
    buffer_text(b, ",\"members\":[");
    for (int i = 0; i < v->shown; i++) {
        if (i) buffer_bytes(b, ",", 1);
        buffer_member(b, &v->members[i], true);
    }
    buffer_text(b, "]}");
}

/* ,"links":[{"link","records","bookings","linked":[...]}, ...] when a part read a link value */
static void buffer_links(render_buffer *b, const explanation *ex)
{
    buffer_text(b, ",\"links\":[");
    for (int k = 0; k < ex->link_count; k++) {
        const links_link_view *l = &ex->links[k];
        buffer_text(b, k ? ",{\"link\":" : "{\"link\":");
        buffer_string(b, l->link);
        buffer_text(b, ",\"records\":");
        buffer_number(b, l->records);
        buffer_text(b, ",\"bookings\":");
        buffer_number(b, l->bookings);
        buffer_text(b, ",\"linked\":[");
        for (int i = 0; i < l->shown; i++) {
            if (i) buffer_bytes(b, ",", 1);
            buffer_member(b, &l->linked[i], false);
        }
        buffer_text(b, "]}");
    }
    buffer_bytes(b, "]", 1);
}

/* The extra sections: what the explanation carries beyond the scenario's parts,
 * written after "guidance", each as ,"name":<value>. Today: the error of a failed
 * evaluation, and the booking and links sections (explain_links.c collects them and
 * prints them as text). A new section is written here, and printed by render_text at
 * its "extra sections" mark. */
static void json_extra_sections(render_buffer *b, const explanation *ex)
{
    if (ex->result.verdict == VERDICT_ERROR) {
        buffer_text(b, ",\"error\":");
        buffer_string(b, ex->result.error);
    }
    if (ex->has_booking) buffer_booking(b, &ex->booking);
    if (ex->link_count) buffer_links(b, ex);
}

char *render_hit(const render_scenario *f, const explanation *ex, const hit_origin *origin, size_t *len)
{
    render_buffer b = { 0 };
    buffer_open(&b, origin);
    buffer_record(&b, ex->rec);
    buffer_bytes(&b, ",", 1);
    buffer_text(&b, f->scenario);
    buffer_text(&b, ",\"verdict\":");
    buffer_string(&b, verdict_name(ex->result.verdict));
    buffer_text(&b, ",\"score\":");
    buffer_number(&b, ex->result.score);
    buffer_text(&b, ",\"threshold\":");
    buffer_text(&b, f->threshold);
    buffer_text(&b, ",\"conditions\":[");
    for (int p = 0; p < f->condition_count; p++) {
        if (p) buffer_bytes(&b, ",", 1);
        buffer_part(&b, f, ex, p);
    }
    buffer_text(&b, "],\"indicators\":[");
    for (int p = f->condition_count; p < f->part_count; p++) {
        if (p > f->condition_count) buffer_bytes(&b, ",", 1);
        buffer_part(&b, f, ex, p);
    }
    buffer_text(&b, "],\"fired\":[");
    bool first = true;
    for (int p = f->condition_count; p < f->part_count; p++) {
        if (ex->result.outcome[p] != TRI_TRUE) continue;
        if (!first) buffer_bytes(&b, ",", 1);
        first = false;
        buffer_text(&b, f->parts[p].id);
    }
    buffer_text(&b, "],\"protected_fields_read\":[");
    first = true;
    for (int i = 0; i < f->field_count; i++) {
        if (!field_bits_has(&ex->protected_reads, i)) continue;
        if (!first) buffer_bytes(&b, ",", 1);
        first = false;
        buffer_text(&b, f->field_names[i]);
    }
    buffer_bytes(&b, "]", 1);
    if (!first) {
        buffer_text(&b, ",\"justifications\":{");
        bool any = false;
        for (int i = 0; i < f->field_count; i++) {
            if (!field_bits_has(&ex->protected_reads, i)) continue;
            if (any) buffer_bytes(&b, ",", 1);
            any = true;
            buffer_text(&b, f->field_names[i]);
            buffer_bytes(&b, ":", 1);
            buffer_text(&b, f->justifications[i]);
        }
        buffer_bytes(&b, "}", 1);
    }
    buffer_bytes(&b, ",", 1);
    buffer_text(&b, f->guidance);
    json_extra_sections(&b, ex);
    buffer_bytes(&b, "}", 1);
    return buffer_finish(&b, len);
}

cJSON *render_hit_tree(const explanation *ex, const hit_origin *origin, unsigned flags)
{
    render_scenario *f = render_prepare(ex->sc, flags);
    char *line = render_hit(f, ex, origin, NULL);
    cJSON *o = cJSON_Parse(line);
    if (!o) xalloc_die(); /* the line is well-formed JSON: only memory can fail */
    free(line);
    render_scenario_free(f);
    return o;
}

char *render_identity(const record *rec, size_t *len)
{
    const schema *s = rec->schema;
    render_buffer b = { 0 };
    buffer_bytes(&b, "{", 1);
    bool first = true;
    for (int i = 0; i < s->field_count; i++) {
        if (!s->fields[i].is_identity) continue;
        if (!first) buffer_bytes(&b, ",", 1);
        first = false;
        buffer_string(&b, s->fields[i].name);
        buffer_bytes(&b, ":", 1);
        buffer_value(&b, record_get(rec, i));
    }
    buffer_bytes(&b, "}", 1);
    return buffer_finish(&b, len);
}

char *render_control(const record *rec, const hit_origin *origin, double random_rate, size_t *len)
{
    render_buffer b = { 0 };
    buffer_open(&b, origin);
    buffer_record(&b, rec);
    buffer_text(&b, ",\"verdict\":\"control\",\"random_rate\":");
    buffer_number(&b, random_rate);
    buffer_bytes(&b, "}", 1);
    return buffer_finish(&b, len);
}

/* ---- text: over the hit object (explain, test, review show) ------------------------- */

/* The frame of the text form, in English and French (--lang fr). */
typedef struct frame_words {
    const char *hit, *no_hit, *error_verdict;
    const char *record, *subject, *revision, *status, *score, *threshold, *error;
    const char *conditions, *indicators, *protected_read, *guidance;
    const char *yes, *no, *unknown_note, *missing, *in, *no_justification, *when;
    const char *similarity; /* of a fuzzy list's match */
} frame_words;

static const frame_words frame_en = {
    "HIT", "no hit", "ERROR",
    "record   ", "subject  ", "scenario revision", "status", "score    ", "threshold", "error    ",
    "conditions (all must hold)", "indicators", "protected grounds read", "guidance",
    "yes", "no ", "  (unknown: does not count)", " missing", "in", "(no justification)", "when:",
    "similarity",
};

static const frame_words frame_fr = {
    "ALERTE", "pas d'alerte", "ERREUR",
    "dossier  ", "sujet    ", "révision du scénario", "statut", "score    ", "seuil", "erreur   ",
    "conditions (toutes doivent être remplies)", "indicateurs", "motifs protégés lus", "consignes",
    "oui", "non", "  (inconnu : ne compte pas)", " absent", "dans", "(aucune justification)", "si :",
    "similarité",
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
        if (cJSON_IsNumber(similarity)) fprintf(out, " (%s %g)", w->similarity, similarity->valuedouble);
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

void render_text(const cJSON *hit, FILE *out, const char *lang)
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
    const cJSON *why = cJSON_GetObjectItemCaseSensitive(hit, "justifications");
    if (cJSON_GetArraySize(why)) {
        fprintf(out, "  %s\n", fw->protected_read);
        cJSON_ArrayForEach(p, why) {
            fprintf(out, "    %s: ", p->string);
            print_paragraph(out, "", cJSON_IsString(p) ? p->valuestring : fw->no_justification);
        }
    }
    /* extra sections: the members json_extra_sections wrote (the error aside, which
     * the header shows) are printed here, each under its heading from frame_words;
     * the guidance stays last: it is what the officer does next */
    explain_links_print(hit, out, lang);
    fprintf(out, "  %s\n", fw->guidance);
    print_paragraph(out, "    ", json_text(hit, "guidance", lang));
}

void render_explanation_text(const explanation *ex, FILE *out, const char *lang)
{
    cJSON *o = render_hit_tree(ex, NULL, 0);
    render_text(o, out, lang);
    cJSON_Delete(o);
}
