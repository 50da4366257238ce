/* schema.c - load record kinds from YAML: fields, types, key, flags and derived values. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uthash.h>
#include <yaml.h>
#include "dir.h"
#include "schema.h"
#include "tri.h" /* FIELD_BITS_MAX */

struct schema_field_entry {
    const char *name; /* points into the field it indexes */
    int index;
    UT_hash_handle hh;
};

static const char *const schema_type_names[] = {
    "string", "integer", "number", "boolean", "date", "datetime", "list"
};

static const struct {
    const char *name;
    derive_kind kind;
    int arity;        /* number of `from` fields */
    field_type gives; /* the type the derived field must declare */
} schema_computes[] = {
    { "years_between", DERIVE_YEARS_BETWEEN, 2, FT_INTEGER },
    { "hours_between", DERIVE_HOURS_BETWEEN, 2, FT_INTEGER },
    { "count", DERIVE_COUNT, 1, FT_INTEGER },
    { "legs", DERIVE_LEGS, 1, FT_INTEGER },
    { "locode_country", DERIVE_LOCODE_COUNTRY, 1, FT_STRING },
    { "ratio", DERIVE_RATIO, 2, FT_NUMBER },
};
#define SCHEMA_COMPUTE_COUNT (sizeof schema_computes / sizeof schema_computes[0])

const char *field_type_name(field_type t)
{
    if ((unsigned)t < sizeof schema_type_names / sizeof schema_type_names[0])
        return schema_type_names[t];
    return "?";
}

/* ---- YAML document helpers --------------------------------------------------------- */

static long schema_line(const yaml_node_t *n)
{
    return n ? (long)n->start_mark.line + 1 : 0; /* libyaml marks are 0-based */
}

static const char *schema_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int schema_parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "true", "yes", "on" };
    static const char *const no[] = { "false", "no", "off" };
    for (size_t i = 0; i < 3; i++) {
        if (strcasecmp(s, yes[i]) == 0) { *out = true; return VG_OK; }
        if (strcasecmp(s, no[i]) == 0) { *out = false; return VG_OK; }
    }
    return VG_ERR;
}

static bool schema_valid_name(const char *s)
{
    if (!(isalpha((unsigned char)*s) || *s == '_')) return false;
    for (s++; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_')) return false;
    return true;
}

/* ---- building a schema ------------------------------------------------------------- */

typedef struct schema_builder {
    schema *s;
    int capacity;
    const char *path;
    yaml_document_t *doc;
} schema_builder;

static char *schema_strdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p) abort();
    return p;
}

static void schema_index_add(schema *s, int index)
{
    schema_field_entry *e = malloc(sizeof *e);
    if (!e) abort();
    e->name = s->fields[index].name;
    e->index = index;
    HASH_ADD_KEYPTR(hh, s->by_name, e->name, strlen(e->name), e);
}

/* One entry of `fields:` or `derived:`: a mapping with name, type, description,
 * protected, sensitive and, for derived ones, compute and from. */
static int schema_add_field(schema_builder *b, yaml_node_t *node, bool derived, vg_error *err)
{
    schema *s = b->s;
    long line = schema_line(node);
    if (node->type != YAML_MAPPING_NODE)
        return error_set(err, b->path, line, NULL,
                         "each entry of '%s' must be a mapping", derived ? "derived" : "fields");

    const char *name = NULL, *type = NULL, *description = NULL, *compute = NULL;
    yaml_node_t *from = NULL;
    bool is_protected = false, is_sensitive = false, is_identity = false;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(b->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(b->doc, p->value);
        const char *key = schema_scalar(kn);
        const char *val = schema_scalar(vn);
        if (!key) return error_set(err, b->path, schema_line(kn), NULL, "keys must be plain names");
        if (strcmp(key, "from") == 0 && derived) { from = vn; continue; }
        if (!val)
            return error_set(err, b->path, schema_line(vn), name, "'%s' must be a single value", key);
        if (strcmp(key, "name") == 0) name = val;
        else if (strcmp(key, "type") == 0) type = val;
        else if (strcmp(key, "description") == 0) description = val;
        else if (strcmp(key, "compute") == 0 && derived) compute = val;
        else if (strcmp(key, "protected") == 0 || strcmp(key, "sensitive") == 0 || strcmp(key, "identity") == 0) {
            bool *flag = key[0] == 'p' ? &is_protected : key[0] == 's' ? &is_sensitive : &is_identity;
            if (schema_parse_bool(val, flag) != VG_OK)
                return error_set(err, b->path, schema_line(vn), name,
                                 "'%s' must be true or false, not '%s'", key, val);
        } else {
            return error_set(err, b->path, schema_line(kn), name, "unknown key '%s'", key);
        }
    }
    if (!name || !*name) return error_set(err, b->path, line, NULL, "field without a name");
    if (!schema_valid_name(name))
        return error_set(err, b->path, line, name,
                         "field names are letters, digits and '_', starting with a letter");
    if (schema_field(s, name)) return error_set(err, b->path, line, name, "duplicate field");
    if (!type) return error_set(err, b->path, line, name, "missing 'type'");
    int t = -1;
    for (int i = 0; i <= FT_LIST; i++)
        if (strcmp(type, schema_type_names[i]) == 0) t = i;
    if (t < 0)
        return error_set(err, b->path, line, name,
                         "unknown type '%s' (string, integer, number, boolean, date, datetime, list)",
                         type);

    field f = { .type = (field_type)t, .derive = DERIVE_NONE, .derive_from = { -1, -1 },
                .is_protected = is_protected, .is_sensitive = is_sensitive, .is_identity = is_identity,
                .line = (int)line };
    if (derived) {
        if (!compute) return error_set(err, b->path, line, name, "derived field without 'compute'");
        size_t c = 0;
        while (c < SCHEMA_COMPUTE_COUNT && strcmp(compute, schema_computes[c].name) != 0) c++;
        if (c == SCHEMA_COMPUTE_COUNT)
            return error_set(err, b->path, line, name,
                             "unknown compute '%s' (years_between, hours_between, count, legs, "
                             "locode_country, ratio)", compute);
        if (f.type != schema_computes[c].gives)
            return error_set(err, b->path, line, name, "compute %s gives %s, not %s", compute,
                             field_type_name(schema_computes[c].gives), type);
        int arity = schema_computes[c].arity;
        if (!from || from->type != YAML_SEQUENCE_NODE ||
            from->data.sequence.items.top - from->data.sequence.items.start != arity)
            return error_set(err, b->path, line, name, "compute %s needs 'from' with %d field%s",
                             compute, arity, arity > 1 ? "s" : "");
        for (int i = 0; i < arity; i++) {
            yaml_node_t *sn = yaml_document_get_node(b->doc, from->data.sequence.items.start[i]);
            const char *src = schema_scalar(sn);
            const field *sf = src ? schema_field(s, src) : NULL;
            if (!sf)
                return error_set(err, b->path, line, name, "unknown source field '%s'",
                                 src ? src : "?");
            bool ok;
            switch (schema_computes[c].kind) {
            case DERIVE_YEARS_BETWEEN:
            case DERIVE_HOURS_BETWEEN: ok = sf->type == FT_DATE || sf->type == FT_DATETIME; break;
            case DERIVE_COUNT:
            case DERIVE_LEGS: ok = sf->type == FT_LIST; break;
            case DERIVE_LOCODE_COUNTRY: ok = sf->type == FT_STRING; break;
            default: ok = sf->type == FT_INTEGER || sf->type == FT_NUMBER; break;
            }
            if (!ok)
                return error_set(err, b->path, line, name, "compute %s cannot use %s field '%s'",
                                 compute, field_type_name(sf->type), src);
            f.derive_from[i] = sf->index;
            /* a value computed from a protected or sensitive ground is one as well */
            f.is_protected = f.is_protected || sf->is_protected;
            f.is_sensitive = f.is_sensitive || sf->is_sensitive;
        }
        f.derive = schema_computes[c].kind;
    } else if (compute || from) {
        return error_set(err, b->path, line, name, "'compute' belongs under 'derived'");
    }

    if (s->field_count == FIELD_BITS_MAX)
        return error_set(err, b->path, line, name, "a schema has at most %d fields (read and derived)", FIELD_BITS_MAX);
    if (s->field_count == b->capacity) {
        b->capacity = b->capacity ? b->capacity * 2 : 32;
        field *grown = realloc(s->fields, (size_t)b->capacity * sizeof *grown);
        if (!grown) abort();
        s->fields = grown;
    }
    f.index = s->field_count;
    f.name = schema_strdup(name);
    f.description = schema_strdup(description);
    s->fields[s->field_count++] = f;
    schema_index_add(s, f.index);
    return VG_OK;
}

static int schema_add_fields(schema_builder *b, yaml_node_t *seq, bool derived, vg_error *err)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return error_set(err, b->path, schema_line(seq), NULL, "'%s' must be a sequence",
                         derived ? "derived" : "fields");
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++)
        if (schema_add_field(b, yaml_document_get_node(b->doc, *it), derived, err) != VG_OK)
            return VG_ERR;
    return VG_OK;
}

/* `links:` a sequence of link keys: a field name, or { name: N, fields: [a, b] } for a
 * key made of two string fields read together. */
static int schema_add_links(schema_builder *b, yaml_node_t *seq, vg_error *err)
{
    schema *s = b->s;
    if (seq->type != YAML_SEQUENCE_NODE)
        return error_set(err, b->path, schema_line(seq), "links", "'links' must be a sequence");
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = yaml_document_get_node(b->doc, *it);
        long line = schema_line(n);
        const char *name = schema_scalar(n);
        const char *sources[2] = { name, NULL };
        int source_count = 1;
        if (!name && n->type == YAML_MAPPING_NODE) {
            yaml_node_t *from = NULL;
            for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
                const char *k = schema_scalar(yaml_document_get_node(b->doc, p->key));
                yaml_node_t *vn = yaml_document_get_node(b->doc, p->value);
                if (k && strcmp(k, "name") == 0) name = schema_scalar(vn);
                else if (k && strcmp(k, "fields") == 0) from = vn;
                else return error_set(err, b->path, line, "links", "unknown key '%s' in a link (name, fields)", k ? k : "?");
            }
            int count = from && from->type == YAML_SEQUENCE_NODE
                            ? (int)(from->data.sequence.items.top - from->data.sequence.items.start) : 0;
            if (!name || count < 1 || count > 2)
                return error_set(err, b->path, line, "links", "a link is a field name or { name: N, fields: [one or two fields] }");
            source_count = count;
            for (int i = 0; i < count; i++)
                sources[i] = schema_scalar(yaml_document_get_node(b->doc, from->data.sequence.items.start[i]));
        }
        if (!name || !*name) return error_set(err, b->path, line, "links", "a link needs a name");
        if (s->link_count == SCHEMA_MAX_LINKS)
            return error_set(err, b->path, line, name, "a schema has at most %d links", SCHEMA_MAX_LINKS);
        if (schema_link_find(s, name)) return error_set(err, b->path, line, name, "link '%s' is declared twice", name);
        schema_link l = { .fields = { -1, -1 }, .line = (int)line };
        for (int i = 0; i < source_count; i++) {
            const field *f = sources[i] ? schema_field(s, sources[i]) : NULL;
            if (!f || f->derive != DERIVE_NONE || f->type != FT_STRING)
                return error_set(err, b->path, line, name, "link '%s': '%s' is not a read string field", name,
                                 sources[i] ? sources[i] : "?");
            l.fields[i] = f->index;
        }
        l.name = schema_strdup(name);
        s->links[s->link_count++] = l;
    }
    return VG_OK;
}

const schema_link *schema_link_find(const schema *s, const char *name)
{
    for (int i = 0; name && i < s->link_count; i++)
        if (strcmp(s->links[i].name, name) == 0) return &s->links[i];
    return NULL;
}

static int schema_build(schema_builder *b, vg_error *err)
{
    schema *s = b->s;
    yaml_node_t *root = yaml_document_get_root_node(b->doc);
    if (!root) return error_set(err, b->path, 0, NULL, "empty schema file");
    if (root->type != YAML_MAPPING_NODE)
        return error_set(err, b->path, schema_line(root), NULL, "a schema is a mapping");

    const char *kind = NULL, *title = NULL, *key = NULL, *group = NULL;
    yaml_node_t *fields = NULL, *derived = NULL, *links = NULL, *key_node = NULL, *group_node = NULL;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(b->doc, p->key);
        yaml_node_t *vn = yaml_document_get_node(b->doc, p->value);
        const char *k = schema_scalar(kn);
        if (!k) return error_set(err, b->path, schema_line(kn), NULL, "keys must be plain names");
        if (strcmp(k, "fields") == 0) { fields = vn; continue; }
        if (strcmp(k, "derived") == 0) { derived = vn; continue; }
        if (strcmp(k, "links") == 0) { links = vn; continue; }
        const char *v = schema_scalar(vn);
        if (!v) return error_set(err, b->path, schema_line(vn), NULL, "'%s' must be a single value", k);
        if (strcmp(k, "kind") == 0) kind = v;
        else if (strcmp(k, "title") == 0) title = v;
        else if (strcmp(k, "key") == 0) { key = v; key_node = vn; }
        else if (strcmp(k, "group") == 0) { group = v; group_node = vn; }
        else return error_set(err, b->path, schema_line(kn), NULL, "unknown key '%s'", k);
    }
    if (!kind || !*kind) return error_set(err, b->path, schema_line(root), NULL, "missing 'kind'");
    if (!key || !*key) return error_set(err, b->path, schema_line(root), NULL, "missing 'key'");
    if (!fields) return error_set(err, b->path, schema_line(root), NULL, "missing 'fields'");
    s->kind = schema_strdup(kind);
    s->title = schema_strdup(title ? title : kind);

    /* read fields first, then derived ones, whatever the order in the file */
    if (schema_add_fields(b, fields, false, err) != VG_OK) return VG_ERR;
    if (derived && schema_add_fields(b, derived, true, err) != VG_OK) return VG_ERR;

    const field *kf = schema_field(s, key);
    if (!kf || kf->derive != DERIVE_NONE)
        return error_set(err, b->path, schema_line(key_node), key, "the key is not a read field");
    if (kf->type != FT_STRING)
        return error_set(err, b->path, schema_line(key_node), key, "the key must be a string field");
    s->key_index = kf->index;
    if (group) {
        const field *gf = schema_field(s, group);
        if (!gf || gf->derive != DERIVE_NONE || gf->type != FT_STRING)
            return error_set(err, b->path, schema_line(group_node), group,
                             "the group (booking or shipment reference) must be a read string field");
        s->group_index = gf->index;
    }
    if (links) return schema_add_links(b, links, err);
    return VG_OK;
}

schema *schema_load(const char *path, vg_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        error_set(err, path, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) abort();
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &doc)) {
        error_set(err, path, (long)parser.problem_mark.line + 1, NULL, "YAML syntax error: %s",
                  parser.problem ? parser.problem : "unknown");
        yaml_parser_delete(&parser);
        fclose(fp);
        return NULL;
    }
    schema *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->path = schema_strdup(path);
    s->key_index = -1;
    s->group_index = -1;
    schema_builder b = { .s = s, .path = path, .doc = &doc };
    int rc = schema_build(&b, err);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(fp);
    if (rc != VG_OK) {
        schema_free(s);
        return NULL;
    }
    return s;
}

void schema_free(schema *s)
{
    if (!s) return;
    schema_field_entry *e, *tmp;
    HASH_ITER(hh, s->by_name, e, tmp) {
        HASH_DEL(s->by_name, e);
        free(e);
    }
    for (int i = 0; i < s->field_count; i++) {
        free(s->fields[i].name);
        free(s->fields[i].description);
    }
    free(s->fields);
    for (int i = 0; i < s->link_count; i++) free(s->links[i].name);
    free(s->kind);
    free(s->title);
    free(s->path);
    free(s);
}

const field *schema_field(const schema *s, const char *name)
{
    int i = schema_field_index(s, name);
    return i < 0 ? NULL : &s->fields[i];
}

int schema_field_index(const schema *s, const char *name)
{
    if (!s || !name) return -1;
    schema_field_entry *e;
    HASH_FIND_STR(s->by_name, name, e);
    return e ? e->index : -1;
}

/* ---- a directory of schemas -------------------------------------------------------- */

int schema_set_load_dir(schema_set *set, const char *dir, vg_error *err)
{
    set->items = NULL;
    set->count = 0;
    dir_names files;
    if (dir_list(dir, ".yaml", &files) != 0)
        return error_set(err, dir, 0, NULL, "cannot open schema directory: %s", strerror(errno));
    int rc = VG_OK;
    set->items = calloc((size_t)files.count + 1, sizeof *set->items);
    if (!set->items) abort();
    for (int i = 0; i < files.count && rc == VG_OK; i++) {
        char *path = path_join(dir, files.names[i]);
        schema *s = schema_load(path, err);
        if (!s) {
            rc = VG_ERR;
        } else if (schema_set_find(set, s->kind)) {
            rc = error_set(err, path, 1, NULL, "duplicate kind '%s' (also in %s)", s->kind,
                           schema_set_find(set, s->kind)->path);
            schema_free(s);
        } else {
            set->items[set->count++] = s;
        }
        free(path);
    }
    dir_names_free(&files);
    if (rc != VG_OK) schema_set_free(set);
    return rc;
}

const schema *schema_set_find(const schema_set *set, const char *kind)
{
    if (!set || !kind) return NULL;
    for (int i = 0; i < set->count; i++)
        if (strcmp(set->items[i]->kind, kind) == 0) return set->items[i];
    return NULL;
}

void schema_set_free(schema_set *set)
{
    if (!set) return;
    for (int i = 0; i < set->count; i++) schema_free(set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}
