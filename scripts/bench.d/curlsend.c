/*
 * The floor of sending through libcurl: one message, N times, over one SMTP connection with
 * curl_easy_perform and nothing else (no store, no rendering, no transcript). BENCHMARKS.md
 * compares it with smtp-source to tell libcurl's cost from liaisond's.
 *
 *   cc -O2 -o /tmp/curlsend scripts/bench.d/curlsend.c -lcurl
 *   /tmp/curlsend 2000 smtp://127.0.0.1:PORT message.eml
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *message;
static size_t length, offset;

static size_t readMessage(char *buffer, size_t size, size_t count, void *userdata) {
    (void)userdata;
    size_t left = length - offset, n = size * count < left ? size * count : left;
    memcpy(buffer, message + offset, n);
    offset += n;
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: curlsend COUNT URL FILE\n"); return 64; }
    int count = atoi(argv[1]);
    FILE *f = fopen(argv[3], "rb");
    if (!f) { perror(argv[3]); return 66; }
    fseek(f, 0, SEEK_END);
    length = (size_t)ftell(f);
    rewind(f);
    message = malloc(length);
    if (!message || fread(message, 1, length, f) != length) { perror(argv[3]); return 66; }
    fclose(f);

    CURL *easy = curl_easy_init();
    struct curl_slist *recipients = curl_slist_append(NULL, "<d0@example.org>");
    curl_easy_setopt(easy, CURLOPT_URL, argv[2]);
    curl_easy_setopt(easy, CURLOPT_MAIL_FROM, "<branch@example.org>");
    curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, readMessage);
    curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)length);
    for (int i = 0; i < count; i++) {
        offset = 0;
        CURLcode code = curl_easy_perform(easy);
        if (code != CURLE_OK) { fprintf(stderr, "message %d: %s\n", i, curl_easy_strerror(code)); return 69; }
    }
    curl_slist_free_all(recipients);
    curl_easy_cleanup(easy);
    free(message);
    return 0;
}
