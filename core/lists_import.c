/* lists_import.c - reference lists from their published formats (ILAB XML and CSV, FollowTheMoney JSON, plain CSV), written as list files. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <csv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "csv_table.h"
#include "hash.h"
#include "lists_fold.h"
#include "lists_import.h"
#include "xalloc.h"

static char *imp_strdup(const char *s)
{
    char *p = xstrdup(s ? s : "");
    return p;
}

static char *imp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *imp_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Folded copy: how names from a source are compared with the tables (ILAB's own file
 * writes "Açaí" decomposed, the table precomposed; both fold to "ACAI"). */
static char *imp_fold(const char *s)
{
    size_t n;
    const char *t = s ? s : "";
    return list_fold(t, strlen(t), NULL, 0, &n);
}

static void imp_add_string(char ***items, int *count, const char *s)
{
    char **p = xrealloc(*items, sizeof **items * (size_t)(*count + 1));
    *items = p;
    p[(*count)++] = imp_strdup(s);
}

static bool imp_has_folded(char **items, int count, const char *s)
{
    char *f = imp_fold(s);
    bool found = false;
    for (int i = 0; i < count && !found; i++) {
        char *g = imp_fold(items[i]);
        found = strcmp(f, g) == 0;
        free(g);
    }
    free(f);
    return found;
}

static void imp_left_out(import_list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void imp_left_out(import_list *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char line[600];
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    imp_add_string(&l->left_out, &l->left_out_count, line);
}

/* The entry of this value (folded), or a new one. */
static import_entry *imp_entry(import_list *l, const char *value, bool *is_new)
{
    char *key = imp_fold(value);
    for (int i = 0; i < l->count; i++) {
        char *k = imp_fold(l->entries[i].value);
        bool same = strcmp(k, key) == 0;
        free(k);
        if (same) {
            free(key);
            *is_new = false;
            return &l->entries[i];
        }
    }
    free(key);
    if (l->count == l->capacity) {
        l->capacity = l->capacity ? l->capacity * 2 : 64;
        l->entries = xrealloc(l->entries, sizeof *l->entries * (size_t)l->capacity);
    }
    import_entry *e = &l->entries[l->count++];
    memset(e, 0, sizeof *e);
    e->value = imp_strdup(value);
    e->note = imp_strdup("");
    e->source = imp_strdup("");
    e->edition = imp_strdup("");
    e->source_name = imp_strdup("");
    *is_new = true;
    return e;
}

static void imp_set(char **field, const char *s)
{
    free(*field);
    *field = imp_strdup(s);
}

/* "a" + "b" -> "a; b" (a merged entry keeps what each source record said). */
static void imp_append(char **field, const char *s)
{
    if (!s || !*s) return;
    if (!**field) {
        imp_set(field, s);
        return;
    }
    char *n = imp_printf("%s; %s", *field, s);
    free(*field);
    *field = n;
}

/* ---- CSV tables (libcsv) ------------------------------------------------------------- */

static void csv_table_field(void *field, size_t len, void *data)
{
    csv_table *t = data;
    char **p = xrealloc(t->cur, sizeof *p * (size_t)(t->cur_width + 1));
    t->cur = p;
    char *s = xmalloc(len + 1);
    memcpy(s, field, len);
    s[len] = '\0';
    p[t->cur_width++] = s;
}

static void csv_table_row(int c, void *data)
{
    (void)c;
    csv_table *t = data;
    t->rows = xrealloc(t->rows, sizeof *t->rows * (size_t)(t->count + 1));
    t->widths = xrealloc(t->widths, sizeof *t->widths * (size_t)(t->count + 1));
    t->lines = xrealloc(t->lines, sizeof *t->lines * (size_t)(t->count + 1));
    t->rows[t->count] = t->cur;
    t->widths[t->count] = t->cur_width;
    t->lines[t->count] = t->line;
    t->count++;
    t->cur = NULL;
    t->cur_width = 0;
}

void csv_table_free(csv_table *t)
{
    for (int r = 0; r < t->count; r++) {
        for (int i = 0; i < t->widths[r]; i++) free(t->rows[r][i]);
        free(t->rows[r]);
    }
    for (int i = 0; i < t->cur_width; i++) free(t->cur[i]);
    free(t->cur);
    free(t->rows);
    free(t->widths);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

int csv_table_read(csv_table *t, const char *path, bool comments, const char *what, vg_error *err)
{
    memset(t, 0, sizeof *t);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return error_set(err, path, 0, NULL, "cannot open%s%s: %s", what ? " " : "", what ? what : "",
                         strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) xalloc_die();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = VG_OK;
    while ((n = getline(&line, &cap, fp)) > 0) {
        t->line++;
        if (comments && line[0] == '#') continue;
        if (csv_parse(&p, line, (size_t)n, csv_table_field, csv_table_row, t) != (size_t)n) {
            rc = error_set(err, path, t->line, NULL, "CSV: %s", csv_strerror(csv_error(&p)));
            break;
        }
    }
    if (n < 0 && !feof(fp) && !ferror(fp)) xalloc_die(); /* getline refused memory */
    if (rc == VG_OK && csv_fini(&p, csv_table_field, csv_table_row, t) != 0)
        rc = error_set(err, path, t->line, NULL, "CSV: %s", csv_strerror(csv_error(&p)));
    csv_free(&p);
    free(line);
    fclose(fp);
    if (rc == VG_OK && t->count == 0) rc = error_set(err, path, 0, NULL, "no header row");
    if (rc != VG_OK) csv_table_free(t);
    return rc;
}

/* Header names compared folded, without spaces, underscores or dashes. */
static void csv_header_key(const char *s, char *out, size_t size)
{
    char *f = imp_fold(s);
    size_t k = 0;
    for (const char *p = f; *p && k + 1 < size; p++)
        if (isalnum((unsigned char)*p)) out[k++] = *p;
    out[k] = '\0';
    free(f);
}

/* Column index of the first of the names the header has, -1 when none. */
static int csv_column(const csv_table *t, const char *const *names)
{
    for (int i = 0; i < t->widths[0]; i++) {
        char key[64];
        csv_header_key(t->rows[0][i], key, sizeof key);
        for (const char *const *n = names; *n; n++)
            if (strcmp(key, *n) == 0) return i;
    }
    return -1;
}

const char *csv_cell(const csv_table *t, int row, int col)
{
    return col >= 0 && col < t->widths[row] ? t->rows[row][col] : "";
}

/* ---- ILAB: the good -> HS table and the country table -------------------------------- */

typedef struct ilab_maps {
    csv_table hs, countries;
    int hs_good, hs_codes, hs_reason;
    int country_name, country_code;
    const char *hs_path, *countries_path;
} ilab_maps;

static int ilab_maps_load(ilab_maps *m, const import_options *o, vg_error *err)
{
    memset(m, 0, sizeof *m);
    if (!o->hs_map || !o->countries)
        return error_set(err, o->path, 0, NULL, "the %s format needs --hs-map and --countries tables", o->format);
    m->hs_path = o->hs_map;
    m->countries_path = o->countries;
    if (csv_table_read(&m->hs, o->hs_map, true, NULL, err) != VG_OK) return VG_ERR;
    if (csv_table_read(&m->countries, o->countries, true, NULL, err) != VG_OK) {
        csv_table_free(&m->hs);
        return VG_ERR;
    }
    m->hs_good = csv_column(&m->hs, (const char *[]){ "GOOD", NULL });
    m->hs_codes = csv_column(&m->hs, (const char *[]){ "HS", NULL });
    m->hs_reason = csv_column(&m->hs, (const char *[]){ "REASONING", NULL });
    m->country_name = csv_column(&m->countries, (const char *[]){ "ILABNAME", NULL });
    m->country_code = csv_column(&m->countries, (const char *[]){ "ISO2", NULL });
    if (m->hs_good < 0 || m->hs_codes < 0 || m->hs_reason < 0)
        return error_set(err, o->hs_map, m->hs.lines[0], NULL, "the header must name good, hs and reasoning");
    if (m->country_name < 0 || m->country_code < 0)
        return error_set(err, o->countries, m->countries.lines[0], NULL, "the header must name ilab_name and iso2");
    for (int r = 1; r < m->hs.count; r++)
        if (!*csv_cell(&m->hs, r, m->hs_reason))
            return error_set(err, o->hs_map, m->hs.lines[r], NULL, "good '%s' has no reasoning",
                             csv_cell(&m->hs, r, m->hs_good));
    return VG_OK;
}

static void ilab_maps_free(ilab_maps *m)
{
    csv_table_free(&m->hs);
    csv_table_free(&m->countries);
}

/* Row of the table whose first column folds like name; 0 when none (row 0 is the header). */
static int ilab_find(const csv_table *t, int col, const char *name)
{
    char *key = imp_fold(name);
    int found = 0;
    for (int r = 1; r < t->count && !found; r++) {
        char *k = imp_fold(csv_cell(t, r, col));
        if (strcmp(k, key) == 0) found = r;
        free(k);
    }
    free(key);
    return found;
}

/* One good x country line of the List (from the XML or a CSV). */
typedef struct ilab_record {
    const char *good, *country, *derived_country;
    bool child, forced, forced_child, downstream;
    const char *source, *edition; /* per record (CSV), NULL for the list's own */
    long line;
} ilab_record;

static void ilab_flag(import_entry *e, const char *flag)
{
    for (int i = 0; i < e->flag_count; i++)
        if (strcmp(e->flags[i], flag) == 0) return;
    imp_add_string(&e->flags, &e->flag_count, flag);
}

static int ilab_add(import_list *l, const ilab_maps *m, const ilab_record *r, vg_error *err)
{
    l->records_read++;
    int g = ilab_find(&m->hs, m->hs_good, r->good);
    if (!g)
        return error_set(err, m->hs_path, 0, NULL,
                         "good '%s' (%s, source line %ld) is not in the table: add a line with its HS codes and reasoning",
                         r->good, r->country, r->line);
    int c = ilab_find(&m->countries, m->country_name, r->country);
    if (!c)
        return error_set(err, m->countries_path, 0, NULL, "country '%s' (source line %ld) is not in the table",
                         r->country, r->line);
    const char *codes = csv_cell(&m->hs, g, m->hs_codes);
    const char *iso = csv_cell(&m->countries, c, m->country_code);
    if (!r->child && !r->forced && !r->forced_child && !r->downstream) {
        imp_left_out(l, "%s, %s (line %ld): no child labour, forced labour or downstream flag", r->good, r->country,
                     r->line);
        return VG_OK;
    }
    if (strspn(codes, " ") == strlen(codes)) {
        imp_left_out(l, "%s, %s (line %ld): no HS heading (%s)", r->good, r->country, r->line,
                     csv_cell(&m->hs, g, m->hs_reason));
        return VG_OK;
    }
    char kinds[160] = "";
    if (r->child) strcat(kinds, ", child labour");
    if (r->forced) strcat(kinds, ", forced labour");
    if (r->forced_child) strcat(kinds, ", forced child labour");
    char *note = r->downstream
                     ? imp_printf("%s: downstream good made with listed inputs from %s%s", r->good,
                                  r->derived_country && *r->derived_country ? r->derived_country : "another country",
                                  kinds)
                     : imp_printf("%s: %s", r->good, kinds + 2);
    char *copy = imp_strdup(codes);
    for (char *save = NULL, *hs = strtok_r(copy, " ", &save); hs; hs = strtok_r(NULL, " ", &save)) {
        char value[64];
        snprintf(value, sizeof value, "%s:%s", iso, hs);
        bool is_new;
        import_entry *e = imp_entry(l, value, &is_new);
        if (is_new) {
            imp_set(&e->note, note);
            imp_set(&e->source, r->source ? r->source : l->source);
            imp_set(&e->edition, r->edition ? r->edition : l->edition);
            imp_set(&e->source_name, r->good);
        } else {
            /* two goods of one country in one heading (photovoltaic ingots and wafers) */
            imp_append(&e->note, note);
            imp_append(&e->source_name, r->good);
        }
        if (r->child) ilab_flag(e, "child_labour");
        if (r->forced) ilab_flag(e, "forced_labour");
        if (r->forced_child) ilab_flag(e, "forced_child_labour");
        if (r->downstream) ilab_flag(e, "downstream");
    }
    free(copy);
    free(note);
    return VG_OK;
}

/* ---- ILAB app XML (libxml2) ---------------------------------------------------------- */

static const xmlNode *xml_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) return c;
    return NULL;
}

/* The text of a child element, malloc'd, trimmed; "" when absent. */
static char *xml_text(const xmlNode *n, const char *name)
{
    const xmlNode *c = xml_child(n, name);
    xmlChar *t = c ? xmlNodeGetContent(c) : NULL;
    const char *s = t ? (const char *)t : "";
    while (isspace((unsigned char)*s)) s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1])) len--;
    char *out = xmalloc(len + 1);
    memcpy(out, s, len);
    out[len] = '\0';
    xmlFree(t);
    return out;
}

static bool ilab_yes(const char *s)
{
    char *f = imp_fold(s);
    bool yes = !strcmp(f, "YES") || !strcmp(f, "Y") || !strcmp(f, "X") || !strcmp(f, "TRUE") || !strcmp(f, "1");
    free(f);
    return yes;
}

/* libxml2 prints some errors (bad encodings) through its generic handler even with
 * XML_PARSE_NOERROR; the import reports the last error itself, with file and line. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static int import_ilab_xml(const import_options *o, import_list *l, vg_error *err)
{
    ilab_maps m;
    if (ilab_maps_load(&m, o, err) != VG_OK) return VG_ERR;
    xmlSetGenericErrorFunc(NULL, xml_quiet);
    xmlDoc *doc = xmlReadFile(o->path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *x = xmlGetLastError();
        char msg[300];
        snprintf(msg, sizeof msg, "%s", x && x->message ? x->message : "not well-formed");
        msg[strcspn(msg, "\n")] = '\0';
        ilab_maps_free(&m);
        return error_set(err, o->path, x ? x->line : 0, NULL, "XML: %s", msg);
    }
    int rc = VG_OK;
    const xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "Goods") != 0)
        rc = error_set(err, o->path, root ? (long)xmlGetLineNo((xmlNode *)root) : 0, NULL,
                       "not ILAB goods data: the root element is not <Goods>");
    for (const xmlNode *g = root ? root->children : NULL; g && rc == VG_OK; g = g->next) {
        if (g->type != XML_ELEMENT_NODE || strcmp((const char *)g->name, "Good") != 0) continue;
        char *good = xml_text(g, "Good_Name");
        if (!*good) rc = error_set(err, o->path, xmlGetLineNo((xmlNode *)g), NULL, "<Good> without <Good_Name>");
        const xmlNode *countries = xml_child(g, "Countries");
        for (const xmlNode *c = countries ? countries->children : NULL; c && rc == VG_OK; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Country") != 0) continue;
            char *country = xml_text(c, "Country_Name"), *cl = xml_text(c, "Child_Labor"),
                 *fl = xml_text(c, "Forced_Labor"), *fcl = xml_text(c, "Forced_Child_Labor"),
                 *down = xml_text(c, "Derived_Labor_Exploitation"), *from = xml_text(c, "Derived_Country");
            ilab_record r = { good, country, from, ilab_yes(cl), ilab_yes(fl), ilab_yes(fcl), ilab_yes(down),
                              NULL, NULL, xmlGetLineNo((xmlNode *)c) };
            if (!*country) rc = error_set(err, o->path, r.line, NULL, "<Country> without <Country_Name>");
            else rc = ilab_add(l, &m, &r, err);
            free(country);
            free(cl);
            free(fl);
            free(fcl);
            free(down);
            free(from);
        }
        free(good);
    }
    xmlFreeDoc(doc);
    ilab_maps_free(&m);
    return rc;
}

/* ---- ILAB as CSV (a later edition, or changes from a notice) -------------------------- */

static int import_ilab_csv(const import_options *o, import_list *l, vg_error *err)
{
    ilab_maps m;
    if (ilab_maps_load(&m, o, err) != VG_OK) return VG_ERR;
    csv_table t;
    if (csv_table_read(&t, o->path, false, NULL, err) != VG_OK) {
        ilab_maps_free(&m);
        return VG_ERR;
    }
    int good = csv_column(&t, (const char *[]){ "GOOD", "GOODNAME", NULL });
    int country = csv_column(&t, (const char *[]){ "COUNTRY", "COUNTRYNAME", NULL });
    int cl = csv_column(&t, (const char *[]){ "CHILDLABOR", "CHILDLABOUR", NULL });
    int fl = csv_column(&t, (const char *[]){ "FORCEDLABOR", "FORCEDLABOUR", NULL });
    int fcl = csv_column(&t, (const char *[]){ "FORCEDCHILDLABOR", "FORCEDCHILDLABOUR", NULL });
    int down = csv_column(&t, (const char *[]){ "DOWNSTREAM", "DERIVEDLABOREXPLOITATION", NULL });
    int from = csv_column(&t, (const char *[]){ "DERIVEDCOUNTRY", "INPUTCOUNTRY", NULL });
    int source = csv_column(&t, (const char *[]){ "SOURCE", NULL });
    int edition = csv_column(&t, (const char *[]){ "EDITION", NULL });
    int rc = VG_OK;
    if (good < 0 || country < 0 || (cl < 0 && fl < 0))
        rc = error_set(err, o->path, t.lines[0], NULL,
                       "the header must name good, country, and child_labor and/or forced_labor");
    for (int r = 1; r < t.count && rc == VG_OK; r++) {
        ilab_record rec = { csv_cell(&t, r, good), csv_cell(&t, r, country), csv_cell(&t, r, from),
                            ilab_yes(csv_cell(&t, r, cl)), ilab_yes(csv_cell(&t, r, fl)),
                            ilab_yes(csv_cell(&t, r, fcl)), ilab_yes(csv_cell(&t, r, down)),
                            source >= 0 && *csv_cell(&t, r, source) ? csv_cell(&t, r, source) : NULL,
                            edition >= 0 && *csv_cell(&t, r, edition) ? csv_cell(&t, r, edition) : NULL, t.lines[r] };
        if (!*rec.good || !*rec.country) rc = error_set(err, o->path, t.lines[r], NULL, "a row without good or country");
        else rc = ilab_add(l, &m, &rec, err);
    }
    csv_table_free(&t);
    ilab_maps_free(&m);
    return rc;
}

/* ---- plain CSV: value, note, aliases, source, edition, source_name, flags ------------- */

static void imp_split_into(char ***items, int *count, const char *s, const char *skip)
{
    char *copy = imp_strdup(s);
    for (char *save = NULL, *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
        while (isspace((unsigned char)*p)) p++;
        size_t n = strlen(p);
        while (n && isspace((unsigned char)p[n - 1])) p[--n] = '\0';
        if (!n || imp_has_folded(*items, *count, p)) continue;
        if (skip && imp_has_folded((char **)&skip, 1, p)) continue;
        imp_add_string(items, count, p);
    }
    free(copy);
}

static int import_plain_csv(const import_options *o, import_list *l, vg_error *err)
{
    csv_table t;
    if (csv_table_read(&t, o->path, false, NULL, err) != VG_OK) return VG_ERR;
    int value = csv_column(&t, (const char *[]){ "VALUE", NULL });
    int note = csv_column(&t, (const char *[]){ "NOTE", NULL });
    int aliases = csv_column(&t, (const char *[]){ "ALIASES", NULL });
    int source = csv_column(&t, (const char *[]){ "SOURCE", NULL });
    int edition = csv_column(&t, (const char *[]){ "EDITION", NULL });
    int name = csv_column(&t, (const char *[]){ "SOURCENAME", NULL });
    int flags = csv_column(&t, (const char *[]){ "FLAGS", NULL });
    int rc = VG_OK;
    if (value < 0) rc = error_set(err, o->path, t.lines[0], NULL, "the header must name a value column");
    for (int r = 1; r < t.count && rc == VG_OK; r++) {
        l->records_read++;
        const char *v = csv_cell(&t, r, value);
        if (!*v) {
            rc = error_set(err, o->path, t.lines[r], NULL, "a row without a value");
            break;
        }
        bool is_new;
        import_entry *e = imp_entry(l, v, &is_new);
        if (!is_new) {
            rc = error_set(err, o->path, t.lines[r], NULL, "duplicate value '%s'", v);
            break;
        }
        imp_set(&e->note, csv_cell(&t, r, note));
        imp_set(&e->source, *csv_cell(&t, r, source) ? csv_cell(&t, r, source) : l->source);
        imp_set(&e->edition, *csv_cell(&t, r, edition) ? csv_cell(&t, r, edition) : l->edition);
        imp_set(&e->source_name, csv_cell(&t, r, name));
        imp_split_into(&e->aliases, &e->alias_count, csv_cell(&t, r, aliases), e->value);
        imp_split_into(&e->flags, &e->flag_count, csv_cell(&t, r, flags), NULL);
    }
    csv_table_free(&t);
    return rc;
}

/* ---- FollowTheMoney entities (cJSON) -------------------------------------------------
 * An entity is {"id", "schema", "properties": {prop: [strings]}}, one per line (the
 * aggregators' entities.ftm.json) or in one array. Named parties (Company,
 * Organization, LegalEntity, Person, PublicBody) become entries: the first name is the
 * value; the other names, alias and previousName are aliases (a former name is still
 * printed on documents); weakAlias is left out (short or generic by definition). The
 * date is the linked Sanction's listingDate or startDate, else the entity's createdAt,
 * else the aggregator's first_seen; the source is the Sanction's or entity's sourceUrl,
 * else the list's source. Other schemata (Sanction, Address, Ownership) are read for
 * their links and not listed. */

static const char *ftm_first(const cJSON *props, const char *name)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(props, name);
    const cJSON *v = cJSON_IsArray(a) ? cJSON_GetArrayItem(a, 0) : a;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void ftm_strings(const cJSON *props, const char *name, char ***items, int *count, const char *skip)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(props, name), *v;
    cJSON_ArrayForEach(v, a)
    {
        if (!cJSON_IsString(v) || !*v->valuestring) continue;
        if (skip && imp_has_folded((char **)&skip, 1, v->valuestring)) continue;
        if (imp_has_folded(*items, *count, v->valuestring)) continue;
        imp_add_string(items, count, v->valuestring);
    }
}

static bool ftm_is_party(const char *schema)
{
    static const char *const parties[] = { "Company", "Organization", "LegalEntity", "Person", "PublicBody", NULL };
    for (const char *const *p = parties; *p; p++)
        if (schema && strcmp(schema, *p) == 0) return true;
    return false;
}

/* The Sanction entity that points at id, or NULL. */
static const cJSON *ftm_sanction_of(cJSON **all, int count, const char *id)
{
    for (int i = 0; i < count; i++) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(all[i], "schema");
        if (!cJSON_IsString(s) || strcmp(s->valuestring, "Sanction") != 0) continue;
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(all[i], "properties");
        const cJSON *ent = cJSON_GetObjectItemCaseSensitive(props, "entity"), *v;
        cJSON_ArrayForEach(v, ent)
        {
            if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0) return all[i];
        }
    }
    return NULL;
}

static int import_ftm(const import_options *o, import_list *l, vg_error *err)
{
    FILE *fp = fopen(o->path, "rb");
    if (!fp) return error_set(err, o->path, 0, NULL, "cannot open: %s", strerror(errno));
    cJSON **all = NULL;
    long *lines = NULL;
    int count = 0, rc = VG_OK;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    /* one entity per line, or one JSON array over the whole file */
    int first = fgetc(fp);
    while (first != EOF && isspace(first)) first = fgetc(fp);
    if (first != EOF) ungetc(first, fp);
    if (first == '[') {
        char *text = NULL;
        size_t size = 0;
        FILE *mem = open_memstream(&text, &size);
        if (!mem) xalloc_die();
        char buf[65536];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, fp)) > 0) fwrite(buf, 1, got, mem);
        fclose(mem);
        cJSON *arr = cJSON_Parse(text);
        free(text);
        if (!cJSON_IsArray(arr)) rc = error_set(err, o->path, 1, NULL, "JSON: not an array of entities");
        int k = cJSON_GetArraySize(arr);
        all = xcalloc((size_t)k + 1, sizeof *all);
        lines = xcalloc((size_t)k + 1, sizeof *lines);
        while (rc == VG_OK && cJSON_GetArraySize(arr) > 0) {
            all[count] = cJSON_DetachItemFromArray(arr, 0);
            lines[count] = count + 1; /* the entity's position in the array */
            count++;
        }
        cJSON_Delete(arr);
    } else {
        while (rc == VG_OK && (n = getline(&line, &cap, fp)) > 0) {
            lineno++;
            if (strspn(line, " \t\r\n") == (size_t)n) continue;
            cJSON *e = cJSON_Parse(line);
            if (!cJSON_IsObject(e)) {
                cJSON_Delete(e);
                rc = error_set(err, o->path, lineno, NULL, "JSON: not an entity object");
                break;
            }
            all = xrealloc(all, sizeof *all * (size_t)(count + 1));
            lines = xrealloc(lines, sizeof *lines * (size_t)(count + 1));
            all[count] = e;
            lines[count++] = lineno;
        }
        if (rc == VG_OK && n < 0 && !feof(fp) && !ferror(fp)) xalloc_die(); /* getline refused memory */
    }
    free(line);
    fclose(fp);
    for (int i = 0; i < count && rc == VG_OK; i++) {
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(all[i], "schema");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(all[i], "id");
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(all[i], "properties");
        if (!cJSON_IsString(schema) || !cJSON_IsObject(props)) {
            rc = error_set(err, o->path, lines[i], NULL, "an entity needs a schema and properties");
            break;
        }
        if (!ftm_is_party(schema->valuestring)) continue;
        l->records_read++;
        const char *name = ftm_first(props, "name");
        if (!name || !*name) {
            imp_left_out(l, "entity %s (line %ld): no name", cJSON_IsString(id) ? id->valuestring : "?", lines[i]);
            continue;
        }
        bool is_new;
        import_entry *e = imp_entry(l, name, &is_new);
        if (!is_new) {
            imp_left_out(l, "entity %s (line %ld): same name as an earlier entity, '%s'",
                         cJSON_IsString(id) ? id->valuestring : "?", lines[i], name);
            continue;
        }
        const cJSON *sanction = cJSON_IsString(id) ? ftm_sanction_of(all, count, id->valuestring) : NULL;
        const cJSON *sprops = cJSON_GetObjectItemCaseSensitive(sanction, "properties");
        const char *date = ftm_first(sprops, "listingDate");
        if (!date) date = ftm_first(sprops, "startDate");
        if (!date) date = ftm_first(props, "createdAt");
        const cJSON *seen = cJSON_GetObjectItemCaseSensitive(all[i], "first_seen");
        char day[11] = "";
        if (!date && cJSON_IsString(seen)) {
            snprintf(day, sizeof day, "%s", seen->valuestring);
            date = day;
        }
        const char *url = ftm_first(sprops, "sourceUrl");
        if (!url) url = ftm_first(props, "sourceUrl");
        imp_set(&e->source, url ? url : l->source);
        imp_set(&e->edition, date ? date : l->edition);
        imp_set(&e->source_name, name);
        ftm_strings(props, "name", &e->aliases, &e->alias_count, name);
        ftm_strings(props, "alias", &e->aliases, &e->alias_count, name);
        ftm_strings(props, "previousName", &e->aliases, &e->alias_count, name);
        ftm_strings(props, "topics", &e->flags, &e->flag_count, NULL);
        const char *country = ftm_first(props, "country");
        if (!country) country = ftm_first(props, "jurisdiction");
        const char *program = ftm_first(sprops, "program");
        char *note = imp_printf("%s%s%s%s%s", schema->valuestring, country ? ", " : "", country ? country : "",
                                program ? "; " : "", program ? program : "");
        imp_set(&e->note, note);
        free(note);
        int weak = 0;
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(props, "weakAlias");
        if (cJSON_IsArray(w)) weak = cJSON_GetArraySize(w);
        if (weak)
            imp_left_out(l, "%s (line %ld): %d weak alias%s not used", name, lines[i], weak, weak == 1 ? "" : "es");
    }
    for (int i = 0; i < count; i++) cJSON_Delete(all[i]);
    free(all);
    free(lines);
    return rc;
}

/* ---- the whole import ---------------------------------------------------------------- */

static char *imp_file_sha256(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return imp_strdup("");
    hash_ctx *h = hash_begin();
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) hash_update(h, buf, n);
    fclose(fp);
    char hex[HASH_HEX_SIZE];
    hash_end(h, hex);
    return imp_strdup(hex);
}

int lists_import(const import_options *o, import_list *l, vg_error *err)
{
    memset(l, 0, sizeof *l);
    bool ilab = o->format && !strncmp(o->format, "ilab-", 5);
    l->name = imp_strdup(o->name);
    l->edition = imp_strdup(o->edition);
    l->source = imp_strdup(o->source ? o->source
                           : ilab ? "US Department of Labor, Bureau of International Labor Affairs (ILAB), List of "
                                    "Goods Produced by Child Labor or Forced Labor"
                                  : o->path);
    l->title = imp_strdup(o->title ? o->title
                          : ilab ? "US DoL ILAB List of Goods Produced by Child Labor or Forced Labor, as CC:HS pairs"
                                 : o->name);
    l->as_of = imp_strdup(o->as_of);
    l->review_by = imp_strdup(o->review_by);
    l->match = imp_strdup(o->match ? o->match : ilab ? "prefix" : "exact");
    l->source_sha256 = imp_file_sha256(o->path);
    if (!o->format) return error_set(err, NULL, 0, "--format", "give the source's format");
    if (!strcmp(o->format, "ilab-xml")) return import_ilab_xml(o, l, err);
    if (!strcmp(o->format, "ilab-csv")) return import_ilab_csv(o, l, err);
    if (!strcmp(o->format, "ftm")) return import_ftm(o, l, err);
    if (!strcmp(o->format, "csv")) return import_plain_csv(o, l, err);
    return error_set(err, NULL, 0, "--format", "'%s' is not ilab-xml, ilab-csv, ftm or csv", o->format);
}

/* A YAML double-quoted scalar: every list string goes out this way, so no value can be
 * read back as a number, a date, a boolean or a comment. */
static void yaml_quoted(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(fp, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", fp);
        else if (*p == '\t') fputs("\\t", fp);
        else if (*p < 0x20) fprintf(fp, "\\x%02x", *p);
        else fputc(*p, fp);
    }
    fputc('"', fp);
}

static void yaml_strings(FILE *fp, char **items, int count)
{
    fputc('[', fp);
    for (int i = 0; i < count; i++) {
        if (i) fputs(", ", fp);
        yaml_quoted(fp, items[i]);
    }
    fputc(']', fp);
}

static void yaml_field(FILE *fp, const char *key, const char *value)
{
    if (!value || !*value) return;
    fprintf(fp, "%s: ", key);
    yaml_quoted(fp, value);
    fputc('\n', fp);
}

int lists_import_write(const import_list *l, const char *command_line, FILE *fp)
{
    fprintf(fp, "# Made by `%s`: do not edit by hand; change the source or the tables, then import again.\n",
            command_line);
    fprintf(fp, "# Source file sha256 %s: %d records read, %d entries, %d left out%s\n", l->source_sha256,
            l->records_read, l->count, l->left_out_count, l->left_out_count ? ":" : ".");
    for (int i = 0; i < l->left_out_count; i++) fprintf(fp, "#   - %s\n", l->left_out[i]);
    yaml_field(fp, "name", l->name);
    yaml_field(fp, "title", l->title);
    yaml_field(fp, "source", l->source);
    yaml_field(fp, "edition", l->edition);
    yaml_field(fp, "as_of", l->as_of);
    yaml_field(fp, "review_by", l->review_by);
    fprintf(fp, "match: %s\nentries:\n", l->match);
    if (!l->count) fputs("  []\n", fp);
    for (int i = 0; i < l->count; i++) {
        const import_entry *e = &l->entries[i];
        fputs("  - { value: ", fp);
        yaml_quoted(fp, e->value);
        const char *keys[] = { "note", "source", "edition", "source_name" };
        const char *vals[] = { e->note, e->source, e->edition, e->source_name };
        for (int k = 0; k < 4; k++) {
            if (!*vals[k]) continue;
            fprintf(fp, ", %s: ", keys[k]);
            yaml_quoted(fp, vals[k]);
        }
        if (e->flag_count) {
            fputs(", flags: ", fp);
            yaml_strings(fp, e->flags, e->flag_count);
        }
        if (e->alias_count) {
            fputs(", aliases: ", fp);
            yaml_strings(fp, e->aliases, e->alias_count);
        }
        fputs(" }\n", fp);
    }
    return ferror(fp) ? VG_ERR : VG_OK;
}

void import_list_free(import_list *l)
{
    for (int i = 0; i < l->count; i++) {
        import_entry *e = &l->entries[i];
        free(e->value);
        free(e->note);
        free(e->source);
        free(e->edition);
        free(e->source_name);
        for (int k = 0; k < e->flag_count; k++) free(e->flags[k]);
        free(e->flags);
        for (int k = 0; k < e->alias_count; k++) free(e->aliases[k]);
        free(e->aliases);
    }
    free(l->entries);
    for (int i = 0; i < l->left_out_count; i++) free(l->left_out[i]);
    free(l->left_out);
    free(l->name);
    free(l->title);
    free(l->source);
    free(l->edition);
    free(l->as_of);
    free(l->review_by);
    free(l->match);
    free(l->source_sha256);
    memset(l, 0, sizeof *l);
}
