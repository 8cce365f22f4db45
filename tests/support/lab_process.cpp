#include "tests/support/lab_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

#include "tests/support/paths.hpp"

namespace tlsrpt::test {

LabProcess::LabProcess(const std::vector<std::string>& args, const std::string& ready_line,
                       std::chrono::milliseconds deadline) {
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    close(pipefd[1]);
    std::vector<std::string> argv{binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    execv(cargs[0], cargs.data());
    _exit(127);
  }
  close(pipefd[1]);
  fd_ = pipefd[0];
  fcntl(fd_, F_SETFL, fcntl(fd_, F_GETFL) | O_NONBLOCK);
  if (!wait_for_output("\n" + ready_line + "\n", deadline)) {
    const std::string seen = out_;
    stop(SIGKILL);
    throw std::runtime_error("tlsrpt-lab did not become ready; output:\n" + seen);
  }
}

LabProcess::~LabProcess() {
  if (pid_ > 0) stop(SIGKILL);
  if (fd_ >= 0) close(fd_);
}

void LabProcess::pump(std::chrono::milliseconds wait) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(wait.count())) <= 0) return;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) return;
    out_.append(buf, static_cast<std::size_t>(n));
  }
}

bool LabProcess::wait_for_output(const std::string& needle, std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (out_.find(needle) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int status = 0;
    if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      pump(std::chrono::milliseconds(0));
      return out_.find(needle) != std::string::npos;
    }
    pump(std::min(left, std::chrono::milliseconds(200)));
  }
  return true;
}

int LabProcess::stop(int signal, std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) != pid_) {
    if (std::chrono::steady_clock::now() > until) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    pump(std::chrono::milliseconds(50));
  }
  pid_ = -1;
  pump(std::chrono::milliseconds(0));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace tlsrpt::test
