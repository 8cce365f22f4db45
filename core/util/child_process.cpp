#include "core/util/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "core/util/command_line.hpp"

extern char** environ;

namespace tlsrpt::util {
namespace {

using Clock = std::chrono::steady_clock;

std::size_t rss_kb(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/statm", static_cast<int>(pid));
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128];
  const auto n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  unsigned long size = 0, resident = 0;
  if (std::sscanf(buf, "%lu %lu", &size, &resident) != 2) return 0;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

// A pollable handle on the child, so a quick exit wakes us at once; -1 on kernels without pidfd.
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// One captured output stream: the read end of a pipe and what was kept of it.
struct Capture {
  int fd = -1;
  std::string* text = nullptr;
  std::size_t cap = 0;

  // Reads what is there now; false once the writers are gone (or on an error).
  bool drain() {
    char buf[65536];
    for (;;) {
      const ssize_t n = read(fd, buf, sizeof buf);
      if (n > 0) {
        const auto keep = std::min(static_cast<std::size_t>(n), cap - std::min(cap, text->size()));
        text->append(buf, keep);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
  }
  void close_fd() {
    if (fd >= 0) close(fd);
    fd = -1;
  }
};

[[noreturn]] void exec_child(const std::vector<char*>& argv, const ChildOptions& options, int out, int err) {
  setpgid(0, 0);  // its own process group, so a timeout kills what it started too
  if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) _exit(127);
  const int in = open(options.stdin_path.empty() ? "/dev/null" : options.stdin_path.c_str(), O_RDONLY);
  if (in < 0) _exit(127);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  const ChildLimits& limits = options.limits;
  if (limits.address_limit && limits.memory_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) << 20;
    const rlimit as{bytes, bytes};
    setrlimit(RLIMIT_AS, &as);
  }
  const rlimit core{0, 0};
  setrlimit(RLIMIT_CORE, &core);
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

// vfork in a frame of its own that holds nothing a returning child could clobber: no copy of the
// (large) parent address space, and the child only makes system calls until exec.
pid_t spawn(const std::vector<char*>& argv, const ChildOptions& options, int out, int err) {
  const pid_t pid = vfork();
  if (pid == 0) exec_child(argv, options, out, err);
  return pid;
}

}  // namespace

ChildRun run_child(const std::vector<std::string>& argv, const ChildOptions& options) {
  ChildRun run;
  if (argv.empty()) {
    run.spawn_error = "no program given";
    return run;
  }
  const std::string program = resolve_program(argv[0]);
  if (program.empty()) {
    run.spawn_error = "cannot find the program " + argv[0];
    return run;
  }
  std::vector<char*> cargv{const_cast<char*>(program.c_str())};
  for (std::size_t i = 1; i < argv.size(); ++i) cargv.push_back(const_cast<char*>(argv[i].c_str()));
  cargv.push_back(nullptr);

  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    run.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return run;
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    run.spawn_error = std::string("pipe: ") + std::strerror(errno);
    close(out[0]);
    close(out[1]);
    return run;
  }

  const auto start = Clock::now();
  const pid_t pid = spawn(cargv, options, out[1], err[1]);
  close(out[1]);
  close(err[1]);
  Capture captures[2] = {{out[0], &run.out, options.limits.output_cap}, {err[0], &run.err, options.limits.output_cap}};
  if (pid < 0) {
    run.spawn_error = std::string("vfork: ") + std::strerror(errno);
    for (auto& c : captures) c.close_fd();
    return run;
  }
  for (auto& c : captures) fcntl(c.fd, F_SETFL, O_NONBLOCK);

  const int pidfd = open_pidfd(pid);
  const auto deadline = start + options.limits.timeout;
  const std::size_t limit_kb = options.limits.memory_mb * 1024;
  int status = 0;
  rusage usage{};
  for (;;) {
    for (auto& c : captures)
      if (c.fd >= 0 && !c.drain()) c.close_fd();
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    const auto now = Clock::now();
    if (now >= deadline) {
      run.timed_out = true;
    } else if (limit_kb > 0) {
      if (const auto rss = rss_kb(pid); rss > limit_kb) {
        run.memory_exceeded = true;
        run.peak_rss_kb = rss;
      }
    }
    if (run.timed_out || run.memory_exceeded) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      break;
    }
    // Wake on output, on the exit, or every 10 ms to sample memory and the clock.
    pollfd fds[3];
    nfds_t n = 0;
    for (auto& c : captures)
      if (c.fd >= 0) fds[n++] = pollfd{c.fd, POLLIN, 0};
    if (pidfd >= 0) fds[n++] = pollfd{pidfd, POLLIN, 0};
    const auto wait = std::min<Clock::duration>(deadline - now, std::chrono::milliseconds(10));
    poll(fds, n, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count()) + 1);
  }
  if (pidfd >= 0) close(pidfd);
  kill(-pid, SIGKILL);  // anything it left behind in its group
  // What it wrote before it ended is still in the pipes.
  for (auto& c : captures) {
    if (c.fd >= 0) c.drain();
    c.close_fd();
  }
  run.elapsed = Clock::now() - start;

  run.peak_rss_kb = std::max(run.peak_rss_kb, static_cast<std::size_t>(usage.ru_maxrss));
  if (limit_kb > 0 && run.peak_rss_kb > limit_kb) run.memory_exceeded = true;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  return run;
}

bool links_sanitizer(const std::string& executable) {
  const int fd = open(executable.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  const bool sized = fstat(fd, &st) == 0 && st.st_size > 0;
  void* map = sized ? mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  close(fd);
  if (map == MAP_FAILED) return false;
  const std::string_view data(static_cast<const char*>(map), static_cast<std::size_t>(st.st_size));
  bool found = false;
  for (std::string_view needle : {"__asan_init", "__msan_init", "__tsan_init", "__hwasan_init"})
    found = found || data.find(needle) != std::string_view::npos;
  munmap(map, static_cast<std::size_t>(st.st_size));
  return found;
}

}  // namespace tlsrpt::util
