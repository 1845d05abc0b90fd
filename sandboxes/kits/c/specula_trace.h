/* Specula tracing kit for C (header only, C99, POSIX): writes trace events as NDJSON, format version 1.
 *
 *   {"tag":"trace","v":1,"seq":17,"node":"n2","event":"Receive","args":{...},"state":{...},"clock":{"n1":9,"n2":17}}
 *
 * C has no maps, so `args` and `state` are JSON object texts the caller builds (e.g. with snprintf); pass NULL for {}.
 * Each event is one write(2) on an O_APPEND file: lines never interleave and nothing is buffered in the process, so a
 * crash loses nothing already emitted. Vector clocks; clock entries are written sorted by node name, so the bytes are
 * the same as the other kits' for the same events.
 *
 *   #define SPECULA_TRACE_IMPLEMENTATION   (in exactly one .c file)
 *   #include "specula_trace.h"
 */
#ifndef SPECULA_TRACE_H
#define SPECULA_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define ST_MAX_NODES 64
#define ST_MAX_NAME 32

typedef struct {
    int count;
    char names[ST_MAX_NODES][ST_MAX_NAME];
    uint64_t ticks[ST_MAX_NODES];
} st_clock;

typedef struct {
    int fd;
    int fsync_each;
    int nodes;
    char names[ST_MAX_NODES][ST_MAX_NAME];
    uint64_t seq[ST_MAX_NODES];
    st_clock clocks[ST_MAX_NODES];
    long events;
} st_writer;

/* Opens (creating or appending) the trace file; returns 0 or -1 with errno set. */
int st_open(st_writer *w, const char *path, int fsync_each);
/* Writes one event of `node`, advancing its clock. args/state: JSON object texts or NULL. Returns 0 or -1. */
int st_emit(st_writer *w, const char *node, const char *event, const char *args, const char *state);
/* Copies `node`'s clock into *out, to carry on an outgoing message. */
void st_stamp(st_writer *w, const char *node, st_clock *out);
/* Folds a received clock into `node`'s (entry-wise maximum); then emit the receive event. */
void st_merge(st_writer *w, const char *node, const st_clock *received);
/* Syncs and closes. */
int st_close(st_writer *w);

#ifdef SPECULA_TRACE_IMPLEMENTATION
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int st__node(st_writer *w, const char *node) {
    for (int i = 0; i < w->nodes; i++)
        if (strncmp(w->names[i], node, ST_MAX_NAME) == 0) return i;
    if (w->nodes == ST_MAX_NODES || strlen(node) >= ST_MAX_NAME) return -1;
    snprintf(w->names[w->nodes], ST_MAX_NAME, "%s", node);
    memset(&w->clocks[w->nodes], 0, sizeof(st_clock));
    w->seq[w->nodes] = 0;
    return w->nodes++;
}

static uint64_t *st__tick(st_clock *c, const char *name) {
    for (int i = 0; i < c->count; i++)
        if (strncmp(c->names[i], name, ST_MAX_NAME) == 0) return &c->ticks[i];
    if (c->count == ST_MAX_NODES) return NULL;
    snprintf(c->names[c->count], ST_MAX_NAME, "%s", name);
    c->ticks[c->count] = 0;
    return &c->ticks[c->count++];
}

/* Appends a JSON string literal; returns the new length or -1 when it does not fit. */
static int st__str(char *buf, size_t cap, int len, const char *s) {
    if (len < 0) return -1;
    if ((size_t)len + 1 >= cap) return -1;
    buf[len++] = '"';
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        const char *esc = NULL;
        char tmp[8];
        if (ch == '"') esc = "\\\"";
        else if (ch == '\\') esc = "\\\\";
        else if (ch == '\n') esc = "\\n";
        else if (ch == '\t') esc = "\\t";
        else if (ch == '\r') esc = "\\r";
        else if (ch < 0x20) { snprintf(tmp, sizeof tmp, "\\u%04x", ch); esc = tmp; }
        if (esc) {
            size_t n = strlen(esc);
            if ((size_t)len + n >= cap) return -1;
            memcpy(buf + len, esc, n);
            len += (int)n;
        } else {
            if ((size_t)len + 1 >= cap) return -1;
            buf[len++] = (char)ch;
        }
    }
    if ((size_t)len + 1 >= cap) return -1;
    buf[len++] = '"';
    return len;
}

static const st_clock *st__cmp_clock;
static int st__cmp(const void *a, const void *b) {
    return strcmp(st__cmp_clock->names[*(const int *)a], st__cmp_clock->names[*(const int *)b]);
}

int st_open(st_writer *w, const char *path, int fsync_each) {
    memset(w, 0, sizeof *w);
    w->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    w->fsync_each = fsync_each;
    return w->fd < 0 ? -1 : 0;
}

int st_emit(st_writer *w, const char *node, const char *event, const char *args, const char *state) {
    int n = st__node(w, node);
    if (n < 0) { errno = ENOSPC; return -1; }
    uint64_t *own = st__tick(&w->clocks[n], node);
    if (!own) { errno = ENOSPC; return -1; }
    (*own)++;
    w->seq[n]++;
    size_t cap = 4096 + (args ? strlen(args) : 0) + (state ? strlen(state) : 0) + (size_t)ST_MAX_NODES * (ST_MAX_NAME + 24);
    char *buf = malloc(cap);
    if (!buf) return -1;
    int len = snprintf(buf, cap, "{\"tag\":\"trace\",\"v\":1,\"seq\":%llu,\"node\":", (unsigned long long)w->seq[n]);
    len = st__str(buf, cap, len, node);
    if (len >= 0) len += snprintf(buf + len, cap - (size_t)len, ",\"event\":");
    len = st__str(buf, cap, len, event);
    if (len >= 0) len += snprintf(buf + len, cap - (size_t)len, ",\"args\":%s,\"state\":%s,\"clock\":{", args ? args : "{}", state ? state : "{}");
    st_clock *c = &w->clocks[n];
    int order[ST_MAX_NODES];
    for (int i = 0; i < c->count; i++) order[i] = i;
    st__cmp_clock = c;
    qsort(order, (size_t)c->count, sizeof(int), st__cmp);
    for (int i = 0; len >= 0 && i < c->count; i++) {
        if (i > 0) buf[len++] = ',';
        len = st__str(buf, cap, len, c->names[order[i]]);
        if (len >= 0) len += snprintf(buf + len, cap - (size_t)len, ":%llu", (unsigned long long)c->ticks[order[i]]);
    }
    if (len < 0 || (size_t)len + 3 >= cap) { free(buf); errno = EOVERFLOW; return -1; }
    buf[len++] = '}';
    buf[len++] = '}';
    buf[len++] = '\n';
    ssize_t wrote = write(w->fd, buf, (size_t)len); /* one write: an atomic append */
    free(buf);
    if (wrote != len) return -1;
    w->events++;
    return w->fsync_each ? fsync(w->fd) : 0;
}

void st_stamp(st_writer *w, const char *node, st_clock *out) {
    int n = st__node(w, node);
    if (n < 0) { memset(out, 0, sizeof *out); return; }
    *out = w->clocks[n];
}

void st_merge(st_writer *w, const char *node, const st_clock *received) {
    int n = st__node(w, node);
    if (n < 0) return;
    for (int i = 0; i < received->count; i++) {
        uint64_t *t = st__tick(&w->clocks[n], received->names[i]);
        if (t && received->ticks[i] > *t) *t = received->ticks[i];
    }
}

int st_close(st_writer *w) {
    if (w->fd < 0) return 0;
    int rc = fsync(w->fd);
    rc |= close(w->fd);
    w->fd = -1;
    return rc;
}
#endif /* SPECULA_TRACE_IMPLEMENTATION */
#endif /* SPECULA_TRACE_H */
