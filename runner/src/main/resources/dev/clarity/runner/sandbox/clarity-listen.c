/*
 * clarity-listen: run first in a tool step's sandbox. Listens on the sandbox's own 127.0.0.1:PORT and hands the
 * listening socket to the model gateway over the unix socket HANDOFF (SCM_RIGHTS), so that the gateway accepts the
 * tool's connections itself and no forwarder sits between them. Waits for the gateway's answer: exit 0 when it took
 * the socket, 1 otherwise (the step then starts its forwarder instead). Usage: clarity-listen HANDOFF PORT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static int fail(const char *what) {
    fprintf(stderr, "clarity-listen: %s: ", what);
    perror(NULL);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: clarity-listen HANDOFF PORT\n");
        return 2;
    }
    int port = atoi(argv[2]);
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) return fail("socket");
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short) port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) < 0) return fail("bind");
    if (listen(listener, 128) < 0) return fail("listen");

    int handoff = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (handoff < 0) return fail("socket");
    struct sockaddr_un gateway;
    memset(&gateway, 0, sizeof gateway);
    gateway.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof gateway.sun_path) {
        fprintf(stderr, "clarity-listen: the handoff path is too long\n");
        return 1;
    }
    strcpy(gateway.sun_path, argv[1]);
    if (connect(handoff, (struct sockaddr *) &gateway, sizeof gateway) < 0) return fail("connect");
    struct timeval wait = {10, 0};
    setsockopt(handoff, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);

    char byte = 'L';
    struct iovec iov = {&byte, 1};
    union {
        char buffer[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = control.buffer;
    message.msg_controllen = sizeof control.buffer;
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &listener, sizeof(int));
    if (sendmsg(handoff, &message, 0) != 1) return fail("sendmsg");

    char answer = 0;
    ssize_t n = read(handoff, &answer, 1);
    if (n != 1 || answer != '+') {
        fprintf(stderr, "clarity-listen: the gateway did not take the listening socket\n");
        return 1;
    }
    return 0;
}
