/* Test of the C kit: cc -std=c99 -Wall -Wextra -Werror -o /tmp/t test_specula_trace.c && /tmp/t */
#define _POSIX_C_SOURCE 200809L
#define SPECULA_TRACE_IMPLEMENTATION
#include "specula_trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same events as the Go and Python kits' tests: the kits agree byte for byte. */
static const char *expected =
    "{\"tag\":\"trace\",\"v\":1,\"seq\":1,\"node\":\"n1\",\"event\":\"Send\",\"args\":{\"to\":\"n2\"},\"state\":{\"term\":1},\"clock\":{\"n1\":1}}\n"
    "{\"tag\":\"trace\",\"v\":1,\"seq\":1,\"node\":\"n2\",\"event\":\"Receive\",\"args\":{\"from\":\"n1\"},\"state\":{\"term\":1},\"clock\":{\"n1\":1,\"n2\":1}}\n"
    "{\"tag\":\"trace\",\"v\":1,\"seq\":2,\"node\":\"n1\",\"event\":\"Say \\\"hi\\\"\\n\",\"args\":{},\"state\":{},\"clock\":{\"n1\":2}}\n";

int main(void) {
    char path[] = "/tmp/specula-c-kit-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 1; }
    close(fd);
    unlink(path);
    st_writer w;
    st_clock c;
    if (st_open(&w, path, 0) != 0) { perror("st_open"); return 1; }
    if (st_emit(&w, "n1", "Send", "{\"to\":\"n2\"}", "{\"term\":1}") != 0) return 1;
    st_stamp(&w, "n1", &c);
    st_merge(&w, "n2", &c);
    if (st_emit(&w, "n2", "Receive", "{\"from\":\"n1\"}", "{\"term\":1}") != 0) return 1;
    if (st_emit(&w, "n1", "Say \"hi\"\n", NULL, NULL) != 0) return 1;
    if (st_close(&w) != 0) return 1;

    FILE *f = fopen(path, "r");
    char got[4096] = {0};
    size_t n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    unlink(path);
    got[n] = 0;
    if (strcmp(got, expected) != 0) {
        fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, expected);
        return 1;
    }
    printf("ok\n");
    return 0;
}
