// Runs a program with a private /etc/resolv.conf: in a new mount namespace, FILE is bind-mounted
// over /etc/resolv.conf, so a peer that only asks the system resolver (posttls-finger) asks the
// test's validating resolver instead, while the rest of the machine is untouched. Needs
// CAP_SYS_ADMIN. Usage: with_resolv_conf FILE PROGRAM [ARGS...]; exit 2 on a set-up error.
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: with_resolv_conf FILE PROGRAM [ARGS...]\n");
    return 2;
  }
  if (unshare(CLONE_NEWNS) != 0) {
    std::perror("with_resolv_conf: unshare(CLONE_NEWNS)");
    return 2;
  }
  // Keep the bind mount inside this namespace.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    std::perror("with_resolv_conf: making / private");
    return 2;
  }
  if (mount(argv[1], "/etc/resolv.conf", nullptr, MS_BIND, nullptr) != 0) {
    std::perror("with_resolv_conf: bind-mounting over /etc/resolv.conf");
    return 2;
  }
  execvp(argv[2], argv + 2);
  std::perror("with_resolv_conf: exec");
  return 127;
}
