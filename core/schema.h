/* schema.h - record kinds loaded from YAML: fields, types, key, protected/sensitive flags, derived values. */
#ifndef VIGIE_SCHEMA_H
#define VIGIE_SCHEMA_H

#include <stdbool.h>
#include "error.h"

typedef enum {
    FT_STRING, FT_INTEGER, FT_NUMBER, FT_BOOLEAN, FT_DATE, FT_DATETIME, FT_LIST
} field_type;

typedef enum {
    DERIVE_NONE,
    DERIVE_YEARS_BETWEEN,  /* whole years from from[0] to from[1] (date or datetime) */
    DERIVE_HOURS_BETWEEN,  /* whole hours from from[0] to from[1] (datetime or date) */
    DERIVE_COUNT,          /* number of items of a list */
    DERIVE_LEGS,           /* items of a list minus one, never below 0 */
    DERIVE_LOCODE_COUNTRY, /* first two letters of a UN/LOCODE */
    DERIVE_RATIO           /* from[0] / from[1], missing when from[1] is 0 */
} derive_kind;

typedef struct field {
    char *name;
    char *description;
    field_type type;
    int index;             /* slot index in a record */
    bool is_protected;     /* protected ground (sex, nationality, age...): needs justification */
    bool is_sensitive;     /* never a targeting ground (religion, health...) */
    bool is_identity;      /* an officer needs it to find the person or shipment (kept with each hit) */
    derive_kind derive;    /* DERIVE_NONE for fields read from manifests */
    int derive_from[2];    /* slot indexes of the sources, -1 when unused */
    int line;              /* line in the schema file */
} field;

typedef struct schema_field_entry schema_field_entry; /* uthash index by name */

/* A link key: an identifier records can share across bookings (a phone, a card, a
 * shipper), made of one field or of two read together (the payer's surname and given
 * names). Link predicates (core/links.c) count the records that share one. */
#define SCHEMA_MAX_LINKS 16
typedef struct schema_link {
    char *name;            /* the name scenarios use: link("contact_phone", ...) */
    int fields[2];         /* slot indexes; fields[1] is -1 for a one-field key */
    int line;              /* line in the schema file */
} schema_link;

typedef struct schema {
    char *kind;            /* "traveller", "shipment" */
    char *title;
    char *path;            /* file it came from */
    field *fields;         /* read fields first, then derived ones */
    int field_count;
    int key_index;         /* slot of the key field */
    int group_index;       /* slot of `group` (booking, bill of lading): one review item per group; -1 none */
    schema_field_entry *by_name;
    schema_link links[SCHEMA_MAX_LINKS]; /* `links:` */
    int link_count;
} schema;

typedef struct schema_set {
    schema **items;
    int count;
} schema_set;

/* Load one schema file. Derived fields inherit protected/sensitive from their sources. */
schema *schema_load(const char *path, vg_error *err);
void schema_free(schema *s);
const field *schema_field(const schema *s, const char *name); /* NULL when unknown */
int schema_field_index(const schema *s, const char *name);     /* -1 when unknown */
const char *field_type_name(field_type t);
const schema_link *schema_link_find(const schema *s, const char *name); /* NULL when unknown */

/* Load every *.yaml of dir (sorted by name). Duplicate kinds are an error. */
int schema_set_load_dir(schema_set *set, const char *dir, vg_error *err);
const schema *schema_set_find(const schema_set *set, const char *kind);
void schema_set_free(schema_set *set);

#endif
