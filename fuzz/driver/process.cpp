#include "fuzz/driver/process.hpp"

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
#include <fstream>
#include <string_view>
#include <thread>

extern char** environ;

namespace tlsrpt::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

std::string read_capped(const std::string& path, std::size_t cap) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat st {};
  const auto size = fstat(fd, &st) == 0 ? std::min(cap, static_cast<std::size_t>(st.st_size)) : 0;
  std::string out(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const auto n = read(fd, out.data() + got, size - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  close(fd);
  out.resize(got);
  return out;
}

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

[[noreturn]] void exec_child(const std::vector<char*>& argv, const std::string& dir, const std::string& stdin_path,
                             const ProcessLimits& limits) {
  setpgid(0, 0);  // its own process group, so a timeout kills what it started too
  if (chdir(dir.c_str()) != 0) _exit(127);
  const int in = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
  const int out = open("stdout", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err = open("stderr", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (in < 0 || out < 0 || err < 0) _exit(127);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  if (limits.address_limit) {
    const rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) << 20;
    const rlimit as{bytes, bytes};
    setrlimit(RLIMIT_AS, &as);
  }
  const rlimit fsize{rlim_t{1} << 30, rlim_t{1} << 30};  // a target that floods its output stops at 1 GiB
  setrlimit(RLIMIT_FSIZE, &fsize);
  const rlimit core{0, 0};
  setrlimit(RLIMIT_CORE, &core);
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

}  // namespace

ProcessRun run_process(const std::vector<std::string>& argv, const std::string& dir, const std::string& stdin_path,
                       const ProcessLimits& limits) {
  ProcessRun run;
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  const auto start = Clock::now();
  // vfork: no copy of the (large) parent address space; the child only makes system calls until exec.
  const pid_t pid = vfork();
  if (pid < 0) {
    run.spawn_error = std::string("vfork: ") + std::strerror(errno);
    return run;
  }
  if (pid == 0) exec_child(cargv, dir, stdin_path, limits);

  const int pidfd = open_pidfd(pid);
  const auto deadline = start + limits.timeout;
  const std::size_t limit_kb = limits.memory_mb * 1024;
  int status = 0;
  rusage usage{};
  auto sleep_for = std::chrono::microseconds(50);
  for (;;) {
    const pid_t done = wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    const auto now = Clock::now();
    if (now >= deadline) {
      run.timed_out = true;
    } else if (const auto rss = rss_kb(pid); rss > limit_kb) {
      run.memory_exceeded = true;
      run.peak_rss_kb = rss;
    }
    if (run.timed_out || run.memory_exceeded) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      break;
    }
    const auto wait = std::min<Clock::duration>(deadline - now, std::chrono::milliseconds(10));
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      poll(&p, 1, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count()) + 1);
    } else {
      std::this_thread::sleep_for(std::min<Clock::duration>(sleep_for, wait));
      sleep_for = std::min(sleep_for * 2, std::chrono::microseconds(5000));
    }
  }
  if (pidfd >= 0) close(pidfd);
  kill(-pid, SIGKILL);  // anything it left behind in its group
  run.elapsed = Clock::now() - start;

  run.peak_rss_kb = std::max(run.peak_rss_kb, static_cast<std::size_t>(usage.ru_maxrss));
  if (run.peak_rss_kb > limit_kb) run.memory_exceeded = true;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = read_capped(dir + "/stdout", limits.output_cap);
  run.err = read_capped(dir + "/stderr", limits.output_cap);
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

}  // namespace tlsrpt::fuzz
