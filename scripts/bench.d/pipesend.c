/*
 * The floor of what liaisond's send loop does since it writes its own SMTP commands: libcurl
 * opens the connection (CURLOPT_CONNECT_ONLY: greeting, EHLO), then one message N times with
 * the envelope pipelined (MAIL FROM, RCPT TO and DATA in one write, RFC 2920) and the message
 * with its end of data after the 354. NOPIPE=1 sends one command at a time instead, as
 * smtp-source and libcurl's own SMTP client do. No store, no rendering, no transcript.
 * BENCHMARKS.md compares it with smtp-source and curlsend.c.
 *
 *   cc -O2 -o /tmp/pipesend scripts/bench.d/pipesend.c -lcurl
 *   /tmp/pipesend 2000 smtp://127.0.0.1:PORT message.eml   (CRLF lines, no line starting with ".")
 */
#include <curl/curl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static CURL *easy;
static curl_socket_t sock;
static char input[65536];
static size_t inputLength;

static void sendAll(const char *p, size_t n) {
    while (n > 0) {
        size_t sent = 0;
        CURLcode code = curl_easy_send(easy, p, n, &sent);
        if (code == CURLE_AGAIN) {
            struct pollfd fd = {sock, POLLOUT, 0};
            poll(&fd, 1, 1000);
            continue;
        }
        if (code != CURLE_OK) { fprintf(stderr, "send: %s\n", curl_easy_strerror(code)); exit(69); }
        p += sent;
        n -= sent;
    }
}

/* The next complete reply (its last line has a space or nothing after the code); its code. */
static int reply(void) {
    for (;;) {
        size_t start = 0;
        for (size_t i = 0; i < inputLength; i++) {
            if (input[i] != '\n') continue;
            if (i - start >= 3 && (i - start == 4 || input[start + 3] != '-')) {
                int code = atoi(input + start);
                memmove(input, input + i + 1, inputLength - i - 1);
                inputLength -= i + 1;
                return code;
            }
            start = i + 1;
        }
        size_t got = 0;
        CURLcode code = curl_easy_recv(easy, input + inputLength, sizeof input - inputLength, &got);
        if (code == CURLE_AGAIN) {
            struct pollfd fd = {sock, POLLIN, 0};
            poll(&fd, 1, 1000);
            continue;
        }
        if (code != CURLE_OK || got == 0) { fprintf(stderr, "recv: %s\n", curl_easy_strerror(code)); exit(69); }
        inputLength += got;
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: pipesend COUNT URL FILE\n"); return 64; }
    int count = atoi(argv[1]), pipelined = getenv("NOPIPE") == NULL;
    FILE *f = fopen(argv[3], "rb");
    if (!f) { perror(argv[3]); return 66; }
    fseek(f, 0, SEEK_END);
    size_t length = (size_t)ftell(f);
    rewind(f);
    char *message = malloc(length + 3);
    if (!message || fread(message, 1, length, f) != length) { perror(argv[3]); return 66; }
    fclose(f);
    memcpy(message + length, ".\r\n", 3);

    easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, argv[2]);
    curl_easy_setopt(easy, CURLOPT_CONNECT_ONLY, 1L);
    CURLcode code = curl_easy_perform(easy);
    if (code != CURLE_OK) { fprintf(stderr, "connect: %s\n", curl_easy_strerror(code)); return 69; }
    curl_easy_getinfo(easy, CURLINFO_ACTIVESOCKET, &sock);
    const char *from = "MAIL FROM:<branch@example.org>\r\n", *to = "RCPT TO:<d0@example.org>\r\n", *data = "DATA\r\n";
    char envelope[256];
    snprintf(envelope, sizeof envelope, "%s%s%s", from, to, data);
    for (int i = 0; i < count; i++) {
        if (pipelined) {
            sendAll(envelope, strlen(envelope));
            if (reply() != 250 || reply() != 250 || reply() != 354) return 70;
        } else {
            sendAll(from, strlen(from));
            if (reply() != 250) return 70;
            sendAll(to, strlen(to));
            if (reply() != 250) return 70;
            sendAll(data, strlen(data));
            if (reply() != 354) return 70;
        }
        sendAll(message, length + 3);
        if (reply() != 250) return 71;
    }
    sendAll("QUIT\r\n", 6);
    reply();
    curl_easy_cleanup(easy);
    free(message);
    return 0;
}
