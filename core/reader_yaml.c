/* reader_yaml.c - YAML manifests: a sequence of mappings, streamed with libyaml's event API. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "reader_impl.h"
#include "xalloc.h"

typedef struct yaml_state {
    FILE *fp;
    yaml_parser_t parser;
    bool parser_ready;
    long long fed;   /* bytes handed to libyaml so far */
    bool no_records; /* the stream holds no document at all */
} yaml_state;

/* libyaml reads through this so that the bytes it took from the file are known. */
static int yaml_read_file(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    yaml_state *st = data;
    *size_read = fread(buffer, 1, size, st->fp);
    st->fed += (long long)*size_read;
    return !ferror(st->fp);
}

static int yaml_syntax_error(reader *r, yaml_state *st, vg_error *err)
{
    yaml_parser_t *p = &st->parser;
    if (p->error == YAML_MEMORY_ERROR) xalloc_die();
    if (p->error == YAML_READER_ERROR && ferror(st->fp))
        return error_set(err, r->path, 0, NULL, "read error: %s", strerror(errno));
    long line = (long)p->problem_mark.line + 1, context_line = (long)p->context_mark.line + 1;
    char context[160] = "";
    if (p->context && context_line != line)
        snprintf(context, sizeof context, " %s that starts at line %ld", p->context, context_line);
    else if (p->context)
        snprintf(context, sizeof context, " %s", p->context);
    return error_set(err, r->path, line, NULL, "YAML syntax error: %s%s",
                     p->problem ? p->problem : "malformed input", context);
}

static int yaml_next_event(reader *r, yaml_state *st, yaml_event_t *ev, vg_error *err)
{
    if (!yaml_parser_parse(&st->parser, ev)) return yaml_syntax_error(r, st, err);
    /* libyaml counts characters; for ASCII that is bytes and it never runs ahead */
    if ((long long)ev->end_mark.index > r->bytes_read) r->bytes_read = (long long)ev->end_mark.index;
    return VG_OK;
}

/* Consume the rest of a node whose first event is ev (ev is deleted). */
static int yaml_skip_node(reader *r, yaml_state *st, yaml_event_t *ev, vg_error *err)
{
    int depth = ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;
    yaml_event_delete(ev);
    while (depth > 0) {
        yaml_event_t e;
        if (yaml_next_event(r, st, &e, err) != VG_OK) return VG_ERR;
        if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) depth++;
        else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT) depth--;
        yaml_event_delete(&e);
    }
    return VG_OK;
}

static const char *yaml_node_kind(yaml_event_type_t t)
{
    switch (t) {
    case YAML_SEQUENCE_START_EVENT: return "a sequence";
    case YAML_MAPPING_START_EVENT: return "a mapping";
    case YAML_ALIAS_EVENT: return "an alias";
    default: return "a scalar";
    }
}

/* A plain ~, null or empty scalar is YAML's null: the field is missing. */
static bool yaml_is_null(const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

/* Parse from the start of the stream to the start of the record sequence. */
static int yaml_start(reader *r, yaml_state *st, vg_error *err)
{
    if (!yaml_parser_initialize(&st->parser)) xalloc_die();
    st->parser_ready = true;
    yaml_parser_set_input(&st->parser, yaml_read_file, st);
    yaml_event_t ev;
    for (;;) {
        if (yaml_next_event(r, st, &ev, err) != VG_OK) return VG_ERR;
        yaml_event_type_t t = ev.type;
        long line = (long)ev.start_mark.line + 1;
        bool is_null = t == YAML_SCALAR_EVENT && yaml_is_null(&ev);
        yaml_event_delete(&ev);
        if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT) continue;
        if (t == YAML_STREAM_END_EVENT || (t == YAML_SCALAR_EVENT && is_null)) {
            st->no_records = true; /* an empty file or an empty document */
            r->bytes_read = st->fed;
            return VG_OK;
        }
        if (t == YAML_SEQUENCE_START_EVENT) return VG_OK;
        return error_set(err, r->path, line, NULL,
                         "a YAML manifest is a sequence of records, not %s", yaml_node_kind(t));
    }
}

static void yaml_stop(yaml_state *st)
{
    if (st->parser_ready) yaml_parser_delete(&st->parser);
    st->parser_ready = false;
}

/* The key names of the first record, to choose the schema; reading starts over after. */
static int yaml_infer(reader *r, yaml_state *st, vg_error *err)
{
    if (yaml_start(r, st, err) != VG_OK) return VG_ERR;
    const char **names = NULL;
    char **owned = NULL;
    int count = 0, capacity = 0, rc = VG_OK;
    long line = 0;
    yaml_event_t ev;
    if (st->no_records) {
        rc = error_set(err, r->path, 0, NULL, "cannot tell the record kind: the file has no record");
    } else if ((rc = yaml_next_event(r, st, &ev, err)) == VG_OK) {
        line = (long)ev.start_mark.line + 1;
        if (ev.type != YAML_MAPPING_START_EVENT) {
            yaml_event_delete(&ev);
            rc = error_set(err, r->path, line, NULL,
                           "cannot tell the record kind: the first record is not a mapping");
        } else {
            yaml_event_delete(&ev);
            for (;;) {
                if ((rc = yaml_next_event(r, st, &ev, err)) != VG_OK) break;
                if (ev.type == YAML_MAPPING_END_EVENT) {
                    yaml_event_delete(&ev);
                    break;
                }
                if (count == capacity) {
                    capacity = capacity ? capacity * 2 : 32;
                    owned = xrealloc(owned, (size_t)capacity * sizeof *owned);
                }
                owned[count++] = ev.type == YAML_SCALAR_EVENT ? xstrdup((const char *)ev.data.scalar.value) : NULL;
                if ((rc = yaml_skip_node(r, st, &ev, err)) != VG_OK) break;  /* the key */
                if ((rc = yaml_next_event(r, st, &ev, err)) != VG_OK) break; /* the value */
                if ((rc = yaml_skip_node(r, st, &ev, err)) != VG_OK) break;
            }
        }
    }
    names = (const char **)owned;
    if (rc == VG_OK) rc = reader_choose_schema(r, NULL, names, count, line, err);
    for (int i = 0; i < count; i++) free(owned[i]);
    free(owned);
    yaml_stop(st);
    if (rc == VG_OK && fseeko(st->fp, 0, SEEK_SET) != 0)
        rc = error_set(err, r->path, 0, NULL, "cannot go back to the start: %s", strerror(errno));
    st->fed = 0;
    r->bytes_read = 0;
    return rc;
}

/* The value of one field: a scalar, or a sequence for a list field. ev is its first
 * event (deleted here). *rc turns VG_ERR at the first value that does not fit. */
static int yaml_read_value(reader *r, yaml_state *st, record *rec, int slot, yaml_event_t *ev,
                           int *rc, vg_error *err)
{
    const field *f = &r->schema->fields[slot];
    if (ev->type == YAML_SCALAR_EVENT) {
        if (*rc == VG_OK && !yaml_is_null(ev))
            *rc = reader_convert(r, rec, slot, (const char *)ev->data.scalar.value, ev->data.scalar.length, err);
        yaml_event_delete(ev);
        return VG_OK;
    }
    if (ev->type == YAML_SEQUENCE_START_EVENT && f->type == FT_LIST) {
        yaml_event_delete(ev);
        reader_list_begin(r);
        for (;;) {
            yaml_event_t item;
            if (yaml_next_event(r, st, &item, err) != VG_OK) return VG_ERR;
            if (item.type == YAML_SEQUENCE_END_EVENT) {
                yaml_event_delete(&item);
                break;
            }
            if (item.type != YAML_SCALAR_EVENT) {
                if (*rc == VG_OK)
                    *rc = error_set(err, r->path, rec->line, f->name,
                                    "expected a list of strings, got an item that is %s",
                                    yaml_node_kind(item.type));
                if (yaml_skip_node(r, st, &item, err) != VG_OK) return VG_ERR;
                continue;
            }
            if (!yaml_is_null(&item))
                reader_list_add(r, rec, (const char *)item.data.scalar.value, item.data.scalar.length);
            yaml_event_delete(&item);
        }
        if (*rc == VG_OK) reader_list_end(r, rec, slot);
        return VG_OK;
    }
    if (*rc == VG_OK) {
        if (ev->type == YAML_ALIAS_EVENT)
            *rc = error_set(err, r->path, rec->line, f->name, "aliases are not supported in manifests");
        else
            *rc = reader_wrong_type(r, rec, slot, yaml_node_kind(ev->type), err);
    }
    return yaml_skip_node(r, st, ev, err);
}

static read_status yaml_next(reader *r, record *rec, vg_error *err)
{
    yaml_state *st = r->state;
    if (st->no_records) return READ_EOF;
    yaml_event_t ev;
    if (yaml_next_event(r, st, &ev, err) != VG_OK) return READ_FATAL;
    rec->line = (long)ev.start_mark.line + 1;

    if (ev.type == YAML_SEQUENCE_END_EVENT) {
        yaml_event_delete(&ev);
        /* the rest must be the end of the one document */
        for (;;) {
            if (yaml_next_event(r, st, &ev, err) != VG_OK) return READ_FATAL;
            yaml_event_type_t t = ev.type;
            long line = (long)ev.start_mark.line + 1;
            yaml_event_delete(&ev);
            if (t == YAML_STREAM_END_EVENT) break;
            if (t == YAML_DOCUMENT_START_EVENT) {
                error_set(err, r->path, line, NULL, "a YAML manifest holds one document");
                return READ_FATAL;
            }
        }
        r->bytes_read = st->fed;
        st->no_records = true;
        return READ_EOF;
    }
    if (ev.type != YAML_MAPPING_START_EVENT) {
        error_set(err, r->path, rec->line, READER_WHOLE_LINE, "a record is a mapping of field names to values, not %s",
                  yaml_node_kind(ev.type));
        return yaml_skip_node(r, st, &ev, err) == VG_OK ? READ_REJECT : READ_FATAL;
    }
    yaml_event_delete(&ev);

    int rc = VG_OK;
    for (;;) {
        if (yaml_next_event(r, st, &ev, err) != VG_OK) return READ_FATAL;
        if (ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        int slot = -1;
        if (ev.type != YAML_SCALAR_EVENT) {
            if (rc == VG_OK)
                rc = error_set(err, r->path, rec->line, NULL, "a field name is a plain string, not %s",
                               yaml_node_kind(ev.type));
        } else {
            const char *name = (const char *)ev.data.scalar.value;
            slot = reader_slot(r, name);
            if (slot >= 0 && !reader_first_time(r, slot)) {
                if (rc == VG_OK) rc = error_set(err, r->path, rec->line, name, "given twice in the record");
                slot = -1;
            }
        }
        if (yaml_skip_node(r, st, &ev, err) != VG_OK) return READ_FATAL; /* the key */
        if (yaml_next_event(r, st, &ev, err) != VG_OK) return READ_FATAL;
        int ok = slot >= 0 ? yaml_read_value(r, st, rec, slot, &ev, &rc, err)
                           : yaml_skip_node(r, st, &ev, err);
        if (ok != VG_OK) return READ_FATAL;
    }
    return rc == VG_OK ? reader_finish(r, rec, err) : READ_REJECT;
}

static void yaml_close(reader *r)
{
    yaml_state *st = r->state;
    if (!st) return;
    yaml_stop(st);
    if (st->fp) fclose(st->fp);
    free(st);
    r->state = NULL;
}

static const reader_format yaml_format = { yaml_next, yaml_close, NULL, NULL, NULL, false }; /* streamed only */

int reader_yaml_open(reader *r, const char *kind, vg_error *err)
{
    yaml_state *st = xcalloc(1, sizeof *st);
    r->state = st;
    r->format = &yaml_format;
    st->fp = reader_fopen(r, err);
    if (!st->fp) return VG_ERR;
    if (kind) {
        if (reader_choose_schema(r, kind, NULL, 0, 0, err) != VG_OK) return VG_ERR;
    } else if (reader_keep_for_rewind(r), yaml_infer(r, st, err) != VG_OK) {
        return VG_ERR;
    }
    return yaml_start(r, st, err);
}
